import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadLimits} from '../../src/limits.js'
import type {ScopeOptions} from '../../src/plan/assessment.js'
import {planProtection, type ProtectionPlan} from '../../src/plan/protectionPlan.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {planReplication, type ReplicationPlan} from '../../src/plan/replicationPlan.js'
import type {LoadedProfile} from '../../src/store/loadProfile.js'
import {loadVmCatalog} from '../../src/vmCatalog.js'
import {contextOf, ingestContoso} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let profile: LoadedProfile
let plan: ProtectionPlan
let replication: ReplicationPlan
const GiB = 2 ** 30

/** The protection plan as `hvplan plan-protection` makes it. */
function protect(p: LoadedProfile, options: Parameters<typeof normalizeReplicationOptions>[0] = {}, scope: Partial<ScopeOptions> = {}, limitsFile?: string, bandwidthMbps?: number, managedDisks = true): {plan: ProtectionPlan; replication: ReplicationPlan} {
  const c = contextOf(p, options, scope, limitsFile)
  const r = planReplication(c.basis, c.scope.vms, c.send)
  return {plan: planProtection(c.basis, c.assessed, c.scope, r, loadLimits(limitsFile), loadVmCatalog(), {bandwidthMbps, managedDisks}), replication: r}
}

beforeAll(async () => {
  profile = (await ingestContoso(tmp)).profile
  ;({plan, replication} = protect(profile))
})

const vm = (name: string) => plan.vms.find((v) => v.vm === name)!

