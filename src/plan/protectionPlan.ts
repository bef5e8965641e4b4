/**
 * `hvplan plan-protection`: what a planner must settle before enabling protection (spec §4.4–4.7)
 * for the VMs to protect — Azure sizes and cores, storage accounts, the Hyper-V Replica log space
 * each host volume needs per RPO, and IR batches per RPO. Every log figure is per VHD, on the
 * volume its churn is written to. Assumptions are listed in docs/protection.md.
 */
import type {Tier} from '../../models/azureStorage.js'
import {drNeedBytes, irNeedBytes, vhdBacklogPeak, vhdBacklogPeakAt, volumeSpaceStatus, type VolumeSpaceStatus, worstSpanBytes} from '../../models/hrlSpace.js'
import {type BatchInput, type BatchPlan, planBatches, volumeRequirements} from '../../models/irBatches.js'
import {bytesPerSecToMbps, cycleLogBytes, mbpsToBytesPerSec, uploadTimes} from '../../models/replication.js'
import {type Account, accountPrefix, placeInAccounts} from '../../models/storageAccounts.js'
import {limit, type Limits} from '../limits.js'
import {count} from '../text.js'
import type {VmCatalog} from '../vmCatalog.js'
import {type ProtectionScope, premiumProvisionedGB, type VmAssessment} from './assessment.js'
import {diskInventory, disksByVm, hostVolume, type PlanBasis} from './basis.js'
import type {ReplicationPlan} from './replicationPlan.js'

const GB = 2 ** 30

export interface ProtectedVm extends VmAssessment {
  /** In the scope: compatible, or forced in with --include-vm, and not --exclude-vm. */
  readonly protect: boolean
}

/** A host volume's replica-log space for one RPO: one figure per volume per RPO, used by every output. */
export interface VolumeRpoSpace {
  readonly rpoMinutes: number
  /** Σ DR needs of its VHDs, and the IR needs of the batch where the volume holds most, GB. */
  readonly drNeedGB: number
  readonly irNeedGB: number
  /** The most the volume holds at once over the batches (models/irBatches.ts volumeRequirements), GB. */
  readonly requiredGB: number
  readonly additionalGB: number
  /** short: additional > 0; tight: required > hrlTightShareOfFreeSpace × free (models/hrlSpace.ts). */
  readonly status: VolumeSpaceStatus
}

export interface VolumeSpace {
  readonly volume: string
  /** VMs to protect with a VHD on the volume. */
  readonly vms: readonly string[]
  readonly freeGB: number
  readonly byRpo: readonly VolumeRpoSpace[]
}

export interface ProtectionPlan {
  readonly limitsSet: string
  readonly vmCatalog: string
  readonly scope: ProtectionScope
  /** Σ vCPUs of the sizes chosen for the VMs to protect: the cores to request in the target region. */
  readonly coresToRequest: number
  readonly vms: readonly ProtectedVm[]
  readonly volumes: readonly VolumeSpace[]
  /** Per RPO, at the planned bandwidth or else that RPO's B100. */
  readonly batching: ReadonlyArray<{readonly rpoMinutes: number; readonly totalBandwidthMbps: number; readonly plan: BatchPlan}>
  readonly managedDisks: boolean
  readonly storageAccounts: readonly Account[]
}

/** Hours of initial replication over all batches (Infinity when a batch gets no bandwidth). */
export function irHours(plan: BatchPlan): number {
  return plan.batches.reduce((n, b) => n + b.irSeconds, 0) / 3600
}

/** "2 batches, 33.8 h" (or "…, no bandwidth left"), as the terminal and page 1 say it; "—" without a plan. */
export function irSummary(plan: BatchPlan | undefined): string {
  if (!plan) return '—'
  const hours = irHours(plan)
  return `${count(plan.batches.length, 'batch', 'batches')}, ${Number.isFinite(hours) ? `${hours.toFixed(1)} h` : 'no bandwidth left'}`
}

