/**
 * Summary statistics over window series where a missing window is NaN (never 0): reducers skip
 * NaN and say how many values they saw.
 */
import {fillMissingWindows} from './fillGaps.js'

export interface SeriesStats {
  /** Windows with a value. */
  readonly count: number
  /** Windows without one (NaN). */
  readonly missing: number
  readonly mean: number
  /** The p-th percentile (linear interpolation between order statistics, Hyndman–Fan type 7, as Excel PERCENTILE.INC). */
  readonly percentile: number
  readonly max: number
}

export function seriesStats(values: ArrayLike<number>, percentile = 95): SeriesStats {
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError(`percentile must be 0..100, got ${percentile}`)
  // The present values, packed into the scratch buffer (selection rearranges it).
  const buffer = scratchOf(values.length)
  let n = 0
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === v) {
      buffer[n++] = v
      sum += v
    }
  }
  return statsOfPacked(buffer, n, sum, values.length, percentile)
}

/**
 * seriesStats of the per-window sum of two series (writes + reads), without making the sum:
 * NaN where either is missing, as sumSeries gives it.
 */
export function seriesStatsOfSum(a: ArrayLike<number>, b: ArrayLike<number>, percentile = 95): SeriesStats {
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError(`percentile must be 0..100, got ${percentile}`)
  const buffer = scratchOf(a.length)
  let n = 0
  let sum = 0
  for (let i = 0; i < a.length; i++) {
    const v = a[i] + b[i]
    if (v === v) {
      buffer[n++] = v
      sum += v
    }
  }
  return statsOfPacked(buffer, n, sum, a.length, percentile)
}

/**
 * One buffer reused by every call (the stats are computed synchronously and nothing keeps it):
 * a month of 5-minute windows for 3,700 series would otherwise allocate ~0.8 GB.
 */
let scratch = new Float64Array(0)
function scratchOf(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length)
  return scratch
}

function statsOfPacked(buffer: Float64Array, n: number, sum: number, length: number, percentile: number): SeriesStats {
  if (n === 0) return {count: 0, missing: length, mean: NaN, percentile: NaN, max: NaN}
  // Only two order statistics are needed: select them in linear time instead of sorting.
  const a = buffer.subarray(0, n)
  const h = (n - 1) * (percentile / 100)
  const lo = Math.floor(h)
  const below = selectKth(a, lo)
  let above = below
  if (lo + 1 < n) {
    above = Infinity
    for (let i = lo + 1; i < n; i++) if (a[i] < above) above = a[i]
  }
  let max = -Infinity
  for (let i = 0; i < n; i++) if (a[i] > max) max = a[i]
  return {count: n, missing: length - n, mean: sum / n, percentile: below + (h - lo) * (above - below), max}
}

/**
 * Rearranges a so that a[k] is the k-th smallest, everything before it ≤ and after it ≥
 * (Floyd and Rivest's SELECT, 1975: on large ranges it first recurses on a small sample around
 * the expected rank, so the partition that follows is nearly final — about n + min(k, n − k)
 * comparisons, against ~3.4n for Hoare's selection). Returns a[k].
 */
export function selectKth(a: Float64Array, k: number, left = 0, right = a.length - 1): number {
  while (right > left) {
    if (right - left > 600) {
      // Select from a sample of the range, so that a[k] lands between two close pivots.
      const n = right - left + 1
      const i = k - left + 1
      const z = Math.log(n)
      const s = 0.5 * Math.exp((2 * z) / 3)
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1)
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd))
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd))
      selectKth(a, k, newLeft, newRight)
    }
    const t = a[k]
    let i = left
    let j = right
    swap(a, left, k)
    if (a[right] > t) swap(a, left, right)
    while (i < j) {
      swap(a, i, j)
      i++
      j--
      while (a[i] < t) i++
      while (a[j] > t) j--
    }
    if (a[left] === t) swap(a, left, j)
    else {
      j++
      swap(a, j, right)
    }
    if (j <= k) left = j + 1
    if (k <= j) right = j - 1
  }
  return a[k]
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]
  a[i] = a[j]
  a[j] = t
}

