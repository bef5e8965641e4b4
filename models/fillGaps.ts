/**
 * The fill rule for missing windows before simulating replication (a gap is never zero): a
 * missing window takes the mean of the same time-of-day window on the other days that have it;
 * with none, the mean of the whole series; an all-missing series stays 0 and is reported.
 */

export interface FilledSeries {
  readonly values: Float64Array
  /** Windows that were missing and got a value. */
  readonly filled: number
}

export function fillMissingWindows(values: ArrayLike<number>, windowsPerDay: number, firstWindow: number): FilledSeries {
  const n = values.length
  // Nothing missing: the series is its own filled series (a typed array, read only from here on),
  // which saves a copy of every complete disk's month.
  let missing = 0
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) missing++
  if (missing === 0 && values instanceof Float64Array) return {values, filled: 0}
  // A typed array is copied as a block (Float64Array.from would walk it through the iterator).
  const out = values instanceof Float64Array ? values.slice() : Float64Array.from(values)
  const sumBySlot = new Float64Array(windowsPerDay)
  const countBySlot = new Float64Array(windowsPerDay)
  let sum = 0
  let count = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v !== v) continue
    const slot = (((firstWindow + i) % windowsPerDay) + windowsPerDay) % windowsPerDay
    sumBySlot[slot] += v
    countBySlot[slot]++
    sum += v
    count++
  }
  const overall = count > 0 ? sum / count : 0
  let filled = 0
  for (let i = 0; i < n; i++) {
    if (out[i] === out[i]) continue
    const slot = (((firstWindow + i) % windowsPerDay) + windowsPerDay) % windowsPerDay
    out[i] = countBySlot[slot] > 0 ? sumBySlot[slot] / countBySlot[slot] : overall
    filled++
  }
  return {values: out, filled}
}