export function planProtection(
  basis: PlanBasis,
  assessed: readonly VmAssessment[],
  scope: ProtectionScope,
  replication: ReplicationPlan,
  limits: Limits,
  catalog: VmCatalog,
  options: {readonly bandwidthMbps?: number; readonly managedDisks: boolean},
): ProtectionPlan {
  const inScope = new Set(scope.vms)
  const vms: ProtectedVm[] = assessed.map((v) => ({...v, protect: inScope.has(v.vm)}))
  const free = volumeFreeBytes(basis, scope)
  const facts = vmLogFacts(basis, scope)
  const batching = replication.rpos.map((rpo) => {
    const total = mbpsToBytesPerSec(options.bandwidthMbps ?? rpo.bandwidth100Mbps)
    const inputs = batchInputs(facts, free, rpo, basis.options, limit(limits, 'hrlResyncShareOfVhd'))
    return {rpoMinutes: rpo.rpoMinutes, totalBandwidthMbps: bytesPerSecToMbps(total), plan: planBatches(inputs, free, total)}
  })
  const tight = limit(limits, 'hrlTightShareOfFreeSpace')
  const vmsOnVolume = new Map<string, Set<string>>()
  for (const v of facts) for (const d of v.vhds) vmsOnVolume.set(d.volume, (vmsOnVolume.get(d.volume) ?? new Set()).add(v.vm))
  const perRpo = batching.map((b) => new Map(volumeRequirements(b.plan, free).map((r) => [r.volume, r])))
  const volumes: VolumeSpace[] = [...vmsOnVolume.entries()].map(([volume, names]) => ({
    volume,
    vms: [...names],
    freeGB: (free.get(volume) ?? NaN) / GB,
    byRpo: batching.map((b, k) => {
      const r = perRpo[k].get(volume)
      const required = r?.requiredBytes ?? 0
      return {rpoMinutes: b.rpoMinutes, drNeedGB: (r?.drNeedBytes ?? 0) / GB, irNeedGB: (r?.irNeedBytes ?? 0) / GB, requiredGB: required / GB, additionalGB: (r?.additionalBytes ?? 0) / GB, status: volumeSpaceStatus(required, free.get(volume) ?? NaN, tight)}
    }),
  }))
  const toProtect = vms.filter((v) => v.protect)
  const coresToRequest = toProtect.reduce((n, v) => n + (catalog.sizes.find((s) => s.name === v.azureSize)?.vcpus ?? 0), 0)
  // Accounts: premium VMs by their disks' tier sizes, standard by IOPS; snapshots ≈ one day of churn.
  const tiers = limits.premiumTiers.tiers as readonly Tier[]
  const items = toProtect.map((v) => ({
    vm: v.vm,
    storage: v.storage.storage,
    iops: Number.isFinite(v.churn.percentileRwIops) ? v.churn.percentileRwIops : 0,
    sizeGB: v.storage.storage === 'premium' ? premiumProvisionedGB(v.storage, tiers) : v.vhdGB,
    snapshotGB: Number.isFinite(v.churn.avgGBPerDay) ? v.churn.avgGBPerDay : 0,
  }))
  const storageAccounts = placeInAccounts(
    items,
    {standardAccountIops: limit(limits, 'standardAccountIops'), premiumAccountCapacityGB: limit(limits, 'premiumAccountCapacityTB') * 1024, premiumSnapshotGB: limit(limits, 'maxSnapshotStorageTB') * 1024, managedDisks: options.managedDisks},
    accountPrefix(items.map((i) => i.vm)),
  )
  return {limitsSet: limits.set, vmCatalog: catalog.source, scope, coresToRequest, vms, volumes, batching, managedDisks: options.managedDisks, storageAccounts}
}

