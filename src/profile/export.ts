/**
 * `hvplan profile export`: the profile in long format, one row per disk per window with data,
 * for pandas, Power BI or Excel. Streams, so a month of a large estate never sits in memory.
 */
import type {ProfileStore} from '../store/profileStore.js'
import {quoteCsvCell} from '../inventoryFormat.js'

export const EXPORT_COLUMNS = ['host', 'vm', 'disk', 'volume', 'window_start_utc', 'write_bytes', 'read_bytes', 'write_ops', 'read_ops', 'coverage'] as const

export interface ExportRow {
  host: string
  vm: string
  disk: string
  volume: string
  window_start_utc: string
  write_bytes: number
  read_bytes: number
  write_ops: number
  read_ops: number
  coverage: number
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, so input text can never execute.
 */
export function safeSpreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export function* exportRows(store: ProfileStore): Generator<ExportRow> {
  const windowMs = store.windowSeconds * 1000
  const wpd = store.windowsPerDay
  const disks = new Map(store.diskLabels().map((d) => [d.id, {vm: d.vm, volume: d.volume, disk: d.inventory ? (d.inventory.path as string) : d.instance}]))
  // Each disk's host spans, looked up per window.
  const spansByDisk = new Map<number, Array<{host: string; firstUtc: number; lastUtc: number}>>()
  for (const h of store.hostSpans()) spansByDisk.set(h.diskId, [...(spansByDisk.get(h.diskId) ?? []), h])
  const hostAt = (diskId: number, t: number) => {
    const spans = spansByDisk.get(diskId) ?? []
    return (spans.find((h) => t >= h.firstUtc - windowMs && t <= h.lastUtc) ?? spans[0])?.host ?? ''
  }
  for (const {diskId, day, measures} of store.dayRows()) {
    const d = disks.get(diskId)!
    const [wb, rb, wo, ro, cov] = measures
    for (let i = 0; i < wpd; i++) {
      if (!(cov[i] > 0)) continue
      const t = (day * wpd + i) * windowMs
      yield {host: hostAt(diskId, t), vm: d.vm, disk: d.disk, volume: d.volume, window_start_utc: new Date(t).toISOString(), write_bytes: wb[i], read_bytes: rb[i], write_ops: wo[i], read_ops: ro[i], coverage: cov[i] / store.windowSeconds}
    }
  }
}

export function csvLine(row: ExportRow): string {
  return [row.host, row.vm, row.disk, row.volume].map((t) => quoteCsvCell(safeSpreadsheetText(t))).join(',') + `,${row.window_start_utc},${row.write_bytes},${row.read_bytes},${row.write_ops},${row.read_ops},${row.coverage}\r\n`
}