describe('protection plan on samples/contoso', () => {
  it('finds the incompatible VMs the sample was built with, each with its reason', () => {
    expect(plan.vms.filter((v) => v.compatible === 'No').map((v) => [v.vm, v.compatibility.findings.map((f) => f.rule)])).toEqual([
      ['DC01', ['highly-available']],
      ['FS01', ['disk-size']],
      ['RDS01', ['os-disk-size']],
    ])
    expect(vm('FS01').compatibility.findings[0].text).toBe('disk D:\\Hyper-V\\FS01\\Virtual Hard Disks\\FS01-archive.vhdx size 5,120 GB exceeds 4,095 GB')
  })

  it('puts the busy VMs on premium storage and flags the pagefile disk for a higher tier', () => {
    for (const name of ['SQL01', 'SQL02', 'RDS01', 'BUILD01']) expect(vm(name).storage.storage).toBe('premium')
    for (const name of ['WEB01', 'DC02', 'IDLE01']) expect(vm(name).storage.storage).toBe('standard')
    const pagefile = vm('RDS01').storage.disks.find((d) => d.path.includes('pagefile'))!
    expect(pagefile.higherTierNeeded).toBe(true)
    expect(pagefile.bySize).toBe('P6') // 64 GB: P6 on today's ladder (P10 on the 2018 one)
    expect(pagefile.byNeed).toBe('P15')
  })

  it('sizes HRL space per host volume and RPO, one status rule, and batches only the VMs to protect', () => {
    const tight = loadLimits().values.hrlTightShareOfFreeSpace.value
    for (const v of plan.volumes) {
      expect(v.byRpo.map((r) => r.rpoMinutes)).toEqual([15, 30, 60])
      for (const r of v.byRpo) {
        expect(r.additionalGB).toBeCloseTo(Math.max(0, r.requiredGB - v.freeGB), 9)
        expect(r.status).toBe(r.requiredGB > v.freeGB ? 'short' : r.requiredGB > tight * v.freeGB ? 'tight' : 'ok')
      }
    }
    // HV04's D:\ (380 GB free) is tight at every RPO: more than half of its free space, not more than all of it.
    const hv04 = plan.volumes.find((v) => v.volume === 'HV04 D:\\')!
    expect(hv04.byRpo.map((r) => r.status)).toEqual(['tight', 'tight', 'tight'])
    expect(plan.volumes.find((v) => v.volume === 'HV04 E:\\')!.freeGB).toBe(95)
    const batched = plan.batching[0].plan.batches.flatMap((b) => b.vms)
    expect(batched).not.toContain('FS01')
    expect(batched.sort()).toEqual(plan.vms.filter((v) => v.compatible !== 'No').map((v) => v.vm).sort())
    expect(plan.scope.text).toBe('9 of 12 profiled VMs; not protected: DC01, FS01, RDS01')
  })

  it('batches Contoso at 30 and 60 min without a deficit, each VM\'s IR need at its batch\'s IR time', () => {
    // Used sizes of the 9 VMs (FileSizeGB): 836 + 443 + 104 + 734 + 69 + 268 + 124 + 47 + 38 = 2,663 GB.
    for (const [k, b] of plan.batching.entries()) {
      expect(b.totalBandwidthMbps).toBeCloseTo(replication.rpos[k].bandwidth100Mbps, 9)
      expect(b.plan.batches).toHaveLength(1)
      expect(b.plan.batches[0].irSeconds).toBeCloseTo((2663 * GiB * 8) / (b.totalBandwidthMbps * 1e6), 6)
      for (const r of b.plan.vms) for (const v of r.volumes) expect(v.deficitBytes).toBe(0)
      for (const v of plan.volumes) expect(v.byRpo[k].additionalGB).toBe(0)
    }
    // 30 min: 2,663 GB at 165.4 Mbps take 38.4 h. BUILD01's IR need is 2 × its worst 38.4 h of
    // writes, below its VHDs' 383 GB (the old first pass had taken the cap and made a deficit).
    expect(plan.batching[1].plan.batches[0].irSeconds / 3600).toBeCloseTo(38.4, 1)
    const build01 = plan.batching[1].plan.vms.find((r) => r.vm === 'BUILD01')!
    expect(build01.volumes.reduce((n, v) => n + v.irNeedBytes, 0) / GiB).toBeLessThan(383)
  })

  it('keeps one DR bandwidth per VM: the replication plan\'s, summing to the link at B100', () => {
    for (const [k, b] of plan.batching.entries()) {
      const dr = new Map(replication.rpos[k].perVm.map((v) => [v.vm, v.drBandwidthMbps]))
      for (const r of b.plan.vms) expect((r.drBytesPerSec * 8) / 1e6).toBeCloseTo(dr.get(r.vm)!, 9)
      expect((b.plan.batches.reduce((n, x) => n + x.drBytesPerSec, 0) * 8) / 1e6).toBeCloseTo(b.totalBandwidthMbps, 9)
    }
  })

  it('sizes each VM from the catalog and counts the cores to request', () => {
    // SQL01: 8 vCPUs, 64 GiB, 2 data disks, 2 NICs, premium: the smallest fit is E8s_v5 (8, 64 GiB).
    expect(vm('SQL01').azureSize).toBe('Standard_E8s_v5')
    // IDLE01: 1 vCPU, 2 GiB, standard storage: B2ls_v2 (2 vCPUs, 4 GiB; B2ts_v2 has 1 GiB).
    expect(vm('IDLE01').azureSize).toBe('Standard_B2ls_v2')
    const catalog = loadVmCatalog()
    const cores = plan.vms.filter((v) => v.compatible !== 'No').reduce((n, v) => n + catalog.sizes.find((s) => s.name === v.azureSize)!.vcpus, 0)
    expect(plan.coresToRequest).toBe(cores)
    expect(plan.coresToRequest).toBeGreaterThanOrEqual(plan.vms.filter((v) => v.compatible !== 'No').reduce((n, v) => n + (v.vcpus ?? 0), 0))
  })

  it('places protectable VMs in storage accounts, premium with a log account', () => {
    const premiumVms = plan.storageAccounts.filter((a) => a.storage === 'premium').flatMap((a) => a.vms).sort()
    expect(premiumVms).toEqual(plan.vms.filter((v) => v.compatible !== 'No' && v.storage.storage === 'premium').map((v) => v.vm).sort())
    expect(plan.storageAccounts.filter((a) => a.storage === 'log')).toHaveLength(1)
    for (const a of plan.storageAccounts.filter((x) => x.storage === 'standard')) expect(a.iops).toBeLessThanOrEqual(20_000)
    expect(plan.storageAccounts.flatMap((a) => (a.storage === 'log' ? [] : a.vms))).not.toContain('FS01')
  })

  it('plans an incompatible VM when --include-vm forces it in', () => {
    const forced = protect(profile, {rpo: [15]}, {includeVms: ['RDS*']}).plan
    expect(forced.vms.find((v) => v.vm === 'RDS01')).toMatchObject({compatible: 'No', protect: true})
    expect(forced.batching[0].plan.batches.flatMap((b) => b.vms)).toContain('RDS01')
    expect(forced.coresToRequest).toBe(plan.coresToRequest + 8) // RDS01's size has 8 vCPUs
    expect(forced.scope.forced).toEqual(['RDS01'])
    const without = protect(profile, {rpo: [15]}, {excludeVms: ['SQL0*']}).plan
    expect(without.scope.left.map((l) => [l.vm, l.reason.startsWith('excluded') ? 'excluded' : 'incompatible'])).toEqual([['DC01', 'incompatible'], ['FS01', 'incompatible'], ['RDS01', 'incompatible'], ['SQL01', 'excluded'], ['SQL02', 'excluded']])
  })

  it('follows a --limits override: a larger disk limit makes FS01 compatible', () => {
    const file = join(tmp, 'limits.json')
    writeFileSync(file, JSON.stringify({values: {maxDiskSizeGB: 32767}}))
    const relaxed = protect(profile, {rpo: [15]}, {}, file).plan
    expect(relaxed.vms.find((v) => v.vm === 'FS01')!.compatible).toBe('Yes')
    expect(relaxed.limitsSet).toContain('(maxDiskSizeGB)')
  })
})

