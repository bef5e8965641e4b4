/**
 * `hvplan profile export`: the profile in long format, one row per disk per window with data,
 * for pandas, Power BI or Excel. Streams, so a month of a large estate never sits in memory.
 */
import {blobToFloat64, type ProfileStore} from '../store/profileStore.js'
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
  const disks = new Map(
    (store.db.prepare('SELECT id, vm, volume, inventory, instance FROM disks').all() as Array<{id: number; vm: string; volume: string; inventory: string | null; instance: string}>).map((d) => [
      d.id,
      {vm: d.vm, volume: d.volume, disk: d.inventory ? (JSON.parse(d.inventory).path as string) : d.instance},
    ]),
  )
  const hosts = store.db.prepare('SELECT disk_id, host, first_utc, last_utc FROM disk_hosts ORDER BY first_utc').all() as Array<{disk_id: number; host: string; first_utc: number; last_utc: number}>
  const hostAt = (diskId: number, t: number) => {
    const spans = hosts.filter((h) => h.disk_id === diskId)
    return (spans.find((h) => t >= h.first_utc - windowMs && t <= h.last_utc) ?? spans[0])?.host ?? ''
  }
  const rows = store.db.prepare('SELECT disk_id, day, write_bytes, read_bytes, write_ops, read_ops, covered_seconds FROM disk_days ORDER BY day, disk_id').iterate() as IterableIterator<{disk_id: number; day: number; write_bytes: Buffer; read_bytes: Buffer; write_ops: Buffer; read_ops: Buffer; covered_seconds: Buffer}>
  for (const r of rows) {
    const d = disks.get(r.disk_id)!
    const [wb, rb, wo, ro, cov] = [r.write_bytes, r.read_bytes, r.write_ops, r.read_ops, r.covered_seconds].map(blobToFloat64)
    for (let i = 0; i < wpd; i++) {
      if (!(cov[i] > 0)) continue
      const t = (r.day * wpd + i) * windowMs
      yield {host: hostAt(r.disk_id, t), vm: d.vm, disk: d.disk, volume: d.volume, window_start_utc: new Date(t).toISOString(), write_bytes: wb[i], read_bytes: rb[i], write_ops: wo[i], read_ops: ro[i], coverage: cov[i] / store.windowSeconds}
    }
  }
}

export function csvLine(row: ExportRow): string {
  return [row.host, row.vm, row.disk, row.volume].map((t) => quoteCsvCell(safeSpreadsheetText(t))).join(',') + `,${row.window_start_utc},${row.write_bytes},${row.read_bytes},${row.write_ops},${row.read_ops},${row.coverage}\r\n`
}
