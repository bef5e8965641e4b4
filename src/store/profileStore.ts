/**
 * The profile: one SQLite file (better-sqlite3) holding, per disk and UTC day, the window series
 * of write/read bytes and operations and the seconds covered, plus the files ingested (by content
 * hash), the disks and their inventory facts, and each disk's covered time intervals (so a later
 * file that overlaps is not counted twice). Schema: docs/profile.md.
 */
import Database from 'better-sqlite3'
import {HvplanError} from '../errors.js'

export const PROFILE_SCHEMA_VERSION = 1
const DAY_MS = 86_400_000

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  head_sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  kind TEXT NOT NULL,
  encoding TEXT NOT NULL,
  hosts TEXT NOT NULL,
  time_zone TEXT,
  bias_minutes INTEGER,
  first_utc INTEGER,
  last_utc INTEGER,
  quality TEXT NOT NULL,
  ingested_utc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS disks (
  id INTEGER PRIMARY KEY,
  disk_key TEXT NOT NULL UNIQUE,
  vm TEXT NOT NULL,
  volume TEXT NOT NULL,
  instance TEXT NOT NULL,
  mapped_by TEXT NOT NULL,
  inventory TEXT
);
CREATE TABLE IF NOT EXISTS disk_hosts (
  disk_id INTEGER NOT NULL REFERENCES disks(id),
  host TEXT NOT NULL,
  first_utc INTEGER NOT NULL,
  last_utc INTEGER NOT NULL,
  PRIMARY KEY (disk_id, host)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS disk_days (
  disk_id INTEGER NOT NULL REFERENCES disks(id),
  day INTEGER NOT NULL,
  -- Most-read first: a row is read through its overflow pages up to the last column asked for.
  covered_seconds BLOB NOT NULL,
  write_bytes BLOB NOT NULL,
  write_ops BLOB NOT NULL,
  read_bytes BLOB NOT NULL,
  read_ops BLOB NOT NULL,
  PRIMARY KEY (disk_id, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inventory_disks (
  disk_key TEXT PRIMARY KEY,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage (
  disk_id INTEGER NOT NULL REFERENCES disks(id),
  from_utc INTEGER NOT NULL,
  to_utc INTEGER NOT NULL,
  PRIMARY KEY (disk_id, from_utc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS coverage_from ON coverage (from_utc);
CREATE INDEX IF NOT EXISTS coverage_to ON coverage (to_utc);
`

export interface DiskRecord {
  readonly key: string
  readonly vm: string
  readonly volume: string
  readonly instance: string
  readonly mappedBy: string
  readonly inventory: unknown
}

export interface FileRecord {
  readonly sha256: string
  /** SHA-256 of the first 4 MiB. */
  readonly headSha256: string
  readonly path: string
  readonly bytes: number
  readonly kind: string
  readonly encoding: string
  readonly hosts: readonly string[]
  readonly timeZone: string | undefined
  readonly biasMinutes: number | undefined
  readonly firstUtc: number
  readonly lastUtc: number
  readonly quality: unknown
}

const MEASURE_COLUMNS = ['write_bytes', 'read_bytes', 'write_ops', 'read_ops', 'covered_seconds'] as const

export class ProfileStore {
  /** The connection, for src/store/ only (loadProfile): every other module goes through the methods below. */
  readonly db: Database.Database
  readonly windowSeconds: number
  /** Statements run once per disk or file, prepared once (preparing per call cost ~45 µs a disk). */
  private readonly prepared = new Map<string, Database.Statement>()

  private sql(text: string): Database.Statement {
    let statement = this.prepared.get(text)
    if (!statement) this.prepared.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  private constructor(db: Database.Database, windowSeconds: number) {
    this.db = db
    this.windowSeconds = windowSeconds
  }

  /** Opens (creating when asked) a profile; the window size is fixed when the profile is created. */
  static open(path: string, options: {create: boolean; windowSeconds?: number}): ProfileStore {
    let db: Database.Database
    try {
      db = new Database(path, {fileMustExist: !options.create})
    } catch (error) {
      throw new HvplanError('E_INPUT_MISSING', `profile ${path} cannot be opened (${(error as Error).message}): run hvplan ingest first`, {file: path})
    }
    // A profile that cannot be set up (a full disk, a wrong schema) is closed again: nothing keeps its file open.
    try {
      return ProfileStore.setUp(db, path, options)
    } catch (error) {
      db.close()
      throw error
    }
  }

  private static setUp(db: Database.Database, path: string, options: {create: boolean; windowSeconds?: number}): ProfileStore {
    // Large pages keep a day row (five 2.3 KB blobs at 5-minute windows) on few pages: loading a
    // month of 2,700 disks reads several times faster than with the default 4 KiB. Only takes
    // effect when the file is new.
    db.pragma('page_size = 65536')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec(SCHEMA)
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as Array<{key: string; value: string}>).map((r) => [r.key, r.value]))
    if (meta.size === 0) {
      const windowSeconds = options.windowSeconds ?? 300
      const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
      insert.run('schema_version', String(PROFILE_SCHEMA_VERSION))
      insert.run('window_seconds', String(windowSeconds))
      insert.run('created_utc', new Date().toISOString())
      return new ProfileStore(db, windowSeconds)
    }
    if (Number(meta.get('schema_version')) !== PROFILE_SCHEMA_VERSION) {
      throw new HvplanError('E_INPUT_FORMAT', `profile schema version ${meta.get('schema_version')} is not ${PROFILE_SCHEMA_VERSION}: re-ingest into a new profile`, {file: path})
    }
    const windowSeconds = Number(meta.get('window_seconds'))
    if (options.windowSeconds !== undefined && options.windowSeconds !== windowSeconds) {
      throw new HvplanError('E_FLAG', `must match the profile's window of ${windowSeconds / 60} minutes, got ${options.windowSeconds / 60} minutes (use a new --profile for another window)`, {flag: 'window'})
    }
    return new ProfileStore(db, windowSeconds)
  }

  get windowsPerDay(): number {
    return DAY_MS / (this.windowSeconds * 1000)
  }

  hasFile(sha256: string): boolean {
    return this.sql('SELECT 1 FROM files WHERE sha256 = ?').get(sha256) !== undefined
  }

  hasFileHead(headSha256: string, bytes: number): boolean {
    return this.sql('SELECT 1 FROM files WHERE head_sha256 = ? AND bytes = ?').get(headSha256, bytes) !== undefined
  }

  /** Runs fn in one transaction: all of a file or nothing. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /**
   * Runs an async fn in one transaction (an ingest awaits its parser and workers between writes,
   * which better-sqlite3's transaction() cannot span): committed when fn says keep, rolled back
   * when it says not to or throws; fn's value is returned either way. No other transaction may
   * start meanwhile.
   */
  async transactionAsync<T>(fn: () => Promise<{keep: boolean; value: T}>): Promise<T> {
    this.db.exec('BEGIN')
    try {
      const {keep, value} = await fn()
      this.db.exec(keep ? 'COMMIT' : 'ROLLBACK')
      return value
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  /** Every ingested file: path, content hash, quality record (parsed) and first and last UTC sample. */
  files(): Array<{path: string; sha256: string; quality: unknown; firstUtc: number | null; lastUtc: number | null}> {
    const rows = this.db.prepare('SELECT path, sha256, quality, first_utc, last_utc FROM files ORDER BY id').all() as Array<{path: string; sha256: string; quality: string; first_utc: number | null; last_utc: number | null}>
    return rows.map((r) => ({path: r.path, sha256: r.sha256, quality: JSON.parse(r.quality), firstUtc: r.first_utc, lastUtc: r.last_utc}))
  }

  /** Disks with their VM, volume, instance and inventory facts (parsed), by id. */
  diskLabels(): Array<{id: number; vm: string; volume: string; instance: string; inventory: Record<string, unknown> | undefined}> {
    const rows = this.db.prepare('SELECT id, vm, volume, inventory, instance FROM disks').all() as Array<{id: number; vm: string; volume: string; inventory: string | null; instance: string}>
    return rows.map((r) => ({id: r.id, vm: r.vm, volume: r.volume, instance: r.instance, inventory: r.inventory ? JSON.parse(r.inventory) : undefined}))
  }

  /** The first and last UTC day (days since 1970) the profile's disks are covered on, or undefined when none is (from the small coverage table, not the day rows). */
  daySpan(): {firstDay: number; lastDay: number} | undefined {
    const r = this.sql('SELECT MIN(from_utc) AS first, MAX(to_utc) AS last FROM coverage').get() as {first: number | null; last: number | null}
    return r.first === null || r.last === null ? undefined : {firstDay: Math.floor(r.first / DAY_MS), lastDay: Math.floor((r.last - 1) / DAY_MS)}
  }

  /** The hosts each disk was seen on and when, oldest first. */
  hostSpans(): Array<{diskId: number; host: string; firstUtc: number; lastUtc: number}> {
    const rows = this.db.prepare('SELECT disk_id, host, first_utc, last_utc FROM disk_hosts ORDER BY first_utc').all() as Array<{disk_id: number; host: string; first_utc: number; last_utc: number}>
    return rows.map((r) => ({diskId: r.disk_id, host: r.host, firstUtc: r.first_utc, lastUtc: r.last_utc}))
  }

  /** Every disk-day's five series (write/read bytes, write/read ops, covered seconds), by day then disk. */
  *dayRows(): Generator<{diskId: number; day: number; measures: [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]}> {
    const rows = this.db.prepare(`SELECT disk_id, day, ${MEASURE_COLUMNS.join(', ')} FROM disk_days ORDER BY day, disk_id`).raw().iterate() as IterableIterator<[number, number, Buffer, Buffer, Buffer, Buffer, Buffer]>
    for (const [diskId, day, ...blobs] of rows) yield {diskId, day, measures: blobs.map(blobToFloat64) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]}
  }

  insertFile(file: FileRecord): number {
    const info = this.db
      .prepare('INSERT INTO files (sha256, head_sha256, path, bytes, kind, encoding, hosts, time_zone, bias_minutes, first_utc, last_utc, quality, ingested_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(file.sha256, file.headSha256, file.path, file.bytes, file.kind, file.encoding, JSON.stringify(file.hosts), file.timeZone ?? null, file.biasMinutes ?? null, Number.isFinite(file.firstUtc) ? file.firstUtc : null, Number.isFinite(file.lastUtc) ? file.lastUtc : null, JSON.stringify(file.quality), new Date().toISOString())
    return Number(info.lastInsertRowid)
  }

  /** The id of a disk, created on first sight; inventory facts are filled in when known. */
  diskId(disk: DiskRecord): number {
    const row = this.sql('SELECT id, mapped_by FROM disks WHERE disk_key = ?').get(disk.key) as {id: number; mapped_by: string} | undefined
    if (row) {
      if (row.mapped_by !== 'inventory' && disk.mappedBy === 'inventory') {
        this.sql('UPDATE disks SET vm = ?, volume = ?, mapped_by = ?, inventory = ? WHERE id = ?').run(disk.vm, disk.volume, disk.mappedBy, JSON.stringify(disk.inventory), row.id)
      }
      return row.id
    }
    const info = this.sql('INSERT INTO disks (disk_key, vm, volume, instance, mapped_by, inventory) VALUES (?, ?, ?, ?, ?, ?)')
      .run(disk.key, disk.vm, disk.volume, disk.instance, disk.mappedBy, disk.inventory === undefined ? null : JSON.stringify(disk.inventory))
    return Number(info.lastInsertRowid)
  }

  noteHost(diskId: number, host: string, firstUtc: number, lastUtc: number): void {
    this.sql('INSERT INTO disk_hosts (disk_id, host, first_utc, last_utc) VALUES (?, ?, ?, ?) ON CONFLICT (disk_id, host) DO UPDATE SET first_utc = min(first_utc, excluded.first_utc), last_utc = max(last_utc, excluded.last_utc)')
      .run(diskId, host.toUpperCase(), firstUtc, lastUtc)
  }

  /** Covered [from, to) intervals of a disk, sorted and merged; only those ending after afterUtc when given. */
  coverage(diskId: number, afterUtc = -Infinity): Array<[number, number]> {
    return this.sql(ENDING_AFTER).raw().all({disk: diskId, after: afterUtc}) as Array<[number, number]>
  }

  /**
   * Merges new covered intervals into a disk's coverage. Only the stored intervals that touch the
   * new ones' span can merge with them, so only those are read and rewritten (rewriting them all
   * made a disk of 720 hourly logs quadratic: most of 18 s).
   */
  addCoverage(diskId: number, intervals: ReadonlyArray<readonly [number, number]>): void {
    if (intervals.length === 0) return
    let lo = Infinity
    let hi = -Infinity
    for (const [a, b] of intervals) {
      lo = Math.min(lo, a)
      hi = Math.max(hi, b)
    }
    const touching = this.sql(TOUCHING).raw().all({disk: diskId, lo, hi}) as Array<[number, number]>
    const all = [...touching, ...intervals.map(([a, b]) => [a, b] as [number, number])].sort((x, y) => x[0] - y[0])
    const merged: Array<[number, number]> = []
    for (const [a, b] of all) {
      const last = merged.at(-1)
      if (last && a <= last[1]) last[1] = Math.max(last[1], b)
      else merged.push([a, b])
    }
    for (const [a] of touching) this.sql('DELETE FROM coverage WHERE disk_id = ? AND from_utc = ?').run(diskId, a)
    const insert = this.sql('INSERT INTO coverage (disk_id, from_utc, to_utc) VALUES (?, ?, ?)')
    for (const [a, b] of merged) insert.run(diskId, a, b)
  }

  /** Adds a day of window values (five arrays of windowsPerDay) to what the disk already has. */
  addDay(diskId: number, day: number, measures: readonly Float64Array[]): void {
    const existing = this.sql(SELECT_DAY).get(diskId, day) as Record<string, Buffer> | undefined
    const blobs = MEASURE_COLUMNS.map((column, k) => {
      const sum = measures[k].slice()
      if (existing) {
        const old = blobToFloat64(existing[column])
        for (let i = 0; i < sum.length; i++) sum[i] += old[i]
      }
      return Buffer.from(sum.buffer, sum.byteOffset, sum.byteLength)
    })
    this.sql(UPSERT_DAY).run(diskId, day, ...blobs)
  }

  /** Keeps the inventory (also VMs without counters), newest row per disk. */
  saveInventory(inventory: {disks: ReadonlyMap<string, unknown>}): void {
    const upsert = this.db.prepare('INSERT INTO inventory_disks (disk_key, data) VALUES (?, ?) ON CONFLICT (disk_key) DO UPDATE SET data = excluded.data')
    this.transaction(() => {
      for (const [key, disk] of inventory.disks) upsert.run(key, JSON.stringify(disk))
    })
  }

  /** Inventory disks no counter log has written about (their VM was off, or its host not collected). */
  inventoryDisksWithoutData(): Array<{key: string; data: unknown}> {
    const rows = this.db.prepare('SELECT disk_key, data FROM inventory_disks WHERE disk_key NOT IN (SELECT disk_key FROM disks) ORDER BY disk_key').all() as Array<{disk_key: string; data: string}>
    return rows.map((r) => ({key: r.disk_key, data: JSON.parse(r.data)}))
  }

  close(): void {
    this.db.close()
  }
}

/**
 * A disk's stored intervals that touch [@lo, @hi]: stored intervals are disjoint and sorted, so they
 * run from the last one starting at or before @lo — found through the primary key, not by reading
 * every earlier interval.
 */
const TOUCHING = 'SELECT from_utc, to_utc FROM coverage WHERE disk_id = @disk AND from_utc <= @hi AND from_utc >= coalesce((SELECT max(from_utc) FROM coverage WHERE disk_id = @disk AND from_utc <= @lo), @lo) AND to_utc >= @lo ORDER BY from_utc'
/** A disk's stored intervals ending after @after: from the last one starting at or before it (disjoint and sorted, as above). */
const ENDING_AFTER = 'SELECT from_utc, to_utc FROM coverage WHERE disk_id = @disk AND from_utc >= coalesce((SELECT max(from_utc) FROM coverage WHERE disk_id = @disk AND from_utc <= @after), @after) AND to_utc > @after ORDER BY from_utc'
const SELECT_DAY = `SELECT ${MEASURE_COLUMNS.join(', ')} FROM disk_days WHERE disk_id = ? AND day = ?`
const UPSERT_DAY = `INSERT INTO disk_days (disk_id, day, ${MEASURE_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (disk_id, day) DO UPDATE SET ${MEASURE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`

export function blobToFloat64(blob: Buffer): Float64Array {
  // Copy: SQLite's buffer may not be 8-byte aligned.
  const out = new Float64Array(blob.byteLength / 8)
  new Uint8Array(out.buffer).set(blob)
  return out
}

/** Opens an existing profile, runs fn, and closes the profile whatever happens. */
export function withProfile<T>(path: string, fn: (store: ProfileStore) => T): T {
  const store = ProfileStore.open(path, {create: false})
  try {
    return fn(store)
  } finally {
    store.close()
  }
}
