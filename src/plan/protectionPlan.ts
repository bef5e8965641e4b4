/**
 * `hvplan plan-protection`: what a planner must settle before enabling protection (spec §4.3–4.7)
 * — compatibility per VM with reasons, storage type and premium tiers, on-premises HRL space per
 * host volume, and IR batches per RPO — from the profile, the inventory facts kept with it, the
 * limits (data) and the replication model. Assumptions are listed in docs/protection.md.
 */
import {type Tier, vmStorage, type VmStorage} from '../../models/azureStorage.js'
import {type ChurnFigures, churnFigures, sumSeries} from '../../models/churnStats.js'
import {checkCompatibility, type Compatibility, type CompatibilityLimits} from '../../models/compatibility.js'
import {drNeedBytes, irNeedBytes} from '../../models/hrlSpace.js'
import {type BatchPlan, planBatches} from '../../models/irBatches.js'
import {bytesPerSecToMbps, cycleLogBytes, mbpsToBytesPerSec} from '../../models/replication.js'
import {type Account, accountPrefix, placeInAccounts} from '../../models/storageAccounts.js'
import {pickVmSize} from '../../models/vmSize.js'
import {whatIfBandwidth} from '../../models/whatIf.js'
import {globToRegExp} from '../ingest/mapping.js'
import {limit, type Limits} from '../limits.js'
import type {LoadedProfile} from '../store/loadProfile.js'
import type {VmCatalog} from '../vmCatalog.js'
import type {ReplicationOptions} from './replicationOptions.js'
import {planReplication, type ReplicationPlan, sendSeries} from './replicationPlan.js'

const GB = 2 ** 30

interface DiskInventory {
  host?: string
  cluster?: string
  generation?: number
  vcpus?: number
  memoryMB?: number
  nics?: number
  highlyAvailable?: boolean
  replicaBroker?: boolean
  path?: string
  diskRole?: string
  maxSizeGB?: number
  fileSizeGB?: number
  sharedVhdx?: boolean
  virtualFibreChannel?: boolean
  volume?: string
  volumeFreeGB?: number
}

export interface ProtectedVm {
  readonly vm: string
  readonly hosts: readonly string[]
  readonly compatibility: Compatibility
  /** "Yes", "Yes*" (a disk needs a higher premium tier than its size maps to), "No" or "Unknown". */
  readonly compatible: 'Yes' | 'Yes*' | 'No' | 'Unknown'
  readonly storage: VmStorage
  readonly vcpus: number | undefined
  readonly memoryMB: number | undefined
  readonly vhdGB: number
  readonly usedGB: number
  /** The smallest catalog size that fits, or undefined when none does (or the inventory lacks the facts). */
  readonly azureSize: string | undefined
  /** Planned for protection: compatible, or forced in with --include-vm. */
  readonly protect: boolean
}

export interface VolumeSpace {
  readonly volume: string
  readonly vms: readonly string[]
  readonly freeGB: number
  /** Σ DR need of the volume's VMs, and the largest IR need among them, GB. */
  readonly drNeedGB: number
  readonly irNeedGB: number
  /** Σ DR need of its VMs + the largest IR need among them (IR runs batch by batch). */
  readonly requiredGB: number
  readonly additionalGB: number
}

export interface ProtectionPlan {
  readonly limitsSet: string
  readonly vmCatalog: string
  /** Σ vCPUs of the sizes chosen for the protectable VMs: the cores to request in the target region. */
  readonly coresToRequest: number
  readonly vms: readonly ProtectedVm[]
  readonly volumes: readonly VolumeSpace[]
  readonly batching: ReadonlyArray<{readonly rpoMinutes: number; readonly totalBandwidthMbps: number; readonly plan: BatchPlan}>
  readonly managedDisks: boolean
  readonly storageAccounts: readonly Account[]
}

