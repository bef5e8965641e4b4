/**
 * Which VMs can be protected and how (spec §4.3–4.5), and so the one scope every replication
 * figure is computed on: the VMs to protect are the compatible ones (Yes, Yes*, and Unknown where
 * the inventory lacks a fact), plus --include-vm, minus --exclude-vm (--all-vms: every profiled
 * VM). Inventory VMs without counter data are listed apart, never planned as zero churn.
 */
import {type Tier, vmStorage, type VmStorage} from '../../models/azureStorage.js'
import type {ChurnFigures} from '../../models/churnStats.js'
import {checkCompatibility, type Compatibility, type CompatibilityLimits} from '../../models/compatibility.js'
import {pickVmSize} from '../../models/vmSize.js'
import {globToRegExp} from '../ingest/mapping.js'
import {limit, type Limits} from '../limits.js'
import {type LoadedProfile, vmsWithoutData} from '../store/loadProfile.js'
import type {VmCatalog} from '../vmCatalog.js'
import {diskInventory, disksByVm, type PlanBasis, workloadFigures} from './basis.js'

export interface DiskAssessment {
  readonly path: string
  readonly sizeGB: number | undefined
  /** Growth-adjusted figures of the disk alone. */
  readonly churn: ChurnFigures
}

export interface VmAssessment {
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
  /** Growth-adjusted churn and IOPS of the VM (its disks' per-window sum). */
  readonly churn: ChurnFigures
  readonly disks: readonly DiskAssessment[]
}

export function assessVms(basis: PlanBasis, limits: Limits, catalog: VmCatalog, managedDisks: boolean): VmAssessment[] {
  const {profile} = basis
  const inv = (i: number) => diskInventory(profile.disks[i])
  const compatLimits: CompatibilityLimits = {
    ...(Object.fromEntries(['maxDiskSizeGB', 'maxOsDiskSizeGen1GB', 'maxOsDiskSizeGen2GB', 'maxDisksPerVm', 'maxIopsPerDisk', 'maxIopsPerVm', 'maxAverageChurnPerVmMBps', 'maxAverageEffectiveWriteIops'].map((k) => [k, limit(limits, k)])) as unknown as CompatibilityLimits),
    premium: {
      premiumChurnLimitSmallIoMBps: limit(limits, 'premiumChurnLimitSmallIoMBps'),
      premiumChurnLimitLargeIoMBps: limit(limits, 'premiumChurnLimitLargeIoMBps'),
      premiumLargeIoMinKB: limit(limits, 'premiumLargeIoMinKB'),
      premiumAccountCapacityGB: limit(limits, 'premiumAccountCapacityTB') * 1024,
      maxSnapshotStorageGB: limit(limits, 'maxSnapshotStorageTB') * 1024,
    },
  }
  const tiers = limits.premiumTiers.tiers as readonly Tier[]
  const figures = (indices: readonly number[]) => workloadFigures(basis, indices)
  return [...disksByVm(basis).entries()].map(([vm, indices]): VmAssessment => {
    const f = figures(indices)
    const first = inv(indices[0])
    const disks = indices.map((i): DiskAssessment => ({path: inv(i).path ?? profile.disks[i].instance, sizeGB: inv(i).maxSizeGB, churn: figures([i])}))
    const diskFacts = indices.map((i, k) => ({path: disks[k].path, role: (inv(i).diskRole === 'OS' ? 'OS' : inv(i).diskRole === 'Data' ? 'Data' : undefined) as 'OS' | 'Data' | undefined, sizeGB: disks[k].sizeGB, iops: disks[k].churn.percentileRwIops, mbps: disks[k].churn.percentileMBps}))
    // Read + write MB/s is the throughput a premium disk must serve.
    const storage = vmStorage(
      diskFacts.map((d) => ({path: d.path, sizeGB: d.sizeGB ?? 0, iops: Number.isFinite(d.iops) ? d.iops : 0, mbps: Number.isFinite(d.mbps) ? d.mbps : 0})),
      f.percentileMBps,
      {standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps'), premiumWhenDiskIopsAbove: limit(limits, 'premiumWhenDiskIopsAbove')},
      tiers,
      limits.standardSsdTiers.tiers,
    )
    const compatibility = checkCompatibility(
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
        // Snapshots are estimated as one day of churn with growth.
        premium:
          storage.storage === 'premium'
            ? {averageWriteSizeKB: Number.isFinite(f.avgWriteSizeKB) ? f.avgWriteSizeKB : undefined, provisionedGB: premiumProvisionedGB(storage, tiers) * (managedDisks ? 1 : 2), managedDisks, snapshotGB: Number.isFinite(f.avgGBPerDay) ? f.avgGBPerDay : 0}
            : undefined,
      },
      compatLimits,
    )
    const compatible = compatibility.verdict === 'Yes' && storage.disks.some((d) => d.higherTierNeeded) ? 'Yes*' : compatibility.verdict
    const size =
      first.vcpus === undefined || first.memoryMB === undefined
        ? undefined
        : pickVmSize({vcpus: first.vcpus, memoryMB: first.memoryMB, dataDisks: Math.max(0, indices.length - 1), nics: first.nics ?? 1, iops: Number.isFinite(f.percentileRwIops) ? f.percentileRwIops : 0, premium: storage.storage === 'premium'}, catalog.sizes)
    return {
      vm,
      hosts: [...new Set(indices.flatMap((i) => profile.disks[i].hosts))],
      compatibility,
      compatible,
      storage,
      vcpus: first.vcpus,
      memoryMB: first.memoryMB,
      vhdGB: indices.reduce((s, i) => s + (inv(i).maxSizeGB ?? 0), 0),
      usedGB: indices.reduce((s, i) => s + (inv(i).fileSizeGB ?? inv(i).maxSizeGB ?? 0), 0),
      azureSize: size?.name,
      churn: f,
      disks,
    }
  })
}