/** Free space (bytes) of each host volume the scope's VHDs are on; NaN where the inventory does not say. */
function volumeFreeBytes(basis: PlanBasis, scope: ProtectionScope): Map<string, number> {
  const free = new Map<string, number>()
  for (const disks of disksByVm(basis, new Set(scope.vms)).values()) {
    for (const i of disks) free.set(hostVolume(basis.profile.disks[i]), (diskInventory(basis.profile.disks[i]).volumeFreeGB ?? NaN) * GB)
  }
  return free
}

/**
 * The facts of a VM's VHDs that do not depend on the RPO: cycle logs and worst spans of the filled
 * writes, without growth — logs, backlogs and spans all scale with the growth factor, so it is
 * applied to the results (a backlog at bandwidth B of logs × g is g × the backlog at B / g) and no
 * grown copy of every series is kept.
 */
interface VmLogFacts {
  readonly vm: string
  readonly vhds: ReadonlyArray<{readonly volume: string; readonly vhdBytes: number; readonly logs: (into?: Float64Array) => ArrayLike<number>; readonly largestLog: number; readonly worstSpan: (seconds: number) => number}>
  readonly usedBytes: number
  readonly meanChurnBytesPerSec: number
}

/**
 * Per VM of the scope, the facts above; each VHD's cycle logs are read again when asked (a
 * 10,000-VM scope holds none of them between steps), its worst spans computed once per length.
 */
function vmLogFacts(basis: PlanBasis, scope: ProtectionScope): VmLogFacts[] {
  const {profile, options} = basis
  const f = options.copyFrequencySeconds
  const g = options.growthFactor
  // With the copy frequency equal to the window, the cycle logs are the windows themselves.
  // A series read to compute from and drop (a worst span, cycle logs of another length).
  const scratch = new Float64Array(profile.windowCount)
  const logsOf = (i: number, into?: Float64Array) => (f === profile.windowSeconds ? basis.filled(i, into) : cycleLogBytes(basis.filled(i, scratch), profile.windowSeconds, f))
  /** A VHD's facts; its closures keep only the disk's index and its worst spans. */
  const vhdOf = (i: number, largestLog: number) => {
    const sizeGB = diskInventory(profile.disks[i]).maxSizeGB
    const spans = new Map<number, number>() // worst span bytes (with growth) by span length in windows
    const worstSpan = (seconds: number) => {
      const m = Math.ceil(seconds / profile.windowSeconds - 1e-9) // Infinity stays Infinity
      let bytes = spans.get(m)
      if (bytes === undefined) {
        bytes = worstSpanBytes(basis.filled(i, scratch), profile.windowSeconds, m * profile.windowSeconds) * g
        spans.set(m, bytes)
      }
      return bytes
    }
    return {volume: hostVolume(profile.disks[i]), vhdBytes: sizeGB === undefined ? Infinity : sizeGB * GB, logs: (into?: Float64Array) => logsOf(i, into), largestLog: largestLog * g, worstSpan}
  }
  const read = new Float64Array(profile.windowCount) // a VHD's logs, added up and dropped
  return [...disksByVm(basis, new Set(scope.vms)).entries()].map(([vm, disks]) => {
    let vmLogs = new Float64Array(0)
    const vhds = []
    for (const i of disks) {
      const logs = logsOf(i, read)
      let largestLog = 0
      for (let k = 0; k < logs.length; k++) if (logs[k] > largestLog) largestLog = logs[k]
      if (vmLogs.length === 0) vmLogs = new Float64Array(logs.length)
      for (let k = 0; k < logs.length; k++) vmLogs[k] += logs[k]
      vhds.push(vhdOf(i, largestLog))
    }
    let total = 0
    for (const x of vmLogs) total += x
    const usedBytes = disks.reduce((s, i) => s + (diskInventory(profile.disks[i]).fileSizeGB ?? diskInventory(profile.disks[i]).maxSizeGB ?? 0), 0) * GB
    return {vm, vhds, usedBytes, meanChurnBytesPerSec: (total * g) / (vmLogs.length * f || 1)}
  })
}

