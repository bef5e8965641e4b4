import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {closedFormBandwidth100, cycleLogBytes, mbpsToBytesPerSec} from '../../models/replication.js'
import {HvplanError} from '../../src/errors.js'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {drivingInterval, planReplication, type ReplicationPlan} from '../../src/plan/replicationPlan.js'
import {parseSweep, planWhatIf} from '../../src/plan/whatIfPlan.js'
import {type LoadedProfile, loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const tmp = tempDir()
let profile: LoadedProfile
let plan: ReplicationPlan

beforeAll(async () => {
  const path = join(tmp, 'contoso.sqlite')
  await ingestInputs([SAMPLE], {profile: path, windowMinutes: 5, excludeInstances: []})
  const store = ProfileStore.open(path, {create: false})
  profile = loadProfile(store, {measures: ['writeBytes']})
  store.close()
  plan = planReplication(profile, normalizeReplicationOptions({}))
})

describe('replication plan on samples/contoso', () => {
  it('needs less bandwidth for a looser RPO, and B90 ≤ B100', () => {
    expect(plan.rpos.map((r) => r.rpoMinutes)).toEqual([15, 30, 60])
    for (let i = 1; i < plan.rpos.length; i++) expect(plan.rpos[i].bandwidth100Mbps).toBeLessThanOrEqual(plan.rpos[i - 1].bandwidth100Mbps)
    for (const r of plan.rpos) expect(r.bandwidth90Mbps).toBeLessThanOrEqual(r.bandwidth100Mbps)
    // Plausible: above the mean send rate, below the sum of every VM's own B100.
    for (const r of plan.rpos) {
      expect(r.bandwidth100Mbps).toBeGreaterThan(plan.siteMeanSendMbps)
      expect(r.bandwidth100Mbps).toBeLessThan(r.perVm.reduce((n, v) => n + v.bandwidth100Mbps, 0))
    }
  })

  it('names the interval that sets B100, on copy-cycle boundaries, and the SQL VMs that wrote most in it', () => {
    // HV03's collector gap leaves a few windows to fill (same time of day, other days).
    const filled = plan.filledWindowShare
    expect(filled).toBeGreaterThan(0)
    expect(filled).toBeLessThan(0.05)
    const r15 = plan.rpos[0]
    const from = (Date.parse(r15.driver.fromUtc) / 1000 - profile.firstWindow * 300) | 0
    const to = (Date.parse(r15.driver.toUtc) / 1000 - profile.firstWindow * 300) | 0
    expect((to - from) % 300).toBe(0)
    expect(r15.driver.vms[0].vm).toMatch(/^SQL0[12]$/)
    expect(r15.driver.text).toMatch(/^set by (Sun|Mon) 2026-10-2[56] \d\d:\d\d–\d\d:\d\d UTC: SQL0[12] \d+ %/)
  })

  it('finds the driving interval of the closed form on a hand-made run', () => {
    const params = {copyFrequencySeconds: 300, applyLatencySeconds: 0}
    const logs = cycleLogBytes([0, 0, 0, 0, 5e8, 7e8, 0, 1e8, 0, 0], 300, 300)
    const exact = closedFormBandwidth100(logs, params, 1800)
    expect(drivingInterval(logs, params, exact.bandwidthBytesPerSec)).toEqual([exact.fromSeconds, exact.toSeconds])
  })

  it('excluding the pagefile disk lowers every figure; --vm narrows to one VM', () => {
    const without = planReplication(profile, normalizeReplicationOptions({excludeDisk: ['*pagefile*']}))
    expect(without.diskCount).toBe(21)
    for (let i = 0; i < 3; i++) expect(without.rpos[i].bandwidth100Mbps).toBeLessThan(plan.rpos[i].bandwidth100Mbps)
    const sql01 = planReplication(profile, normalizeReplicationOptions({vm: ['SQL01']}))
    expect(sql01.vmCount).toBe(1)
    // The per-VM figure is bisected to 1e-4 relative, the site figure to 1e-6.
    const perVm = plan.rpos[0].perVm.find((v) => v.vm === 'SQL01')!.bandwidth100Mbps
    expect(Math.abs(sql01.rpos[0].bandwidth100Mbps - perVm) / perVm).toBeLessThan(2e-4)
  })

  it('applies growth to every figure: +50 % instead of +30 % scales B100 and churn by 1.5/1.3', () => {
    const more = planReplication(profile, normalizeReplicationOptions({growth: 50}))
    expect(more.siteChurn.percentileMBps / plan.siteChurn.percentileMBps).toBeCloseTo(1.5 / 1.3, 9)
    // Churn is writes: MB/s × 8 × 2^20 / 10^6 is the send rate in Mbps at wire factor 1.
    expect(plan.siteChurn.avgMBps * 8 * 2 ** 20 / 1e6).toBeCloseTo(plan.siteMeanSendMbps, 9)
    expect(more.rpos[0].bandwidth100Mbps / plan.rpos[0].bandwidth100Mbps).toBeCloseTo(1.5 / 1.3, 5)
    expect(mbpsToBytesPerSec(more.siteMeanSendMbps) / mbpsToBytesPerSec(plan.siteMeanSendMbps)).toBeCloseTo(1.5 / 1.3, 9)
  })

  it('rejects an RPO the copy frequency cannot meet, naming the flag', () => {
    expect(() => normalizeReplicationOptions({rpo: [5], copyFrequency: '5m'})).toThrow(HvplanError)
    expect(() => normalizeReplicationOptions({rpo: [5], copyFrequency: '5m'})).toThrow(/^Invalid option --rpo: must exceed the copy frequency plus apply latency \(5 min\), got 5$/)
  })
})

describe('what-if on samples/contoso', () => {
  it('at B100 for 15 minutes the worst RPO is 15 minutes and there is no violation', () => {
    const options = normalizeReplicationOptions({rpo: [15]})
    const b100 = planReplication(profile, options).rpos[0].bandwidth100Mbps
    const [at, below] = planWhatIf(profile, options, [b100, b100 * 0.9]).points
    expect(at.achievableRpoMinutes).toBeLessThanOrEqual(15 + 1e-6)
    expect(at.violations.count).toBe(0)
    expect(at.withinTargetShare).toBe(1)
    expect(below.achievableRpoMinutes).toBeGreaterThan(15)
    expect(below.violations.count).toBeGreaterThan(0)
  })

  it('a sweep gives an RPO that never rises with bandwidth, one worst RPO per UTC day', () => {
    const plan = planWhatIf(profile, normalizeReplicationOptions({rpo: [15]}), parseSweep('50:500:50'))
    expect(plan.points.map((p) => p.bandwidthMbps)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500])
    for (let i = 1; i < plan.points.length; i++) expect(plan.points[i].achievableRpoMinutes).toBeLessThanOrEqual(plan.points[i - 1].achievableRpoMinutes + 1e-9)
    // The profile runs from 22:00 UTC on 24 October to 23:00 UTC on 26 October.
    expect(plan.points[0].worstRpoPerDay.map((d) => d.dayUtc)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26'])
    expect(plan.points[0].unstable).toBe(plan.points[0].bandwidthMbps <= plan.meanSendMbps)
  })

  it('reads sweeps and rejects bad ones with the flag named', () => {
    expect(parseSweep('10:30:10')).toEqual([10, 20, 30])
    expect(() => parseSweep('30:10:10')).toThrow(/^Invalid option --sweep: must be FROM:TO:STEP/)
  })
})

describe('churn figures of the replication plan', () => {
  it('are the profile figures times the growth factor, per VM, and the idle VM writes 4 KB', async () => {
    const {summarizeProfile} = await import('../../src/profile/summary.js')
    const store = ProfileStore.open(join(tmp, 'contoso.sqlite'), {create: false})
    const shown = summarizeProfile(store)
    const full = planReplication(loadProfile(store), normalizeReplicationOptions({}))
    store.close()
    for (const v of shown.vms) {
      const c = full.churn.vms.find((x) => x.vm === v.vm)!
      expect(c.percentileMBps / v.p95ChurnMBps).toBeCloseTo(1.3, 12)
      expect(c.avgGBPerDay / v.avgGBPerDay).toBeCloseTo(1.3, 12)
    }
    // IDLE01's only disk writes 4 KiB blocks (sample generator's idle role); values printed to 0.1.
    expect(full.churn.vms.find((x) => x.vm === 'IDLE01')!.avgWriteSizeKB).toBeCloseTo(4, 1)
    expect(full.churn.disks).toHaveLength(22)
    expect(full.churn.site.avgMBps).toBeGreaterThan(full.churn.vms[0].avgMBps)
  })
})
