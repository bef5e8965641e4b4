/** Small text helpers every output shares. */

/** "1 VM", "3 VMs", "2 batches" (plural given when not singular + s). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`
}

/**
 * A worst day as every output labels it (under a header saying "hours measured"): "2026-10-26",
 * or "2026-10-24 (2.0 h)" when the profile covers only part of that day or it had gaps (scaled to
 * 24 h or filled: models/churnStats.ts).
 */
export function worstDayLabel(dayUtc: string | undefined, measuredShare: number): string {
  if (!dayUtc) return '—'
  return measuredShare < 1 ? `${dayUtc} (${(measuredShare * 24).toFixed(measuredShare * 24 < 10 ? 1 : 0)} h)` : dayUtc
}

/** A long list in one line: "a, b, c, d, e and 245 more" (all of them stay in the reports). */
export function firstFew(items: readonly string[], first = 5): string {
  return items.length <= first ? items.join(', ') : `${items.slice(0, first).join(', ')} and ${(items.length - first).toLocaleString('en-US')} more`
}

/** "1,655 GB": whole gigabytes (2^30 bytes) with thousands separated, as the report prints space. */
export function gb(x: number): string {
  return `${Math.round(x).toLocaleString('en-US')} GB`
}

/** "2026-10-24T22:00:00.865Z" → "2026-10-24 22:00", as people read a time (UTC said by the caller); "—" when unknown. */
export function utcMinute(iso: string | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—'
}
