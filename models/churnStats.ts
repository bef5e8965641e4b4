/**
 * Summary statistics over window series where a missing window is NaN (never 0): reducers skip
 * NaN and say how many values they saw.
 */

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
  const present: number[] = []
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === v) {
      present.push(v)
      sum += v
    }
  }
  const n = present.length
  if (n === 0) return {count: 0, missing: values.length, mean: NaN, percentile: NaN, max: NaN}
  const sorted = Float64Array.from(present).sort()
  return {count: n, missing: values.length - n, mean: sum / n, percentile: quantileSorted(sorted, percentile / 100), max: sorted[n - 1]}
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

/** Per-window sum of several series (a VM's disks): NaN where any of them is missing. */
export function sumSeries(series: readonly ArrayLike<number>[], length: number): Float64Array {
  const out = new Float64Array(length)
  for (const s of series) for (let i = 0; i < length; i++) out[i] += s[i]
  return out
}

export interface DayTotal {
  /** UTC day index (epoch days). */
  readonly day: number
  /** Sum over the day's windows that have a value. */
  readonly total: number
  /** Share of the day's windows that have a value. */
  readonly coverage: number
}

/** Totals per UTC day of a series starting at window index firstWindow. */
export function dailyTotals(values: ArrayLike<number>, firstWindow: number, windowsPerDay: number): DayTotal[] {
  const days = new Map<number, {total: number; present: number}>()
  for (let i = 0; i < values.length; i++) {
    const day = Math.floor((firstWindow + i) / windowsPerDay)
    const entry = days.get(day) ?? {total: 0, present: 0}
    const v = values[i]
    if (v === v) {
      entry.total += v
      entry.present++
    }
    days.set(day, entry)
  }
  return [...days.entries()].map(([day, e]) => ({day, total: e.total, coverage: e.present / windowsPerDay}))
}