/** Type-7 quantile of ascending values: x[h] with h = (n − 1)·q, interpolated. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Per-window sum of several series (a VM's disks): NaN where any of them is missing. `into` (length windows), when given, is reused instead of a new array. */
export function sumSeries(series: Iterable<ArrayLike<number>>, length: number, into?: Float64Array): Float64Array {
  const out = into ? into.fill(0) : new Float64Array(length)
  for (const s of series) for (let i = 0; i < length; i++) out[i] += s[i]
  return out
}

/**
 * Some series read one at a time (for sumSeries: a sum of thousands of disks holds one of them at
 * once); `read` may read each into the one buffer it is given, dropped before the next.
 */
export function* readEach(indices: Iterable<number>, read: (index: number, into: Float64Array) => ArrayLike<number>, buffer: Float64Array): Generator<ArrayLike<number>> {
  for (const i of indices) yield read(i, buffer)
}

export interface DayChurn {
  /** UTC day index (epoch days). */
  readonly day: number
  /** Bytes written that day, gaps filled, scaled to 24 h when the period covers only part of the day. */
  readonly bytes: number
  /** Windows of the day inside the profiled period, and how many of them were measured (not filled). */
  readonly windows: number
  readonly measured: number
}

/**
 * Bytes written per UTC day from the gap-filled series (the series the average comes from, so the
 * worst day is never below the average): each day's windows inside the period, scaled to the
 * whole day when the period starts or ends inside it. `measured` (the series before filling)
 * tells which windows were gaps; days with gaps are kept and marked, not dropped. Example (4
 * windows a day, starting at the day's third window): filled [1, 3, 2, 2, 2, 2] → day 0: (1 + 3)
 * × 4 / 2 = 8 from 2 windows, day 1: 8 from 4.
 */
export function dailyChurn(filled: ArrayLike<number>, measured: ArrayLike<number> | undefined, firstWindow: number, windowsPerDay: number): DayChurn[] {
  const days: DayChurn[] = []
  const source = measured ?? filled
  // Day by day: the windows [start, end) of the series that fall in each UTC day.
  for (let start = 0; start < filled.length; ) {
    const day = Math.floor((firstWindow + start) / windowsPerDay)
    const end = Math.min(filled.length, (day + 1) * windowsPerDay - firstWindow)
    let bytes = 0
    let present = 0
    for (let i = start; i < end; i++) {
      bytes += filled[i]
      const m = source[i]
      if (m === m) present++
    }
    days.push({day, bytes: (bytes * windowsPerDay) / (end - start), windows: end - start, measured: present})
    start = end
  }
  return days
}

/**
 * Mean rate per hour of the week (UTC; index 0 = Monday 00:00–01:00, 167 = Sunday 23:00–24:00):
 * per hour, the sum of the windows that have a value over their seconds, so missing windows are
 * left out, never counted as 0. NaN for an hour with no window. values[i] belongs to window
 * firstWindow + i of windowSeconds (≤ 3,600 and dividing it).
 */
export function hourOfWeekMeans(values: ArrayLike<number>, firstWindow: number, windowSeconds: number): Float64Array {
  const total = new Float64Array(168)
  const present = new Float64Array(168)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v !== v) continue
    const hour = Math.floor(((firstWindow + i) * windowSeconds) / 3600)
    // Epoch hour 0 is Thursday 00:00, three days after a Monday.
    const slot = (hour + 72) % 168
    total[slot] += v
    present[slot] += windowSeconds
  }
  return total.map((t, k) => (present[k] > 0 ? t / present[k] : NaN))
}

export interface WorkloadSeries {
  /** Bytes written per window (NaN = missing). */
  readonly writeBytes: ArrayLike<number>
  /**
   * The same with gaps filled (models/fillGaps.ts); for a sum of disks, the sum of each disk's
   * filled series. Filled from writeBytes when not given.
   */
  readonly filledWriteBytes?: ArrayLike<number>
  readonly writeOps: ArrayLike<number>
  /** Optional: empty arrays when not loaded. */
  readonly readBytes: ArrayLike<number>
  readonly readOps: ArrayLike<number>
}