/** `replication` may be passed in when the caller already has it for the same profile and options. */
export function planProtection(profile: LoadedProfile, options: ReplicationOptions, limits: Limits, catalog: VmCatalog, bandwidthMbps?: number, managedDisks = true, includeVms: readonly string[] = [], replication: ReplicationPlan = planReplication(profile, options)): ProtectionPlan {
  const forced = includeVms.map(globToRegExp)
  const send = sendSeries(profile, options)
  const {kept} = send
  const n = profile.windowCount
  const inv = (i: number) => (profile.disks[i].inventory ?? {}) as DiskInventory
  const byVm = new Map<string, number[]>()
  for (const i of kept) byVm.set(profile.disks[i].vm, [...(byVm.get(profile.disks[i].vm) ?? []), i])
  const compatLimits = Object.fromEntries(['maxDiskSizeGB', 'maxOsDiskSizeGen1GB', 'maxOsDiskSizeGen2GB', 'maxDisksPerVm', 'maxIopsPerDisk', 'maxIopsPerVm', 'maxAverageChurnPerVmMBps', 'maxAverageEffectiveWriteIops'].map((k) => [k, limit(limits, k)])) as unknown as CompatibilityLimits
  const tiers = limits.premiumTiers.tiers as readonly Tier[]
  const tierSize = new Map(tiers.map((t) => [t.tier, t.maxSizeGB]))
  /** Premium provisioned size of a VM's disks: the tier by need, else by size. */
  const premiumGB = (storage: VmStorage) => storage.disks.reduce((sum, d) => sum + (tierSize.get(d.byNeed ?? d.bySize ?? '') ?? 0), 0)
  const vmFigures = new Map<string, ChurnFigures>()
  const figures = (indices: number[]) =>
    churnFigures(
      {writeBytes: sumSeries(indices.map((i) => profile.series[i].writeBytes), n), writeOps: sumSeries(indices.map((i) => profile.series[i].writeOps), n), readBytes: sumSeries(indices.map((i) => profile.series[i].readBytes), n), readOps: sumSeries(indices.map((i) => profile.series[i].readOps), n)},
      profile.windowSeconds,
      profile.firstWindow,
      options.percentile,
      options.growthPercent,
    )
  const vms: ProtectedVm[] = [...byVm.entries()].map(([vm, indices]) => {
    const f = figures(indices)
    vmFigures.set(vm, f)
    const first = inv(indices[0])
    const diskFacts = indices.map((i) => {
      const d = figures([i])
      return {path: inv(i).path ?? profile.disks[i].instance, role: (inv(i).diskRole === 'OS' ? 'OS' : inv(i).diskRole === 'Data' ? 'Data' : undefined) as 'OS' | 'Data' | undefined, sizeGB: inv(i).maxSizeGB, iops: d.percentileRwIops, mbps: d.percentileMBps}
    })
    let compatibility = checkCompatibility(
      {
        name: vm,
        generation: first.generation === 1 || first.generation === 2 ? first.generation : undefined,
        disks: diskFacts,
        iops: f.percentileRwIops,
        averageChurnMBps: f.avgMBps,
        averageEffectiveWriteIops: f.avgWriteIops,
        sharedVhdx: indices.some((i) => inv(i).sharedVhdx === true) ? true : indices.every((i) => inv(i).sharedVhdx === false) ? false : undefined,
        virtualFibreChannel: first.virtualFibreChannel,
        clustered: first.cluster === undefined ? undefined : first.cluster !== '',
        highlyAvailable: first.highlyAvailable,
        replicaBroker: first.replicaBroker,
      },
      compatLimits,
    )
    // Read + write MB/s is the throughput a premium disk must serve.
    const storage = vmStorage(
      diskFacts.map((d) => ({path: d.path, sizeGB: d.sizeGB ?? 0, iops: Number.isFinite(d.iops) ? d.iops : 0, mbps: Number.isFinite(d.mbps) ? d.mbps : 0})),
      f.percentileMBps,
      {standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps'), premiumWhenDiskIopsAbove: limit(limits, 'premiumWhenDiskIopsAbove')},
      tiers,
    )
    // Two rules need the storage decision: a premium VM must fit one premium account (35 TB
    // provisioned, twice its size for test failover on unmanaged disks) and its snapshots (about
    // one day of churn) 10 TB.
    if (storage.storage === 'premium') {
      const provisioned = premiumGB(storage) * (managedDisks ? 1 : 2)
      const accountGB = limit(limits, 'premiumAccountCapacityTB') * 1024
      const snapshotGB = limit(limits, 'maxSnapshotStorageTB') * 1024
      const extra = [
        ...(provisioned > accountGB ? [{rule: 'premium-account-size', verdict: 'incompatible' as const, text: `replication${managedDisks ? '' : ' + test failover'} needs ${Math.round(provisioned).toLocaleString('en-US')} GB, more than a premium account's ${accountGB.toLocaleString('en-US')} GB`}] : []),
        ...(f.avgGBPerDay > snapshotGB ? [{rule: 'snapshot-storage', verdict: 'incompatible' as const, text: `snapshot storage of about ${Math.round(f.avgGBPerDay).toLocaleString('en-US')} GB a day exceeds ${snapshotGB.toLocaleString('en-US')} GB`}] : []),
      ]
      if (extra.length) compatibility = {...compatibility, verdict: 'No', findings: [...compatibility.findings, ...extra]}
    }
    const compatible = compatibility.verdict === 'Yes' && storage.disks.some((d) => d.higherTierNeeded) ? 'Yes*' : compatibility.verdict
    const size =
      first.vcpus === undefined || first.memoryMB === undefined
        ? undefined
        : pickVmSize({vcpus: first.vcpus, memoryMB: first.memoryMB, dataDisks: Math.max(0, indices.length - 1), nics: first.nics ?? 1, iops: Number.isFinite(f.percentileRwIops) ? f.percentileRwIops : 0, premium: storage.storage === 'premium'}, catalog.sizes)
    return {
      azureSize: size?.name,
      protect: compatible !== 'No' || forced.some((r) => r.test(vm)),
      vm,
      hosts: [...new Set(indices.flatMap((i) => profile.disks[i].hosts))],
      compatibility,
      compatible,
      storage,
      vcpus: first.vcpus,
      memoryMB: first.memoryMB,
      vhdGB: indices.reduce((s, i) => s + (inv(i).maxSizeGB ?? 0), 0),
      usedGB: indices.reduce((s, i) => s + (inv(i).fileSizeGB ?? inv(i).maxSizeGB ?? 0), 0),
    }
  })

  // HRL space per VM and volume, for each RPO's bandwidth.
  const params = {copyFrequencySeconds: options.copyFrequencySeconds, applyLatencySeconds: options.applyLatencySeconds}
  const volumeKey = (i: number) => `${/ClusterStorage/i.test(profile.disks[i].volume) ? inv(i).cluster || 'cluster' : inv(i).host ?? profile.disks[i].hosts[0] ?? '?'} ${profile.disks[i].volume}`
  const volumeFree = new Map<string, number>()
  for (const i of kept) volumeFree.set(volumeKey(i), (inv(i).volumeFreeGB ?? NaN) * GB)
  // Only VMs to protect take part (an incompatible VM is reported, not planned, unless --include-vm).
  const protectable = [...byVm.entries()].filter(([vm]) => vms.find((v) => v.vm === vm)!.protect)
  const usedOf = (indices: number[]) => indices.reduce((s, i) => s + (inv(i).fileSizeGB ?? inv(i).maxSizeGB ?? 0), 0) * GB
  const batching = replication.rpos.map((rpo) => {
    const total = mbpsToBytesPerSec(bandwidthMbps ?? rpo.bandwidth100Mbps)
    // Kept DR bandwidth: each VM's own B100, scaled so that together they need what the site
    // does (VMs do not all peak at once; unscaled, the sum would exceed the site's B100).
    const ownB100 = new Map(rpo.perVm.map((p) => [p.vm, mbpsToBytesPerSec(p.bandwidth100Mbps)]))
    const sumOwn = protectable.reduce((n, [vm]) => n + (ownB100.get(vm) ?? 0), 0)
    const drScale = sumOwn > 0 ? Math.min(1, mbpsToBytesPerSec(rpo.bandwidth100Mbps) / sumOwn) : 1
    const facts = protectable.map(([vm, indices]) => {
      const logs = cycleLogBytes(send.byVm.get(vm)!, profile.windowSeconds, params.copyFrequencySeconds)
      const own = ownB100.get(vm) ?? 0
      const backlog = own > 0 ? whatIfBandwidth(logs, params, own, rpo.rpoMinutes * 60).worstBacklogBytes : 0
      const perVolume = new Map<string, number>()
      for (const i of indices) perVolume.set(volumeKey(i), (perVolume.get(volumeKey(i)) ?? 0) + (inv(i).maxSizeGB ?? 0) * GB)
      return {
        vm,
        backlog,
        oneCycle: logs.reduce((m, x) => Math.max(m, x), 0),
        churn: logs.reduce((a, b) => a + b, 0) / (logs.length * params.copyFrequencySeconds || 1),
        vhd: indices.reduce((sum, i) => sum + (inv(i).maxSizeGB ?? 0), 0) * GB,
        used: usedOf(indices),
        perVolume,
        dr: own * drScale,
      }
    })
    // The IR log-space need depends on how long IR takes, which depends on the batch: first each
    // VM's IR alone on the whole link, then again with the IR time of the batch it landed in.
    const inputsFor = (irSecondsOf: (vm: string, used: number) => number) =>
      facts.map((f) => {
        const share = (bytes: number) => (f.vhd > 0 ? bytes / f.vhd : 0)
        const mainFree = Math.min(...[...f.perVolume.keys()].map((v) => volumeFree.get(v) ?? NaN))
        return {
          vm: f.vm,
          volumes: [...f.perVolume.entries()].map(([volume, bytes]) => ({
            volume,
            irNeedBytes: irNeedBytes(bytes, f.churn * share(bytes), irSecondsOf(f.vm, f.used)),
            drNeedBytes: drNeedBytes(bytes, f.backlog * share(bytes), f.oneCycle * share(bytes), limit(limits, 'hrlResyncShareOfVhd')),
          })),
          irBytes: f.used,
          irMinBytesPerSec: mainFree > 0 ? (2 * f.churn * f.used) / mainFree : Infinity,
          drBytesPerSec: f.dr,
        }
      })
    const first = planBatches(inputsFor((_vm, used) => (total > 0 ? used / total : Infinity)), volumeFree, total)
    const batchOf = new Map(first.vms.map((r) => [r.vm, r.batch]))
    const plan = planBatches(inputsFor((vm) => first.batches[batchOf.get(vm)! - 1].irSeconds), volumeFree, total)
    return {rpoMinutes: rpo.rpoMinutes, totalBandwidthMbps: bytesPerSecToMbps(total), plan}
  })


  // Volume space from the first RPO's needs.
  const first = batching[0]
  const byVolume = new Map<string, {vms: string[]; dr: number; ir: number}>()
  for (const row of first?.plan.vms ?? []) {
    for (const v of row.volumes) {
      const entry = byVolume.get(v.volume) ?? {vms: [], dr: 0, ir: 0}
      entry.vms.push(row.vm)
      entry.dr += v.drNeedBytes
      entry.ir = Math.max(entry.ir, v.irNeedBytes)
      byVolume.set(v.volume, entry)
    }
  }
  const volumes: VolumeSpace[] = [...byVolume.entries()].map(([volume, e]) => {
    const free = (volumeFree.get(volume) ?? NaN) / GB
    const required = (e.dr + e.ir) / GB
    return {volume, vms: e.vms, freeGB: free, drNeedGB: e.dr / GB, irNeedGB: e.ir / GB, requiredGB: required, additionalGB: Math.max(0, required - free)}
  })
  const coresToRequest = vms.filter((v) => v.protect).reduce((n, v) => n + (catalog.sizes.find((s) => s.name === v.azureSize)?.vcpus ?? 0), 0)
  // Accounts: premium VMs by their disks' tier sizes, standard by IOPS; snapshots ≈ one day of churn.
  const items = vms
    .filter((v) => v.protect)
    .map((v) => {
      const f = vmFigures.get(v.vm)!
      return {
        vm: v.vm,
        storage: v.storage.storage,
        iops: Number.isFinite(f.percentileRwIops) ? f.percentileRwIops : 0,
        sizeGB: v.storage.storage === 'premium' ? premiumGB(v.storage) : v.vhdGB,
        snapshotGB: Number.isFinite(f.avgGBPerDay) ? f.avgGBPerDay : 0,
      }
    })
  const storageAccounts = placeInAccounts(
    items,
    {standardAccountIops: limit(limits, 'standardAccountIops'), premiumAccountCapacityGB: limit(limits, 'premiumAccountCapacityTB') * 1024, premiumSnapshotGB: limit(limits, 'maxSnapshotStorageTB') * 1024, managedDisks},
    accountPrefix(items.map((i) => i.vm)),
  )
  return {limitsSet: limits.set, vmCatalog: catalog.source, coresToRequest, vms, volumes, batching, managedDisks, storageAccounts}
}
