/**
 * Loads a profile for modelling: per disk, Float64Array series over one common window range,
 * NaN where a window has no data or too little coverage (a gap is never 0).
 */
import type {ProfileStore} from './profileStore.js'
import {defaultOf} from '../defaults.js'

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
  /** Seconds of the window covered by samples (0 where none); empty when loaded with coverage: false. */
  readonly coveredSeconds: Float64Array
}


/** A disk of the inventory with no counter data (docs/protection.md: "no data"). */
export interface DiskWithoutData {
  readonly key: string
  readonly vm: string
  readonly host: string
  readonly path: string
  readonly sizeGB: number | undefined
}

export interface LoadedProfile {
  /** Inventory disks without counter data: listed, never planned as zero churn. */
  readonly withoutData: readonly DiskWithoutData[]
  readonly windowSeconds: number
  /** Window index (UTC epoch / window) of element 0. */
  readonly firstWindow: number
  readonly windowCount: number
  readonly disks: readonly ProfileDisk[]
  readonly series: readonly DiskSeries[]
}

export type LoadedMeasure = 'writeBytes' | 'readBytes' | 'writeOps' | 'readOps'
const ALL_MEASURES: readonly LoadedMeasure[] = ['writeBytes', 'writeOps', 'readBytes', 'readOps']
/**
 * What the models and the report read: write bytes (churn), write and read operations (IOPS).
 * Read bytes enter no figure, so plans leave them on disk (a quarter less to load and hold).
 */
export const MODEL_MEASURES: readonly LoadedMeasure[] = ['writeBytes', 'writeOps', 'readOps']
const COLUMN: Record<LoadedMeasure, string> = {writeBytes: 'write_bytes', readBytes: 'read_bytes', writeOps: 'write_ops', readOps: 'read_ops'}

export interface LoadOptions {
  /** Share of a window that must be covered for it to count (default 0.5). */
  readonly coverageThreshold?: number
  /** Measures to load (default all); the others come back as empty arrays. */
  readonly measures?: readonly LoadedMeasure[]
  /**
   * Keep the seconds covered per window (default true). The models only need the windows under
   * the threshold to be NaN, which loading does either way: without it a 1,000-VM month needs a
   * third less memory (and first-touch page faults) for write bytes and ops.
   */
  readonly coverage?: boolean
}

export function loadProfile(store: ProfileStore, options: LoadOptions = {}): LoadedProfile {
  const coverageThreshold = options.coverageThreshold ?? defaultOf('coverageThreshold')
  const measures = options.measures ?? ALL_MEASURES
  const db = store.db
  const wpd = store.windowsPerDay
  const range = db.prepare('SELECT min(day) AS lo, max(day) AS hi FROM disk_days').get() as {lo: number | null; hi: number | null}
  const hostsByDisk = new Map<number, string[]>()
  for (const h of db.prepare('SELECT disk_id, host FROM disk_hosts ORDER BY first_utc').all() as Array<{disk_id: number; host: string}>) {
    hostsByDisk.set(h.disk_id, [...(hostsByDisk.get(h.disk_id) ?? []), h.host])
  }
  const diskRows = db.prepare('SELECT id, disk_key, vm, volume, instance, mapped_by, inventory FROM disks ORDER BY vm, disk_key').all() as Array<{id: number; disk_key: string; vm: string; volume: string; instance: string; mapped_by: string; inventory: string | null}>
  const disks: ProfileDisk[] = diskRows.map((r) => ({
    id: r.id,
    key: r.disk_key,
    vm: r.vm,
    volume: r.volume,
    instance: r.instance,
    mappedBy: r.mapped_by,
    hosts: hostsByDisk.get(r.id) ?? [],
    inventory: r.inventory === null ? undefined : JSON.parse(r.inventory),
  }))
  const withoutData = store.inventoryDisksWithoutData().map(({key, data}) => {
    const d = data as {vm?: string; host?: string; path?: string; maxSizeGB?: number}
    return {key, vm: d.vm ?? '?', host: d.host ?? '', path: d.path ?? key, sizeGB: d.maxSizeGB}
  })
  if (range.lo === null || range.hi === null) return {withoutData, windowSeconds: store.windowSeconds, firstWindow: 0, windowCount: 0, disks, series: pooledSeries(disks.length, 0, measures, true)}
  const days = range.hi - range.lo + 1
  const windowCount = days * wpd
  const index = new Map(disks.map((d, i) => [d.id, i]))
  const keepCoverage = options.coverage ?? true
  const series = pooledSeries(disks.length, windowCount, measures, keepCoverage)
  const scratch = new Float64Array(keepCoverage ? 0 : wpd) // one day's coverage when it is not kept
  const loadedDays = disks.map(() => new Uint8Array(days))
  const minCovered = coverageThreshold * store.windowSeconds
  let lo = windowCount
  let hi = 0
  const columns = measures.map((m) => COLUMN[m])
  const rows = db.prepare(`SELECT disk_id, day, covered_seconds, ${columns.join(', ')} FROM disk_days`).raw().iterate() as IterableIterator<[number, number, ...Buffer[]]>
  for (const row of rows) {
    const k = index.get(row[0])!
    const s = series[k]
    const day = row[1] - range.lo
    const offset = day * wpd
    loadedDays[k][day] = 1
    // Whole days are copied as blocks; windows with too little coverage are then set to NaN.
    const covered = keepCoverage ? s.coveredSeconds : scratch
    const base = keepCoverage ? offset : 0 // where this day starts in `covered`
    copyBlob(row[2], covered, base)
    for (let m = 0; m < measures.length; m++) copyBlob(row[3 + m] as Buffer, s[measures[m]], offset)
    for (let i = offset; i < offset + wpd; i++) {
      const c = covered[i - offset + base]
      if (c > 0) {
        if (i < lo) lo = i
        if (i >= hi) hi = i + 1
        if (c >= minCovered) continue
      }
      for (let m = 0; m < measures.length; m++) s[measures[m]][i] = NaN
    }
  }
  // Days a disk has no row for are gaps.
  series.forEach((s, k) => {
    for (let day = 0; day < days; day++) if (!loadedDays[k][day]) for (const m of measures) s[m].fill(NaN, day * wpd, (day + 1) * wpd)
  })
  if (lo >= hi) return {withoutData, windowSeconds: store.windowSeconds, firstWindow: range.lo * wpd, windowCount: 0, disks, series: pooledSeries(disks.length, 0, measures, true)}
  // Leading and trailing windows no disk covers are dropped (views, not copies).
  const cut = (a: Float64Array) => (a.length ? a.subarray(lo, hi) : a)
  return {
    withoutData,
    windowSeconds: store.windowSeconds,
    firstWindow: range.lo * wpd + lo,
    windowCount: hi - lo,
    disks,
    series: series.map((s) => ({writeBytes: cut(s.writeBytes), readBytes: cut(s.readBytes), writeOps: cut(s.writeOps), readOps: cut(s.readOps), coveredSeconds: cut(s.coveredSeconds)})),
  }
}

