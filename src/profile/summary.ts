/**
 * What `hvplan profile show` reports: per VM and per host volume the churn the profile holds,
 * and the data quality behind it. MB = 2^20 bytes, GB = 2^30 bytes (ASR's churn table).
 */
import {churnFigures, readEach, seriesStats, sumSeries} from '../../models/churnStats.js'
import {fillMissingWindows} from '../../models/fillGaps.js'
import {defaultOf} from '../defaults.js'
import {asProfileSeries, type LoadedProfile, loadProfile, type ProfileSeries, vmsWithoutData} from '../store/loadProfile.js'
import type {ProfileStore} from '../store/profileStore.js'

const MB = 2 ** 20
export const RECOMMENDED_DAYS = 7
export const IDEAL_DAYS = 31

export interface VmSummary {
  readonly vm: string
  readonly hosts: readonly string[]
  readonly disks: number
  readonly avgChurnMBps: number
  readonly p95ChurnMBps: number
  readonly maxChurnMBps: number
  readonly avgGBPerDay: number
  /** Highest UTC day of the gap-filled series, scaled to 24 h where partly profiled (never below the average). */
  readonly worstDayGB: number
  readonly worstDayUtc: string | undefined
  /** Share of that day measured (less than 1: partly profiled or with gaps). */
  readonly worstDayMeasuredShare: number
  readonly avgWriteIops: number
  readonly maxWriteIops: number
  readonly coveragePct: number
  readonly mappedBy: string
}

export interface VolumeSummary {
  readonly volume: string
  readonly hosts: readonly string[]
  readonly vms: number
  readonly disks: number
  readonly avgChurnMBps: number
  readonly p95ChurnMBps: number
  readonly maxChurnMBps: number
}

export interface DataQuality {
  readonly files: number
  readonly firstUtc: string | undefined
  readonly lastUtc: string | undefined
  readonly daysProfiled: number
  readonly recommendedDays: number
  readonly idealDays: number
  readonly coveragePct: number
  readonly gaps: number
  readonly dstCorrections: number
  readonly backwardRows: number
  readonly valueCells: number
  readonly blankCells: number
  /** Cells that were no rate (not a decimal number, or above a plausible rate): skipped as missing. */
  readonly badCells: number
  readonly overlapClippedSeconds: number
  readonly guessedInstances: readonly string[]
  /** Inventory VMs without any counter data ("no data"): not planned, listed. */
  readonly vmsWithoutData: readonly string[]
  readonly noiseInstances: readonly string[]
  readonly localizedNames: readonly string[]
  readonly ignoredObjects: Readonly<Record<string, number>>
  readonly confidence: 'high' | 'medium' | 'low'
  readonly reasons: readonly string[]
}

export interface ProfileSummary {
  readonly windowMinutes: number
  readonly percentile: number
  readonly vms: readonly VmSummary[]
  readonly volumes: readonly VolumeSummary[]
  readonly quality: DataQuality
}

/**
 * `profile` may be passed in when the caller has already loaded it from the same store, and
 * `filled` with each disk's gap-filled write bytes (the plan's basis) when it has them.
 */
export function summarizeProfile(store: ProfileStore, percentile = defaultOf('percentile'), loaded: LoadedProfile | ProfileSeries = loadProfile(store, {measures: ['writeBytes', 'writeOps'], coverage: false}), filled?: (disk: number, into?: Float64Array) => Float64Array): ProfileSummary {
  const profile = asProfileSeries(loaded)
  const seconds = store.windowSeconds
  const n = profile.windowCount
  const wpd = 86_400 / seconds
  const filledOf = (i: number, into: Float64Array) => {
    const f = filled?.(i, into)
    return f?.length === n ? f : fillMissingWindows(profile.measure(i, 'writeBytes', into), wpd, profile.firstWindow).values
  }
  const buffer = new Float64Array(n)
  const read = (m: 'writeBytes' | 'writeOps', members: ReadonlyArray<{i: number}>) => readEach(members.map((x) => x.i), (i, into) => profile.measure(i, m, into), buffer)
  const byVm = groupBy(profile.disks.map((d, i) => ({d, i})), (x) => x.d.vm)
  const vms: VmSummary[] = [...byVm.entries()].map(([vm, members]) => {
    const f = churnFigures(
      {writeBytes: sumSeries(read('writeBytes', members), n), filledWriteBytes: sumSeries(readEach(members.map((m) => m.i), filledOf, buffer), n), writeOps: sumSeries(read('writeOps', members), n), readBytes: [], readOps: []},
      seconds,
      profile.firstWindow,
      percentile,
    )
    return {
      vm,
      hosts: [...new Set(members.flatMap((m) => m.d.hosts))],
      disks: members.length,
      avgChurnMBps: f.avgMBps,
      p95ChurnMBps: f.percentileMBps,
      maxChurnMBps: f.maxMBps,
      avgGBPerDay: f.avgGBPerDay,
      worstDayGB: f.worstDayGB,
      worstDayUtc: f.worstDayUtc,
      worstDayMeasuredShare: f.worstDayMeasuredShare,
      avgWriteIops: f.avgWriteIops,
      maxWriteIops: f.maxWriteIops,
      coveragePct: 100 * f.coverage,
      mappedBy: [...new Set(members.map((m) => m.d.mappedBy))].join('+'),
    }
  })
  const byVolume = groupBy(profile.disks.map((d, i) => ({d, i})), (x) => `${x.d.volume}|${volumeOwner(x.d.volume, x.d.hosts)}`)
  const volumes: VolumeSummary[] = [...byVolume.values()].map((members) => {
    const churn = sumSeries(read('writeBytes', members), profile.windowCount)
    const c = seriesStats(churn, percentile)
    return {
      volume: members[0].d.volume,
      hosts: [...new Set(members.flatMap((m) => m.d.hosts))],
      vms: new Set(members.map((m) => m.d.vm)).size,
      disks: members.length,
      avgChurnMBps: c.mean / seconds / MB,
      p95ChurnMBps: c.percentile / seconds / MB,
      maxChurnMBps: c.max / seconds / MB,
    }
  })
  return {windowMinutes: seconds / 60, percentile, vms, volumes, quality: dataQuality(store, profile)}
}

