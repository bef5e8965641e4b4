/**
 * `plan` takes the planner's question: the model, report and cost flags of the single-purpose
 * commands, with units; the same flags give the same figures through `plan`, `report`, `bandwidth`,
 * `whatif bandwidth`, `whatif outage` and `plan-protection`, and change them from the defaults.
 */
import {runCommand} from '@oclif/test'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const run = (args: string[]) => runCommand(args, {root})
const tmp = tempDir()
const QUESTION = ['--rpo', '30', '--exclude-disk', '*pagefile*']
let plan: ReportDocument
let defaults: ReportDocument
let profile: string

/** A command's --json output, parsed. */
async function json<T>(args: string[]): Promise<T> {
  const {stdout, error} = await run([...args, '--json'])
  expect(error).toBeUndefined()
  return JSON.parse(stdout) as T
}

beforeAll(async () => {
  const out = join(tmp, 'o')
  const result = await run(['plan', CONTOSO, '--out', out, '--bandwidth', '200Mbps', ...QUESTION])
  expect(result.error).toBeUndefined()
  plan = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  profile = join(out, 'profile.sqlite')
  const base = join(tmp, 'defaults.json')
  expect((await run(['report', '--profile', profile, '--json', base])).error).toBeUndefined()
  defaults = JSON.parse(readFileSync(base, 'utf8'))
})

describe('plan --bandwidth 200Mbps --rpo 30 --exclude-disk "*pagefile*"', () => {
  it('plans the one RPO at the planned bandwidth without the pagefile disk', () => {
    expect(plan.assumptions).toMatchObject({rpoMinutes: [30], bandwidthMbps: 200, excludeDisks: ['*pagefile*']})
    expect(plan.bandwidth.rpos.map((r) => r.rpoMinutes)).toEqual([30])
    expect(plan.protection.batching.map((b) => [b.rpoMinutes, b.totalBandwidthMbps])).toEqual([[30, 200]])
    expect(plan.whatIf[0].atBandwidth!.bandwidthMbps).toBe(200)
    expect(plan.cost!.network.plan).toBe('ExpressRoute Standard Metered 200 Mbps')
    // RDS01's pagefile is its own: all VMs after fixes need less without it (227.9 with it).
    expect(plan.afterFixes!.rpos[0].bandwidth100Mbps).toBeLessThan(defaults.afterFixes!.rpos[1].bandwidth100Mbps)
    expect(plan.bandwidth.churn.disks.some((d) => /pagefile/i.test(d.disk))).toBe(false)
    // IR at 200 Mbps instead of the 30-minute B100: 2,663 GB take 2,663 × 2^33 / 200e6 s = 31.8 h.
    expect(plan.protection.batching[0].plan.batches[0].irSeconds / 3600).toBeCloseTo((2663 * 2 ** 33) / 200e6 / 3600, 6)
    expect(defaults.protection.batching[1].plan.batches[0].irSeconds).toBeGreaterThan(plan.protection.batching[0].plan.batches[0].irSeconds)
  })

  it('gives the same figures through report and the single-purpose commands', async () => {
    const reportFile = join(tmp, 'report.json')
    expect((await run(['report', '--profile', profile, '--json', reportFile, '--bandwidth', '200', ...QUESTION])).error).toBeUndefined()
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ReportDocument
    for (const key of ['scope', 'bandwidth', 'afterFixes', 'whatIf', 'protection', 'outage', 'cost', 'heatMap'] as const) expect(report[key], key).toEqual(plan[key])
    const bandwidth = await json<ReportDocument['bandwidth'] & {afterFixes: unknown; scope: unknown}>(['bandwidth', '--profile', profile, ...QUESTION])
    expect(bandwidth.rpos).toEqual(plan.bandwidth.rpos)
    expect(bandwidth.afterFixes).toEqual(plan.afterFixes)
    expect(bandwidth.scope).toEqual(plan.scope)
    const protection = await json<ReportDocument['protection']>(['plan-protection', '--profile', profile, '--bandwidth', '0.2Gbps', ...QUESTION])
    expect(protection.batching).toEqual(plan.protection.batching)
    expect(protection.volumes).toEqual(plan.protection.volumes)
    const whatIf = await json<{points: unknown[]}>(['whatif', 'bandwidth', '--profile', profile, '--bandwidth', '200Mbit/s', ...QUESTION])
    expect(whatIf.points[0]).toEqual(plan.whatIf[0].atBandwidth)
    const outage = await json<ReportDocument['outage']>(['whatif', 'outage', '--profile', profile, '--hours', '4h', ...QUESTION])
    expect(outage.vms).toEqual(plan.outage.vms)
  })
})