/**
 * Each VHD's worst backlog (without growth) while its VM keeps a DR bandwidth: the VM's logs with
 * growth upload at the DR bandwidth ÷ wire factor, so the unscaled logs at that ÷ growth; their
 * upload times are the VM's, the same for each of its VHDs. (A function of its own: the IR-need
 * closures built from its results must not keep the VM's month-long arrays alive.)
 */
function vhdBacklogs(vm: VmLogFacts, drBytesPerSec: number, options: PlanBasis['options'], buffers: Float64Array[]): number[] {
  const logBandwidth = drBytesPerSec / options.wireFactor / options.growthFactor
  const logs = vm.vhds.map((v, j) => v.logs(buffers[j]))
  // Buffers of the logs' length for the next VMs.
  for (let j = 0; j < logs.length; j++) if (buffers[j]?.length !== logs[j].length) buffers[j] = new Float64Array(logs[j].length)
  const vmLogs = new Float64Array(logs[0]?.length ?? 0)
  for (const l of logs) for (let k = 0; k < l.length; k++) vmLogs[k] += l[k]
  const done = logBandwidth > 0 ? uploadTimes(vmLogs, options.copyFrequencySeconds, logBandwidth) : undefined
  return logs.map((l) => (done ? vhdBacklogPeakAt(done, l, options.copyFrequencySeconds) : vhdBacklogPeak(vmLogs, l, options.copyFrequencySeconds, logBandwidth)))
}

/**
 * Each VM's batching facts at one RPO, per VHD on the volume its churn is written to: the DR need
 * (its worst backlog while the VM keeps its DR bandwidth, plus its largest cycle's log, at most
 * 50 % of the VHD) and the IR need for an IR of a given length (2 × the most it writes in any span
 * that long, at most the VHD's size).
 */
function batchInputs(facts: readonly VmLogFacts[], free: ReadonlyMap<string, number>, rpo: ReplicationPlan['rpos'][number], options: PlanBasis['options'], resyncShare: number): BatchInput[] {
  const dr = new Map(rpo.perVm.map((p) => [p.vm, mbpsToBytesPerSec(p.drBandwidthMbps)]))
  // One VM's VHD logs at a time, read into buffers reused from VM to VM.
  const buffers: Float64Array[] = []
  return facts.map((vm): BatchInput => {
    const drBytesPerSec = dr.get(vm.vm) ?? 0
    const backlogs = vhdBacklogs(vm, drBytesPerSec, options, buffers)
    const byVolume = new Map<string, Array<{irNeed: (seconds: number) => number; drNeed: number}>>()
    vm.vhds.forEach((v, j) => {
      const entry = {
        irNeed: (seconds: number) => irNeedBytes(v.vhdBytes, v.worstSpan(seconds)),
        drNeed: drNeedBytes(v.vhdBytes, options.growthFactor * backlogs[j], v.largestLog, resyncShare),
      }
      byVolume.set(v.volume, [...(byVolume.get(v.volume) ?? []), entry])
    })
    const frees = [...byVolume.keys()].map((v) => free.get(v) ?? NaN).filter((x) => Number.isFinite(x))
    const leastFree = frees.length ? Math.min(...frees) : NaN
    return {
      vm: vm.vm,
      volumes: [...byVolume.entries()].map(([volume, list]) => ({volume, irNeedBytes: (seconds: number) => list.reduce((n, v) => n + v.irNeed(seconds), 0), drNeedBytes: list.reduce((n, v) => n + v.drNeed, 0)})),
      irBytes: vm.usedBytes,
      // IR must finish before its logs (2 × churn × IR time) outgrow the free space; unknown free space sets no minimum.
      irMinBytesPerSec: Number.isNaN(leastFree) ? 0 : leastFree > 0 ? (2 * vm.meanChurnBytesPerSec * vm.usedBytes) / leastFree : Infinity,
      drBytesPerSec,
    }
  })
}
