/**
 * Loads a profile for modelling: per disk, Float64Array series over one common window range,
 * NaN where a window has no data or too little coverage (a gap is never 0).
 */
import {blobToFloat64, type ProfileStore} from './profileStore.js'

export interface ProfileDisk {
  readonly id: number
  readonly key: string
  readonly vm: string
  readonly volume: string
  readonly instance: string
  readonly mappedBy: string
  readonly hosts: readonly string[]
  readonly inventory: Record<string, unknown> | undefined
}

export interface DiskSeries {
  /** Bytes written in each window; NaN = gap. */
  readonly writeBytes: Float64Array
  readonly readBytes: Float64Array
  readonly writeOps: Float64Array
  readonly readOps: Float64Array
  /** Seconds of the window covered by samples (0 where none). */
  readonly coveredSeconds: Float64Array
}

export interface LoadedProfile {
  readonly windowSeconds: number
  /** Window index (UTC epoch / window) of element 0. */
  readonly firstWindow: number
  readonly windowCount: number
  readonly disks: readonly ProfileDisk[]
  readonly series: readonly DiskSeries[]
}

/** coverageThreshold: share of a window that must be covered for it to count (default 0.5). */
export function loadProfile(store: ProfileStore, coverageThreshold = 0.5): LoadedProfile {
  const db = store.db
  const wpd = store.windowsPerDay
  const range = db.prepare('SELECT min(day) AS lo, max(day) AS hi FROM disk_days').get() as {lo: number | null; hi: number | null}
  const hostRows = db.prepare('SELECT disk_id, host FROM disk_hosts ORDER BY first_utc').all() as Array<{disk_id: number; host: string}>
  const diskRows = db.prepare('SELECT id, disk_key, vm, volume, instance, mapped_by, inventory FROM disks ORDER BY vm, disk_key').all() as Array<{id: number; disk_key: string; vm: string; volume: string; instance: string; mapped_by: string; inventory: string | null}>
  const disks: ProfileDisk[] = diskRows.map((r) => ({
    id: r.id,
    key: r.disk_key,
    vm: r.vm,
    volume: r.volume,
    instance: r.instance,
    mappedBy: r.mapped_by,
    hosts: hostRows.filter((h) => h.disk_id === r.id).map((h) => h.host),
    inventory: r.inventory === null ? undefined : JSON.parse(r.inventory),
  }))
  if (range.lo === null || range.hi === null) return {windowSeconds: store.windowSeconds, firstWindow: 0, windowCount: 0, disks, series: disks.map(() => emptySeries(0))}
  // Trim the range to windows that have data.
  const firstWindow = range.lo * wpd
  const windowCount = (range.hi - range.lo + 1) * wpd
  const index = new Map(disks.map((d, i) => [d.id, i]))
  const series = disks.map(() => emptySeries(windowCount))
  const minCovered = coverageThreshold * store.windowSeconds
  const rows = db.prepare('SELECT disk_id, day, write_bytes, read_bytes, write_ops, read_ops, covered_seconds FROM disk_days').iterate() as IterableIterator<{disk_id: number; day: number; write_bytes: Buffer; read_bytes: Buffer; write_ops: Buffer; read_ops: Buffer; covered_seconds: Buffer}>
  for (const row of rows) {
    const s = series[index.get(row.disk_id)!]
    const offset = (row.day - range.lo) * wpd
    const covered = blobToFloat64(row.covered_seconds)
    const measures = [blobToFloat64(row.write_bytes), blobToFloat64(row.read_bytes), blobToFloat64(row.write_ops), blobToFloat64(row.read_ops)]
    const targets = [s.writeBytes, s.readBytes, s.writeOps, s.readOps]
    for (let i = 0; i < wpd; i++) {
      s.coveredSeconds[offset + i] = covered[i]
      if (!(covered[i] > 0) || covered[i] < minCovered) continue
      for (let k = 0; k < 4; k++) targets[k][offset + i] = measures[k][i]
    }
  }
  return trim({windowSeconds: store.windowSeconds, firstWindow, windowCount, disks, series})
}

function emptySeries(n: number): DiskSeries {
  return {writeBytes: new Float64Array(n).fill(NaN), readBytes: new Float64Array(n).fill(NaN), writeOps: new Float64Array(n).fill(NaN), readOps: new Float64Array(n).fill(NaN), coveredSeconds: new Float64Array(n)}
}

/** Drops leading and trailing windows that no disk covers at all. */
function trim(p: LoadedProfile): LoadedProfile {
  let lo = 0
  let hi = p.windowCount
  const anyCovered = (i: number) => p.series.some((s) => s.coveredSeconds[i] > 0)
  while (lo < hi && !anyCovered(lo)) lo++
  while (hi > lo && !anyCovered(hi - 1)) hi--
  if (lo === 0 && hi === p.windowCount) return p
  const cut = (a: Float64Array) => a.slice(lo, hi)
  return {
    ...p,
    firstWindow: p.firstWindow + lo,
    windowCount: hi - lo,
    series: p.series.map((s) => ({writeBytes: cut(s.writeBytes), readBytes: cut(s.readBytes), writeOps: cut(s.writeOps), readOps: cut(s.readOps), coveredSeconds: cut(s.coveredSeconds)})),
  }
}