/** A local volume belongs to its host; a cluster shared volume to every node that used it. */
function volumeOwner(volume: string, hosts: readonly string[]): string {
  return /ClusterStorage/i.test(volume) ? 'cluster' : hosts[0] ?? ''
}

function dataQuality(store: ProfileStore, profile: ProfileSeries): DataQuality {
  const files = store.files()
  const q = files.map((f) => f.quality as any) // eslint-disable-line @typescript-eslint/no-explicit-any
  const sum = (pick: (x: any) => number) => q.reduce((n, x) => n + pick(x), 0) // eslint-disable-line @typescript-eslint/no-explicit-any
  const union = (pick: (x: any) => string[]) => [...new Set(q.flatMap(pick))] // eslint-disable-line @typescript-eslint/no-explicit-any
  const ignored: Record<string, number> = {}
  for (const x of q) for (const [k, v] of Object.entries(x.findings.ignoredObjects as Record<string, number>)) ignored[k] = (ignored[k] ?? 0) + v
  let windows = 0
  let present = 0
  for (let k = 0; k < profile.disks.length; k++) {
    const s = profile.measure(k, 'writeBytes')
    windows += s.length
    for (const v of s) if (v === v) present++
  }
  const first = Math.min(...files.map((f) => f.firstUtc ?? Infinity))
  const last = Math.max(...files.map((f) => f.lastUtc ?? -Infinity))
  const daysProfiled = Number.isFinite(first) && Number.isFinite(last) ? (last - first) / 86_400_000 : 0
  const coveragePct = windows ? (100 * present) / windows : 0
  const guessed = union((x) => x.findings.guessedInstances)
  const withoutData = vmsWithoutData(profile).filter((v) => !v.profiled).map((v) => v.vm)
  const inventoryVms = new Set([...profile.disks.filter((d) => d.mappedBy === 'inventory').map((d) => d.vm.toLowerCase()), ...withoutData.map((v) => v.toLowerCase())]).size
  // (Profiles written before these counts have none: 0.)
  const badCells = sum((x) => (x.stats.invalidCells ?? 0) + (x.stats.implausibleCells ?? 0))
  const reasons: string[] = []
  if (daysProfiled < RECOMMENDED_DAYS) reasons.push(`${daysProfiled.toFixed(1)} days profiled; at least ${RECOMMENDED_DAYS} (ideally ${IDEAL_DAYS}) are recommended to catch weekly peaks`)
  if (coveragePct < 95) reasons.push(`${coveragePct.toFixed(1)} % of disk-windows have samples`)
  if (badCells) reasons.push(`${badCells.toLocaleString('en-US')} cells were no rate (not a decimal number, or above a plausible rate) and were skipped as missing`)
  if (guessed.length) reasons.push(`${guessed.length} instances mapped to VMs by guess (no inventory entry)`)
  if (withoutData.length) reasons.push(`${withoutData.length} of ${inventoryVms} inventory VMs have no counter data (${withoutData.join(', ')}): not planned`)
  // Low when most of the inventory is missing from the counters: the plan covers a minority of the estate.
  const confidence = reasons.length === 0 ? 'high' : daysProfiled >= 3 && coveragePct >= 80 && guessed.length === 0 && withoutData.length * 2 <= inventoryVms ? 'medium' : 'low'
  return {
    files: files.length,
    firstUtc: Number.isFinite(first) ? new Date(first).toISOString() : undefined,
    lastUtc: Number.isFinite(last) ? new Date(last).toISOString() : undefined,
    daysProfiled,
    recommendedDays: RECOMMENDED_DAYS,
    idealDays: IDEAL_DAYS,
    coveragePct,
    gaps: sum((x) => x.stats.gaps),
    dstCorrections: sum((x) => x.clock.dstCorrections.length),
    backwardRows: sum((x) => x.clock.backwardRows),
    valueCells: sum((x) => x.stats.valueCells),
    blankCells: sum((x) => x.stats.blankCells),
    badCells,
    overlapClippedSeconds: sum((x) => x.stats.overlapClippedMs) / 1000,
    guessedInstances: guessed,
    vmsWithoutData: withoutData,
    noiseInstances: union((x) => x.findings.noiseInstances),
    localizedNames: union((x) => x.findings.localizedNames),
    ignoredObjects: ignored,
    confidence,
    reasons,
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item])
  return out
}
