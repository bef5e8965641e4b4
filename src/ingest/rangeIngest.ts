/**
 * Ingest of one byte range of a plain PDH-CSV file, for a worker thread: the same parser and
 * window engine as the whole-file path, starting after the last sample set of the range before
 * it, returning day arrays and coverage for the main thread to add to the profile.
 */
import {createHash} from 'node:crypto'
import {closeSync, openSync, readSync} from 'node:fs'
import {findTimeZone} from '../time/windowsTimeZones.js'
import {DayBuffers} from './dayBuffers.js'
import {type EngineStats, WindowEngine} from './engine.js'
import {LineSplitter, RowParser} from './pdhFast.js'
import {type ClockReport, LogClock} from './timestamps.js'

export interface RangeJob {
  readonly path: string
  readonly start: number
  readonly end: number
  /** Local time of the sample set just before start (NaN for the first range). */
  readonly seedLocalMs: number
  readonly biasMinutes: number
  readonly zoneId: string | undefined
  readonly map: Int32Array
  readonly valueCount: number
  readonly columns: ReadonlyArray<readonly [series: number, measure: number, duplicateOf: number]>
  readonly windowMs: number
  readonly maxIntervalMs: number
  readonly rangeFromUtc: number
  readonly rangeToUtc: number
  readonly priorCoverage: ReadonlyArray<ReadonlyArray<readonly [number, number]>>
  /** A longer line fails the range (the file is then parsed whole, which says where: inputLimits.ts). */
  readonly maxLineBytes: number
  /**
   * The file's SHA-256 is computed by this range's worker (the first): it hashes the bytes before
   * its range, the chunks it parses, then reads the rest of the file for the hash alone. Its
   * range is made shorter by the hashing time, so both cores finish together.
   */
  readonly hashFileBytes?: number
}

export interface RangeResult {
  /** [series, day, SLOTS × windowsPerDay values (measure-major)]. */
  readonly days: Array<[number, number, Float64Array]>
  readonly coverage: Array<ReadonlyArray<readonly [number, number]>>
  readonly stats: EngineStats
  readonly clock: ClockReport
  readonly otherLines: number
  /** Hex SHA-256 of the whole file, from the range that was asked to hash it. */
  readonly sha256?: string
}

const CHUNK = 4 << 20

/** Finished disk-days handed over in batches of this many while the range is still parsed. */
const DAYS_PER_BATCH = 256

/**
 * Parses the range; finished disk-days go to onDays in batches as they complete (so the main
 * thread stores them while this range is still parsed), the rest come with the result.
 */
export function ingestRange(job: RangeJob, onDays?: (days: RangeResult['days']) => void): RangeResult {
  const zone = job.zoneId === undefined ? undefined : findTimeZone(job.zoneId)
  const clock = new LogClock(job.biasMinutes, zone)
  const windowsPerDay = 86_400_000 / job.windowMs
  let days: Array<[number, number, Float64Array]> = []
  const buffers = new DayBuffers(windowsPerDay, (s, day, arrays) => {
    const flat = new Float64Array(arrays.length * windowsPerDay)
    arrays.forEach((a, k) => flat.set(a, k * windowsPerDay))
    days.push([s, day, flat])
    if (onDays && days.length >= DAYS_PER_BATCH) {
      onDays(days)
      days = []
    }
  })
  const engine = new WindowEngine({
    windowMs: job.windowMs,
    maxIntervalMs: job.maxIntervalMs,
    rangeFromUtc: job.rangeFromUtc,
    rangeToUtc: job.rangeToUtc,
    emit: (s, w, acc, offset) => buffers.add(s, w, acc, offset),
    priorCoverage: (s) => job.priorCoverage[s] ?? [],
  })
  for (const [series, measure, of] of job.columns) {
    if (of >= 0) engine.addDuplicate(of)
    else engine.addColumn(series, measure)
  }
  if (!Number.isNaN(job.seedLocalMs)) engine.startAfter(clock.toUtc(job.seedLocalMs))
  const values = new Float64Array(job.valueCount)
  const rows = new RowParser(job.map, job.valueCount)
  let otherLines = 0
  const splitter = new LineSplitter((buf, start, end) => {
    if (end > start && buf[start] === 0x22 && buf[end - 1] === 0x22) {
      rows.parse(buf, start, end, values, job.path, 0)
      const utc = clock.toUtc(values[values.length - 1])
      if (!Number.isNaN(utc)) engine.row(utc, values)
    } else if (end > start) otherLines++
  })
  splitter.maxBytes = job.maxLineBytes
  const hash = job.hashFileBytes === undefined ? undefined : createHash('sha256')
  const fd = openSync(job.path, 'r')
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    const read = (from: number, to: number, use: (chunk: Buffer) => void) => {
      for (let pos = from; pos < to; ) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK, to - pos), pos)
        if (n <= 0) break
        use(buf.subarray(0, n))
        pos += n
      }
    }
    if (hash) read(0, job.start, (chunk) => hash.update(chunk))
    read(job.start, job.end, (chunk) => {
      hash?.update(chunk)
      splitter.push(chunk)
    })
    splitter.end()
    if (hash) read(job.end, job.hashFileBytes!, (chunk) => hash.update(chunk))
  } finally {
    closeSync(fd)
  }
  engine.finish()
  buffers.flushAll()
  return {days, coverage: job.columns.length ? Array.from({length: job.priorCoverage.length}, (_, s) => engine.coveredIntervals(s)) : [], stats: engine.stats, clock: clock.report, otherLines, sha256: hash?.digest('hex')}
}