/** Premium provisioned size of a VM's disks: each disk's tier by need, else by size, GB. */
export function premiumProvisionedGB(storage: VmStorage, tiers: readonly Tier[]): number {
  const tierSize = new Map(tiers.map((t) => [t.tier, t.maxSizeGB]))
  return storage.disks.reduce((sum, d) => sum + (tierSize.get(d.byNeed ?? d.bySize ?? '') ?? 0), 0)
}

export interface ScopeOptions {
  /** Plan these VMs (globs) even when incompatible. */
  readonly includeVms: readonly string[]
  /** Leave these VMs (globs) out of the plan. */
  readonly excludeVms: readonly string[]
  /** Every profiled VM, compatible or not (what the estate needs once every VM is fixed). */
  readonly allVms: boolean
}

export const DEFAULT_SCOPE: ScopeOptions = {includeVms: [], excludeVms: [], allVms: false}

export interface ProtectionScope {
  /** 'to protect' (the default) or 'all profiled' (--all-vms). */
  readonly basis: 'to protect' | 'all profiled'
  /** The VMs every replication figure is computed on, in profile order. */
  readonly vms: readonly string[]
  readonly profiledVms: number
  /** Profiled VMs outside the scope and why. */
  readonly left: ReadonlyArray<{readonly vm: string; readonly reason: string}>
  /** Incompatible VMs planned anyway (--include-vm). */
  readonly forced: readonly string[]
  /** In the scope with compatibility Unknown (a fact missing from the inventory). */
  readonly unknown: readonly string[]
  /**
   * Inventory disks without counter data, by VM: whole VMs (profiled false: not planned, listed as
   * "no data") and disks of profiled VMs (planned from their other disks).
   */
  readonly withoutData: ReadonlyArray<{readonly vm: string; readonly host: string; readonly profiled: boolean; readonly disks: ReadonlyArray<{readonly path: string; readonly sizeGB: number | undefined}>}>
  /** "9 of 12 VMs; not protected: DC01, FS01, RDS01 (incompatible)". */
  readonly text: string
}

export function protectionScope(assessed: readonly VmAssessment[], options: ScopeOptions, withoutData: LoadedProfile['withoutData'] = []): ProtectionScope {
  const include = options.includeVms.map(globToRegExp)
  const exclude = options.excludeVms.map(globToRegExp)
  const left: Array<{vm: string; reason: string}> = []
  const vms: string[] = []
  const forced: string[] = []
  for (const v of assessed) {
    if (exclude.some((r) => r.test(v.vm))) left.push({vm: v.vm, reason: 'excluded with --exclude-vm'})
    else if (options.allVms || v.compatible !== 'No') vms.push(v.vm)
    else if (include.some((r) => r.test(v.vm))) {
      vms.push(v.vm)
      forced.push(v.vm)
    } else left.push({vm: v.vm, reason: v.compatibility.findings.filter((f) => f.verdict === 'incompatible').map((f) => f.text).join('; ')})
  }
  const noDataAll = vmsWithoutData({disks: assessed.map((v) => ({vm: v.vm})), withoutData})
  const noData = noDataAll.filter((v) => !v.profiled)
  const basis = options.allVms ? 'all profiled' : 'to protect'
  const text = `${vms.length} of ${assessed.length} profiled VMs${options.allVms ? ' (all, --all-vms)' : ''}${left.length ? `; not protected: ${left.map((l) => l.vm).join(', ')}` : ''}${forced.length ? `; forced in: ${forced.join(', ')}` : ''}${noData.length ? `; no counter data: ${noData.map((v) => v.vm).join(', ')}` : ''}`
  return {basis, vms, profiledVms: assessed.length, left, forced, unknown: assessed.filter((v) => v.compatible === 'Unknown' && vms.includes(v.vm)).map((v) => v.vm), withoutData: noDataAll, text}
}
