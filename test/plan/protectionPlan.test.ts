import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadLimits} from '../../src/limits.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {planProtection, type ProtectionPlan} from '../../src/plan/protectionPlan.js'
import {type LoadedProfile, loadProfile} from '../../src/store/loadProfile.js'
import {loadVmCatalog} from '../../src/vmCatalog.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let profile: LoadedProfile
let plan: ProtectionPlan

beforeAll(async () => {
  const path = join(tmp, 'c.sqlite')
  await ingestInputs([join(import.meta.dirname, '..', '..', 'samples', 'contoso')], {profile: path, windowMinutes: 5, excludeInstances: []})
  const store = ProfileStore.open(path, {create: false})
  profile = loadProfile(store)
  store.close()
  plan = planProtection(profile, normalizeReplicationOptions({rpo: [15]}), loadLimits(), loadVmCatalog())
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
    expect(pagefile.bySize).toBe('P10')
  })

  it('sizes HRL space per host volume and batches only protectable VMs', () => {
    for (const v of plan.volumes) {
      expect(v.requiredGB).toBeCloseTo(v.drNeedGB + v.irNeedGB, 9)
      expect(v.additionalGB).toBeCloseTo(Math.max(0, v.requiredGB - v.freeGB), 9)
    }
    // The host short of space: HV04's D:\ needs most of its 380 GB free.
    const hv04 = plan.volumes.find((v) => v.volume === 'HV04 D:\\')!
    expect(hv04.requiredGB / hv04.freeGB).toBeGreaterThan(0.75)
    expect(plan.volumes.find((v) => v.volume === 'HV04 E:\\')!.freeGB).toBe(95)
    const batched = plan.batching[0].plan.batches.flatMap((b) => b.vms)
    expect(batched).not.toContain('FS01')
    expect(batched.sort()).toEqual(plan.vms.filter((v) => v.compatible !== 'No').map((v) => v.vm).sort())
  })

  it('sizes each VM from the catalog and counts the cores to request', () => {
    // SQL01: 8 vCPUs, 64 GiB, 2 data disks, 2 NICs, premium: the smallest fit is E8s_v3 (8, 64 GiB).
    expect(vm('SQL01').azureSize).toBe('Standard_E8s_v3')
    // IDLE01: 1 vCPU, 2 GiB, standard storage: B1ms.
    expect(vm('IDLE01').azureSize).toBe('Standard_B1ms')
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
    const forced = planProtection(profile, normalizeReplicationOptions({rpo: [15]}), loadLimits(), loadVmCatalog(), undefined, true, ['RDS*'])
    expect(forced.vms.find((v) => v.vm === 'RDS01')).toMatchObject({compatible: 'No', protect: true})
    expect(forced.batching[0].plan.batches.flatMap((b) => b.vms)).toContain('RDS01')
    expect(forced.coresToRequest).toBe(plan.coresToRequest + 8) // RDS01's size has 8 vCPUs
  })

  it('follows a --limits override: a larger disk limit makes FS01 compatible', () => {
    const file = join(tmp, 'limits.json')
    writeFileSync(file, JSON.stringify({values: {maxDiskSizeGB: 32767}}))
    const relaxed = planProtection(profile, normalizeReplicationOptions({rpo: [15]}), loadLimits(file), loadVmCatalog())
    expect(relaxed.vms.find((v) => v.vm === 'FS01')!.compatible).toBe('Yes')
    expect(relaxed.limitsSet).toContain('(maxDiskSizeGB)')
  })
})

describe('rules that need the storage decision', () => {
  it('a premium VM whose test failover on unmanaged disks doubles past 35 TB is incompatible', () => {
    const file = join(tmp, 'small-account.json')
    // A 1 TB premium account: SQL01's premium disks (P10 + P30 + P15 = 1,408 GB) do not fit.
    writeFileSync(file, JSON.stringify({values: {premiumAccountCapacityTB: 1}}))
    const small = planProtection(profile, normalizeReplicationOptions({rpo: [15]}), loadLimits(file), loadVmCatalog())
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
    const newer = planProtection(withInventory(profile, readInventory(file).disks), normalizeReplicationOptions({rpo: [15]}), loadLimits(), loadVmCatalog())
    expect(plan.vms.find((v) => v.vm === 'DC01')!.compatible).toBe('No')
    expect(newer.vms.find((v) => v.vm === 'DC01')!.compatible).toBe('Yes')
  })
})
