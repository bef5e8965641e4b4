/**
 * Loads a profile for modelling: per disk, Float64Array series over one common window range,
 * NaN where a window has no data or too little coverage (a gap is never 0).
 */
import type {ProfileStore} from './profileStore.js'
import {defaultOf} from '../defaults.js'
import {SeriesRecords} from './seriesRecords.js'

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

/** What a profile is made of besides its series: disks, windows, inventory disks without data. */
export interface ProfileFrame {
  /** Inventory disks without counter data: listed, never planned as zero churn. */
  readonly withoutData: readonly DiskWithoutData[]
  readonly windowSeconds: number
  /** Window index (UTC epoch / window) of element 0. */
  readonly firstWindow: number
  readonly windowCount: number
  readonly disks: readonly ProfileDisk[]
}

/** A profile with every disk's series in memory (tests, exports, small tools). */
export interface LoadedProfile extends ProfileFrame {
  readonly series: readonly DiskSeries[]
}

/**
 * A profile whose series are read one disk at a time: held in memory when they fit
 * (RESIDENT_SERIES_BYTES), else read back from a temporary file — what the plan streams VM by VM.
 */
export interface ProfileSeries extends ProfileFrame {
  /** The measures loaded (the others read as empty series). */
  readonly measures: readonly LoadedMeasure[]
  /**
   * One disk's series of a measure (windowCount values, NaN = gap; empty when not loaded). Read
   * only; read into `into` (windowCount values) when the series is read from the file and the
   * caller drops it before its next read.
   */
  readonly measure: (disk: number, measure: LoadedMeasure, into?: Float64Array) => Float64Array
  /** Frees the series (and the temporary file when there is one). */
  readonly close: () => void
}

export type LoadedMeasure = 'writeBytes' | 'readBytes' | 'writeOps' | 'readOps'
const ALL_MEASURES: readonly LoadedMeasure[] = ['writeBytes', 'writeOps', 'readBytes', 'readOps']
/**
 * What the models and the report read: write bytes (churn), write and read operations (IOPS).
 * Read bytes enter no figure, so plans leave them on disk (a quarter less to load and hold).
 */
export const MODEL_MEASURES: readonly LoadedMeasure[] = ['writeBytes', 'writeOps', 'readOps']
const COLUMN: Record<LoadedMeasure | 'coveredSeconds', string> = {writeBytes: 'write_bytes', readBytes: 'read_bytes', writeOps: 'write_ops', readOps: 'read_ops', coveredSeconds: 'covered_seconds'}

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

/** Every disk's series in memory. */
export function loadProfile(store: ProfileStore, options: LoadOptions = {}): LoadedProfile {
  const read = readSeries(store, options, true)
  const empty = new Float64Array(0)
  const series = read.disks.map((_d, k): DiskSeries => {
    const of = (kind: LoadedMeasure | 'coveredSeconds') => (read.kinds.includes(kind) ? read.view(k, kind) : empty)
    return {writeBytes: of('writeBytes'), readBytes: of('readBytes'), writeOps: of('writeOps'), readOps: of('readOps'), coveredSeconds: of('coveredSeconds')}
  })
  return {withoutData: read.withoutData, windowSeconds: read.windowSeconds, firstWindow: read.firstWindow, windowCount: read.windowCount, disks: read.disks, series}
}

/** The profile's series read one disk at a time (without coverage): in memory when they fit, else from a temporary file. */
export function openProfileSeries(store: ProfileStore, options: Omit<LoadOptions, 'coverage'> = {}): ProfileSeries {
  const read = readSeries(store, {...options, coverage: false})
  const empty = new Float64Array(0)
  return {
    withoutData: read.withoutData,
    windowSeconds: read.windowSeconds,
    firstWindow: read.firstWindow,
    windowCount: read.windowCount,
    disks: read.disks,
    measures: ALL_MEASURES.filter((m) => read.kinds.includes(m)),
    measure: (disk, m, into) => (read.kinds.includes(m) ? read.view(disk, m, into) : empty),
    close: () => read.records.close(),
  }
}

/** A loaded profile as one read disk by disk (the plan's view of it). */
export function asProfileSeries(profile: LoadedProfile | ProfileSeries): ProfileSeries {
  if ('measure' in profile) return profile
  const {series, ...frame} = profile
  return {...frame, measures: ALL_MEASURES.filter((m) => series.every((s) => s[m].length === frame.windowCount)), measure: (disk, m) => series[disk][m], close: () => {}}
}