describe('rules that need the storage decision', () => {
  it('a premium VM whose test failover on unmanaged disks doubles past 35 TB is incompatible', () => {
    const file = join(tmp, 'small-account.json')
    // A 1 TB premium account: SQL01's premium disks (P10 + P30 + P15 = 1,408 GB) do not fit.
    writeFileSync(file, JSON.stringify({values: {premiumAccountCapacityTB: 1}}))
    const small = protect(profile, {rpo: [15]}, {}, file).plan
    expect(small.vms.find((v) => v.vm === 'SQL01')!.compatibility.findings.map((f) => f.rule)).toEqual(['premium-account-size'])
    expect(small.vms.find((v) => v.vm === 'SQL01')!.compatibility.findings[0].text).toBe("replication needs 1,408 GB, more than a premium account's 1,024 GB")
    expect(plan.vms.find((v) => v.vm === 'SQL01')!.compatible).toBe('Yes')
  })
})

describe('a newer inventory at planning time', () => {
  it('replaces the ingested facts: marking DC01 highly available makes it compatible', async () => {
    const {readFileSync} = await import('node:fs')
    const {readInventory} = await import('../../src/ingest/inventory.js')
    const {withInventory} = await import('../../src/store/loadProfile.js')
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'samples', 'contoso', 'inventory.csv'), 'utf8')
    const edited = source.split('\r\n').map((line) => (line.includes('"DC01"') ? line.replace('"False","True"', '"True","True"') : line)).join('\r\n')
    const file = join(tmp, 'inventory.csv')
    writeFileSync(file, edited)
    const newer = protect(withInventory(profile, readInventory(file).disks), {rpo: [15]}).plan
    expect(plan.vms.find((v) => v.vm === 'DC01')!.compatible).toBe('No')
    expect(newer.vms.find((v) => v.vm === 'DC01')!.compatible).toBe('Yes')
  })
})
