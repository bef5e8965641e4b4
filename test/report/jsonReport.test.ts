import {runCommand} from '@oclif/test'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadLimits} from '../../src/limits.js'
import {planReplication} from '../../src/plan/replicationPlan.js'
import {summarizeProfile} from '../../src/profile/summary.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'
import {contextOf} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const profilePath = join(tmp, 'c.sqlite')
let report: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  await ingestInputs([join(root, 'samples', 'contoso')], {profile: profilePath, windowMinutes: 5, excludeInstances: []})
  const out = join(tmp, 'report.json')
  const {error, stdout} = await runCommand(['report', '--profile', profilePath, '--json', out, '--bandwidth', '200'], {root})
  expect(error).toBeUndefined()
  expect(stdout).toMatch(/^The plan is for 9 of 12 profiled VMs; not protected: DC01, FS01, RDS01\.\n[^]*\n +15 +188\.0 +153\.4 +254\.3 +214\.0 +ExpressRoute Standard Metered 200 Mbps +[\d,]+ +1 batch, [\d.]+ h\n[^]*\nWrote .*report\.json\.\n$/)
  report = JSON.parse(readFileSync(out, 'utf8'))
})

describe('hvplan report --json', () => {
  it('holds the same figures as the models computed directly', () => {
    const direct = withProfile(profilePath, (store) => {
      const c = contextOf(loadProfile(store))
      return {summary: summarizeProfile(store), bandwidth: planReplication(c.basis, c.scope.vms, c.send)}
    })
    expect(report.bandwidth.rpos).toEqual(JSON.parse(JSON.stringify(direct.bandwidth.rpos)))
    expect(report.profile.vms).toEqual(JSON.parse(JSON.stringify(direct.summary.vms)))
    expect(report.assumptions).toMatchObject({rpoMinutes: [15, 30, 60], percentile: 95, growthPercent: 30, copyFrequencySeconds: 300, bandwidthMbps: 200, limitsSet: loadLimits().set})
  })

  it('has a stable top-level key order and units in the figure names', () => {
    expect(Object.keys(report)).toEqual(['schema', 'generatedUtc', 'hvplanVersion', 'assumptions', 'scope', 'profile', 'bandwidth', 'afterFixes', 'whatIf', 'siteChurn', 'protection', 'outage', 'cost', 'findings', 'heatMap', 'limits'])
    expect(report.schema).toBe('hvplan-report/2')
    expect(Object.keys(report.bandwidth.rpos[0]).slice(0, 3)).toEqual(['rpoMinutes', 'bandwidth100Mbps', 'bandwidth90Mbps'])
    expect(report.whatIf.map((w: {rpoMinutes: number}) => w.rpoMinutes)).toEqual([15, 30, 60])
    expect(Object.keys(report.whatIf[0].atBandwidth).slice(0, 2)).toEqual(['bandwidthMbps', 'achievableRpoMinutes'])
  })

  it('gives an RPO-vs-bandwidth curve whose worst RPO never rises with bandwidth and meets the target at B100', () => {
    const curve = report.whatIf[0].curve as Array<{bandwidthMbps: number; achievableRpoMinutes: number}>
    expect(curve).toHaveLength(40)
    for (let i = 1; i < curve.length; i++) expect(curve[i].achievableRpoMinutes).toBeLessThanOrEqual(curve[i - 1].achievableRpoMinutes + 1e-9)
    const b100 = report.bandwidth.rpos[0].bandwidth100Mbps
    for (const p of curve.filter((x) => x.bandwidthMbps >= b100)) expect(p.achievableRpoMinutes).toBeLessThanOrEqual(15 + 1e-6)
  })

  it('lists findings a planner acts on: the VMs not protected with the bandwidth after fixes, high churn among the VMs to protect, the VSS error codes', () => {
    const byId = new Map((report.findings as Array<{id: string; vms: string[]; text: string}>).map((f) => [f.id, f]))
    expect(byId.get('not-protected')!.vms).toEqual(['DC01', 'FS01', 'RDS01'])
    expect(byId.get('not-protected')!.text).toContain(`all 12 VMs would need ${report.afterFixes.rpos[0].bandwidth100Mbps.toFixed(1)} Mbps for a 15-minute RPO (${report.bandwidth.rpos[0].bandwidth100Mbps.toFixed(1)} Mbps as planned)`)
    expect(byId.get('high-churn')!.vms).toEqual(['SQL01', 'SQL02'])
    expect(byId.get('vss')!.text).toContain('0x800700EA')
    expect(byId.get('vss')!.text).toContain('0x80070032')
  })

  it('says how long replication may stay paused: the shortest outage tolerance of the VMs to protect', () => {
    type Row = {name: string; worstHours: number | null; typicalHours: number | null; verdict: string; limitedBy: string}
    const rows = report.outage.vms as Row[]
    expect(rows.map((r) => r.name).sort()).toEqual(report.scope.vms.slice().sort())
    // Nothing fails a 4-hour outage on Contoso, so the finding is the informational one.
    expect(rows.every((r) => r.verdict === 'survives' || r.verdict === 'unknown')).toBe(true)
    const first = rows.filter((r) => r.verdict !== 'unknown' && r.worstHours !== null).sort((a, b) => a.worstHours! - b.worstHours!)[0]
    const finding = (report.findings as Array<{id: string; title: string; text: string}>).find((f) => f.id === 'paused-replication')!
    expect(finding.title).toBe(`Replication can stay paused about ${Math.floor(first.worstHours!)} h at worst`)
    expect(finding.text).toContain(`${first.name} reaches its first limit — ${first.limitedBy} — after ${first.worstHours!.toFixed(1)} h`)
  })
})
