/**
 * What every plan figure starts from, computed once: the profile, the normalized options, the
 * disks kept by --vm and --exclude-disk, and each kept disk's bytes written per window with its
 * gaps filled (models/fillGaps.ts: never zero). The send series, the churn figures, the heat map,
 * the replica-log needs and the outage tolerance all read these same filled series.
 */
import {type ChurnFigures, churnFigures, readEach, sumSeries} from '../../models/churnStats.js'
import {fillMissingWindows} from '../../models/fillGaps.js'
import {HvplanError} from '../errors.js'
import {globToRegExp} from '../ingest/mapping.js'
import {asProfileSeries, type LoadedProfile, type ProfileDisk, type ProfileSeries} from '../store/loadProfile.js'
import {SeriesRecords} from '../store/seriesRecords.js'
import type {ReplicationOptions} from './replicationOptions.js'

/** The inventory facts kept with a disk (docs/formats.md); any may be missing. */
export interface DiskInventory {
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

export interface PlanBasis {
  /** The profile, read one disk at a time (held in memory when it fits, else from a temporary file). */
  readonly profile: ProfileSeries
  readonly options: ReplicationOptions
  /** Indices of the profile's disks kept by --vm and --exclude-disk. */
  readonly kept: readonly number[]
  /** A kept disk's bytes written per window, gaps filled, without growth (read only; `into` as for ProfileSeries.measure). */
  readonly filled: (disk: number, into?: Float64Array) => Float64Array
  /** Share of the kept disks' windows that were gaps and got filled. */
  readonly filledWindowShare: number
  /** Frees the series (the plan is done). */
  readonly close: () => void
}

/**
 * The basis of a profile (a loaded one is read in place). Each kept disk with gaps gets its filled
 * series once; a complete disk's filled series is its own series (nothing is copied).
 */
export function planBasis(loaded: LoadedProfile | ProfileSeries, options: ReplicationOptions): PlanBasis {
  const profile = asProfileSeries(loaded)
  const vmRes = options.vms.map(globToRegExp)
  const diskRes = options.excludeDisks.map(globToRegExp)
  const keep = profile.disks.map((d) => (vmRes.length === 0 || vmRes.some((r) => r.test(d.vm))) && !diskRes.some((r) => r.test(d.instance) || r.test(diskInventory(d).path ?? '')))
  const kept = keep.flatMap((k, i) => (k ? [i] : []))
  if (kept.length === 0) throw new HvplanError('E_FLAG', `must select at least one VM and disk of the profile, got none`, {flag: options.vms.length ? 'vm' : 'exclude-disk'})
  const wpd = 86_400 / profile.windowSeconds
  const n = profile.windowCount
  // Which kept disks have gaps: only they get a filled series of their own.
  const slot = new Int32Array(profile.disks.length).fill(-1)
  let withGaps = 0
  for (const i of kept) {
    const s = profile.measure(i, 'writeBytes')
    for (let w = 0; w < s.length; w++) {
      if (s[w] !== s[w]) {
        slot[i] = withGaps++
        break
      }
    }
  }
  const records = new SeriesRecords(withGaps, n)
  let filledWindows = 0
  for (const i of kept) {
    if (slot[i] < 0) continue
    const f = fillMissingWindows(profile.measure(i, 'writeBytes'), wpd, profile.firstWindow)
    filledWindows += f.filled
    records.write(slot[i], f.values)
  }
  return {
    profile,
    options,
    kept,
    filled: (i, into) => (slot[i] >= 0 ? records.read(slot[i], 0, n, into) : keep[i] ? profile.measure(i, 'writeBytes', into) : new Float64Array(0)),
    filledWindowShare: n ? filledWindows / (kept.length * n) : 0,
    close: () => {
      records.close()
      profile.close()
    },
  }
}

export function diskInventory(disk: ProfileDisk): DiskInventory {
  return (disk.inventory ?? {}) as DiskInventory
}

/**
 * The host volume a disk's file is on, by the name planners use: a cluster shared volume is one
 * volume for every node ("CL01 C:\ClusterStorage\Volume1"), a local one belongs to its host
 * ("HV04 D:\").
 */
export function hostVolume(disk: ProfileDisk): string {
  const inv = diskInventory(disk)
  return /ClusterStorage/i.test(disk.volume) ? `${inv.cluster || 'cluster'} ${disk.volume}` : `${inv.host ?? disk.hosts[0] ?? '?'} ${disk.volume}`
}

/** The kept disks of each VM, VMs in profile order; only the VMs of `vms` when given. */
export function disksByVm(basis: PlanBasis, vms?: ReadonlySet<string>): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const i of basis.kept) {
    const vm = basis.profile.disks[i].vm
    if (vms && !vms.has(vm)) continue
    out.set(vm, [...(out.get(vm) ?? []), i])
  }
  return out
}

/** Per-window sum of the filled series of some disks, times a factor (growth, wire); into: a zeroed or reused array of windowCount. */
export function sumFilled(basis: PlanBasis, disks: readonly number[], factor = 1, into?: Float64Array): Float64Array {
  const out = into ? into.fill(0) : new Float64Array(basis.profile.windowCount)
  const buffer = scratch('read', out.length)
  for (const i of disks) {
    const f = basis.filled(i, buffer)
    for (let w = 0; w < out.length; w++) out[w] += f[w] * factor
  }
  return out
}

const figuresCache = new WeakMap<PlanBasis, Map<string, ChurnFigures>>()

const scratchBuffers = new Map<string, Float64Array>()
/** A buffer of n windows for one measure's sums, reused across workloadFigures calls. */
function scratch(name: string, n: number): Float64Array {
  let buffer = scratchBuffers.get(name)
  if (!buffer || buffer.length !== n) scratchBuffers.set(name, (buffer = new Float64Array(n)))
  return buffer
}

/**
 * The growth-adjusted churn and IOPS figures of some disks summed per window (one disk, a VM, the
 * site), computed once per basis: the assessment and the replication plan ask for the same VMs and
 * disks. Measures not loaded give NaN figures.
 */
export function workloadFigures(basis: PlanBasis, indices: readonly number[]): ChurnFigures {
  let cache = figuresCache.get(basis)
  if (!cache) figuresCache.set(basis, (cache = new Map()))
  // The same disks in any order are the same figures (the assessment and the plan list a VM's
  // disks in different orders).
  const key = indices.length === 1 ? String(indices[0]) : [...indices].sort((a, b) => a - b).join(',')
  let figures = cache.get(key)
  if (!figures) {
    const {profile, options} = basis
    const n = profile.windowCount
    // One disk's figures read its own series (churnFigures only reads); several disks are summed
    // into scratch buffers reused from call to call (only the figures are kept).
    // (A measure not loaded is empty: its figures are NaN.)
    const pick = (m: 'writeBytes' | 'writeOps' | 'readOps') =>
      indices.length === 1 || !profile.measures.includes(m) ? profile.measure(indices[0], m) : sumSeries(readEach(indices, (i, into) => profile.measure(i, m, into), scratch('read', n)), n, scratch(m, n))
    const filled = indices.length === 1 ? basis.filled(indices[0]) : sumSeries(readEach(indices, basis.filled, scratch('read', n)), n, scratch('filled', n))
    figures = churnFigures({writeBytes: pick('writeBytes'), filledWriteBytes: filled, writeOps: pick('writeOps'), readBytes: new Float64Array(0), readOps: pick('readOps')}, profile.windowSeconds, profile.firstWindow, options.percentile, options.growthFactor)
    cache.set(key, figures)
  }
  return figures
}