/** Copies a float64 blob into target at offset (the blob may not be 8-byte aligned). */
function copyBlob(blob: Buffer, target: Float64Array, offset: number): void {
  new Uint8Array(target.buffer, target.byteOffset + offset * 8, blob.byteLength).set(blob)
}

/**
 * Every disk's series: the measures not loaded (and coverage when not kept) empty, the loaded
 * ones filled day by day (absent days become NaN). Each measure's series are views into one
 * buffer: one large allocation (mapped and given back to the system as a whole when the profile
 * is dropped) instead of thousands of small ones that fragment the heap and keep the process
 * large after a report's models are done.
 */
function pooledSeries(diskCount: number, n: number, measures: readonly LoadedMeasure[], coverage: boolean): DiskSeries[] {
  const pool = (keep: boolean) => (keep ? new Float64Array(diskCount * n) : undefined)
  const buffers = {writeBytes: pool(measures.includes('writeBytes')), readBytes: pool(measures.includes('readBytes')), writeOps: pool(measures.includes('writeOps')), readOps: pool(measures.includes('readOps')), coveredSeconds: pool(coverage)}
  const view = (buffer: Float64Array | undefined, k: number) => (buffer ? buffer.subarray(k * n, (k + 1) * n) : new Float64Array(0))
  return Array.from({length: diskCount}, (_, k) => ({writeBytes: view(buffers.writeBytes, k), readBytes: view(buffers.readBytes, k), writeOps: view(buffers.writeOps, k), readOps: view(buffers.readOps, k), coveredSeconds: view(buffers.coveredSeconds, k)}))
}

/**
 * The inventory disks without counter data, by VM (VMs by name): a VM none of whose disks has data
 * (profiled: false: not planned, "no data"), or a profiled VM missing some disks (profiled: true).
 */
export function vmsWithoutData(profile: {readonly disks: ReadonlyArray<{readonly vm: string}>; readonly withoutData: LoadedProfile['withoutData']}): Array<{vm: string; host: string; profiled: boolean; disks: Array<{path: string; sizeGB: number | undefined}>}> {
  const profiled = new Set(profile.disks.map((d) => d.vm.toLowerCase()))
  const byVm = new Map<string, {host: string; profiled: boolean; disks: Array<{path: string; sizeGB: number | undefined}>}>()
  for (const d of profile.withoutData) {
    const e = byVm.get(d.vm) ?? {host: d.host, profiled: profiled.has(d.vm.toLowerCase()), disks: []}
    e.disks.push({path: d.path, sizeGB: d.sizeGB})
    byVm.set(d.vm, e)
  }
  return [...byVm.entries()].map(([vm, e]) => ({vm, ...e})).sort((a, b) => a.vm.localeCompare(b.vm))
}

/**
 * The profile with the inventory facts of another export laid over its disks (matched by disk key):
 * for planning with a newer inventory than the one ingested.
 */
export function withInventory(profile: LoadedProfile, disks: ReadonlyMap<string, unknown>): LoadedProfile {
  return {...profile, disks: profile.disks.map((d) => (disks.has(d.key) ? {...d, inventory: disks.get(d.key) as Record<string, unknown>} : d))}
}