interface ReadSeries extends ProfileFrame {
  readonly kinds: ReadonlyArray<LoadedMeasure | 'coveredSeconds'>
  readonly records: SeriesRecords
  /** One disk's series of one kind over the profile's windows. */
  readonly view: (disk: number, kind: LoadedMeasure | 'coveredSeconds', into?: Float64Array) => Float64Array
}

/**
 * Reads every disk's rows in key order (disk, then day), one disk at a time: its days are laid on
 * the profile's full day range (absent days and windows under the coverage threshold NaN), then
 * written as one record per measure. Leading and trailing windows no disk covers are cut when read.
 */
function readSeries(store: ProfileStore, options: LoadOptions, resident?: boolean): ReadSeries {
  const coverageThreshold = options.coverageThreshold ?? defaultOf('coverageThreshold')
  const measures = options.measures ?? ALL_MEASURES
  const keepCoverage = options.coverage ?? true
  const kinds: Array<LoadedMeasure | 'coveredSeconds'> = [...measures, ...(keepCoverage ? ['coveredSeconds' as const] : [])]
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
  const K = kinds.length
  const days = range.lo === null || range.hi === null ? 0 : range.hi - range.lo + 1
  const fullN = days * wpd
  const records = new SeriesRecords(disks.length * K, fullN, resident)
  const frame = (firstWindow: number, lo: number, hi: number): ReadSeries => ({
    withoutData,
    windowSeconds: store.windowSeconds,
    firstWindow,
    windowCount: hi - lo,
    disks,
    kinds,
    records,
    view: (disk, kind, into) => records.read(disk * K + kinds.indexOf(kind), lo, hi - lo, into),
  })
  if (days === 0) return frame(0, 0, 0)
  const firstDay = range.lo!
  const index = new Map(disks.map((d, i) => [d.id, i]))
  const minCovered = coverageThreshold * store.windowSeconds
  // One disk's full day range per kind; coverage read into a day's scratch when it is not kept.
  const buffers = kinds.map(() => new Float64Array(fullN))
  const coverageAt = kinds.indexOf('coveredSeconds')
  const dayCoverage = new Float64Array(wpd)
  const reset = () => buffers.forEach((b, m) => b.fill(m === coverageAt ? 0 : NaN))
  const written = new Uint8Array(disks.length)
  let current = -1
  const flush = () => {
    if (current < 0) return
    for (let m = 0; m < K; m++) records.write(current * K + m, buffers[m])
    written[current] = 1
  }
  let lo = fullN
  let hi = 0
  const columns = ['covered_seconds', ...measures.map((m) => COLUMN[m])]
  const rows = db.prepare(`SELECT disk_id, day, ${columns.join(', ')} FROM disk_days ORDER BY disk_id, day`).raw().iterate() as IterableIterator<[number, number, ...Buffer[]]>
  for (const row of rows) {
    const k = index.get(row[0])!
    if (k !== current) {
      flush()
      current = k
      reset()
    }
    const offset = (row[1] - firstDay) * wpd
    // Whole days are copied as blocks; windows with too little coverage are then set to NaN.
    const covered = coverageAt >= 0 ? buffers[coverageAt] : dayCoverage
    const base = coverageAt >= 0 ? offset : 0 // where this day starts in `covered`
    copyBlob(row[2], covered, base)
    for (let m = 0; m < measures.length; m++) copyBlob(row[3 + m] as Buffer, buffers[m], offset)
    for (let i = offset; i < offset + wpd; i++) {
      const c = covered[i - offset + base]
      if (c > 0) {
        if (i < lo) lo = i
        if (i >= hi) hi = i + 1
        if (c >= minCovered) continue
      }
      for (let m = 0; m < measures.length; m++) buffers[m][i] = NaN
    }
  }
  flush()
  // Disks without a row are gaps throughout.
  reset()
  for (let k = 0; k < disks.length; k++) if (!written[k]) for (let m = 0; m < K; m++) records.write(k * K + m, buffers[m])
  if (lo >= hi) return frame(firstDay * wpd, 0, 0)
  return frame(firstDay * wpd + lo, lo, hi)
}

/** Copies a float64 blob into target at offset (the blob may not be 8-byte aligned). */
function copyBlob(blob: Buffer, target: Float64Array, offset: number): void {
  new Uint8Array(target.buffer, target.byteOffset + offset * 8, blob.byteLength).set(blob)
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
export function withInventory<P extends ProfileFrame>(profile: P, disks: ReadonlyMap<string, unknown>): P {
  return {...profile, disks: profile.disks.map((d) => (disks.has(d.key) ? {...d, inventory: disks.get(d.key) as Record<string, unknown>} : d))}
}
