/**
 * Fixed windows aligned to the UTC epoch (spec §3): window w covers [w·size, (w+1)·size).
 * A sample interval straddling a boundary is split pro rata (spec §2.2).
 */

/**
 * Calls visit(windowIndex, overlapMs) for every window that the interval [startMs, endMs)
 * overlaps, in order. Nothing is visited for an empty or reversed interval.
 * Example: [290 000, 310 000) with 300 000 ms windows visits (0, 10 000) then (1, 10 000).
 */
export function forEachWindowOverlap(
  startMs: number,
  endMs: number,
  windowMs: number,
  visit: (windowIndex: number, overlapMs: number) => void,
): void {
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`)
  let t = startMs
  while (t < endMs) {
    const w = Math.floor(t / windowMs)
    const boundary = (w + 1) * windowMs
    const until = boundary < endMs ? boundary : endMs
    visit(w, until - t)
    t = until
  }
}