describe('quantity flags on the command line', () => {
  it('are refused with the flag named and the expected unit when the dimension is wrong (exit 2)', async () => {
    const bad = await run(['plan', CONTOSO, '--out', join(tmp, 'bad'), '--bandwidth', '1kg'])
    expect(bad.error?.message).toContain('Invalid option --bandwidth: must be a bandwidth in Mbps or with a unit')
    expect(bad.error?.oclif?.exit).toBe(2)
    expect((await run(['whatif', 'outage', '--profile', profile, '--hours', '3GB'])).error?.message).toContain('Invalid option --hours: must be a duration in h')
    expect((await run(['whatif', 'bandwidth', '--profile', profile, '--sweep', '1h:2h:1h'])).error?.message).toContain('Invalid option --sweep: must be a bandwidth in Mbps')
    expect((await run(['bandwidth', '--profile', profile, '--rpo', '5MB'])).error?.message).toContain('Invalid option --rpo: must be a duration in min')
  })

  it('read units in whatif, outage and sample', async () => {
    const sweep = await json<{points: Array<{bandwidthMbps: number}>}>(['whatif', 'bandwidth', '--profile', profile, '--sweep', '100Mbps:0.3Gbps:100Mbps', '--rpo', '0.25h'])
    expect(sweep.points.map((p) => p.bandwidthMbps)).toEqual([100, 200, 300])
    const outage = await json<{outageHours: number}>(['whatif', 'outage', '--profile', profile, '--hours', '1.5d'])
    expect(outage.outageHours).toBe(36)
    const sample = await json<{startUtc: string; rows: number}>(['sample', '--out', join(tmp, 's'), '--vms', '2', '--days', '1', '--interval', '1min'])
    const rows = await json<{rows: number}>(['sample', '--out', join(tmp, 's2'), '--vms', '2', '--days', '1', '--interval', '60'])
    expect(sample.rows).toBe(rows.rows)
  })
})

describe('repeated warnings', () => {
  it('are one warning with the count and the first few names: every disk of 24 VMs without an inventory entry', async () => {
    const estate = join(tmp, 'estate')
    expect((await run(['sample', '--out', estate, '--vms', '24', '--days', '1'])).error).toBeUndefined()
    const {rmSync} = await import('node:fs')
    rmSync(join(estate, 'inventory.csv'))
    const {stderr, stdout, error} = await run(['plan', estate, '--out', join(tmp, 'no-inventory')])
    expect(error).toBeUndefined()
    expect(stdout).toContain('(no inventory: VMs guessed from paths)')
    // oclif wraps a warning over lines prefixed " ›": one warning is one text between "Warning:" marks.
    const lines = stderr.split('Warning:').slice(1).map((w) => w.replace(/\s*\n ›\s+/g, ' ').trim()).filter((w) => w.includes('without an inventory entry'))
    expect(lines).toHaveLength(1)
    const report = JSON.parse(readFileSync(join(tmp, 'no-inventory', 'report.json'), 'utf8')) as ReportDocument
    const guessed = report.profile.quality.guessedInstances.length
    expect(guessed).toBeGreaterThan(20)
    expect(lines[0]).toMatch(new RegExp(`${guessed} disk instances without an inventory entry: VM and volume guessed from the path \\(.+, .+, .+, .+, .+ and ${guessed - 5} more; all in the Data Quality sheet and hvplan profile show\\)`))
  })
})