export interface ChurnFigures {
  /** Mean of the gap-filled series (as the bandwidth's send series), MB/s. */
  readonly avgMBps: number
  readonly percentileMBps: number
  readonly maxMBps: number
  readonly avgGBPerDay: number
  /** Highest UTC day of the gap-filled series (dailyChurn), never below avgGBPerDay; NaN when empty. */
  readonly worstDayGB: number
  readonly worstDayUtc: string | undefined
  /** Share of that day's 24 h that was measured (1: complete; less: partly profiled or filled). */
  readonly worstDayMeasuredShare: number
  readonly avgWriteIops: number
  readonly percentileWriteIops: number
  readonly maxWriteIops: number
  /** Reads plus writes; NaN when reads are not loaded. */
  readonly avgRwIops: number
  readonly percentileRwIops: number
  /** Bytes written ÷ write operations over the whole series, KB (2^10 bytes). */
  readonly avgWriteSizeKB: number
  /** Windows with a value / all windows. */
  readonly coverage: number
}

const MB = 2 ** 20
const GB = 2 ** 30

/**
 * The workload figures of one series (a disk, a VM's per-window sum, the site), every workload
 * figure multiplied by the growth factor g (1.3 for 30 %); the average write size is not a
 * workload amount and is not grown. Average and worst day come from the gap-filled series (one
 * rule: the worst day is never below the average); percentiles and maxima from the measured
 * windows only.
 */
export function churnFigures(s: WorkloadSeries, windowSeconds: number, firstWindow: number, percentile: number, growthFactor = 1): ChurnFigures {
  const g = growthFactor
  const windowsPerDay = 86_400 / windowSeconds
  const filled = s.filledWriteBytes ?? fillMissingWindows(s.writeBytes, windowsPerDay, firstWindow).values
  const bytes = seriesStats(s.writeBytes, percentile)
  let filledSum = 0
  for (let i = 0; i < filled.length; i++) filledSum += filled[i]
  const filledMean = bytes.count > 0 && filled.length > 0 ? filledSum / filled.length : NaN
  const ops = seriesStats(s.writeOps, percentile)
  const rw = s.readOps.length === s.writeOps.length && s.readOps.length > 0 ? seriesStatsOfSum(s.writeOps, s.readOps, percentile) : undefined
  const worst = bytes.count > 0 ? dailyChurn(filled, s.writeBytes, firstWindow, windowsPerDay).reduce<DayChurn | undefined>((w, d) => (!w || d.bytes > w.bytes ? d : w), undefined) : undefined
  let writtenBytes = 0
  let writtenOps = 0
  for (let i = 0; s.writeOps.length === s.writeBytes.length && i < s.writeBytes.length; i++) {
    const b = s.writeBytes[i]
    const o = s.writeOps[i]
    if (b === b && o === o) {
      writtenBytes += b
      writtenOps += o
    }
  }
  const perSecond = (x: number) => (x * g) / windowSeconds
  return {
    avgMBps: perSecond(filledMean) / MB,
    percentileMBps: perSecond(bytes.percentile) / MB,
    maxMBps: perSecond(bytes.max) / MB,
    avgGBPerDay: (filledMean * g * windowsPerDay) / GB,
    worstDayGB: worst ? (worst.bytes * g) / GB : NaN,
    worstDayUtc: worst ? new Date(worst.day * 86_400_000).toISOString().slice(0, 10) : undefined,
    worstDayMeasuredShare: worst ? worst.measured / windowsPerDay : NaN,
    avgWriteIops: perSecond(ops.mean),
    percentileWriteIops: perSecond(ops.percentile),
    maxWriteIops: perSecond(ops.max),
    avgRwIops: rw ? perSecond(rw.mean) : NaN,
    percentileRwIops: rw ? perSecond(rw.percentile) : NaN,
    avgWriteSizeKB: writtenOps > 0 ? writtenBytes / writtenOps / 1024 : NaN,
    coverage: s.writeBytes.length ? bytes.count / s.writeBytes.length : 0,
  }
}
