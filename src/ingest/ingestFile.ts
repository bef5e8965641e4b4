/**
 * Ingests one counter log into the profile, all or nothing: hash the content (a file already in
 * the profile is skipped), pick the parser (fast path for standard UTF-8 PDH-CSV, csv-parse for
 * the rest), run rows through the clock and the window engine, and write the disks' day series,
 * coverage and the file's findings in one transaction.
 */
import {createReadStream} from 'node:fs'
import {createGunzip} from 'node:zlib'
import {HvplanError} from '../errors.js'
import {hashFile, hashFileInWorker, headHash} from '../io/hashFile.js'
import type {ProfileStore} from '../store/profileStore.js'
import {biasMinutesAt as findBias, findWindowsTimeZone, type WindowsTimeZone} from '../time/windowsTimeZones.js'
import type {InputFile} from './discover.js'
import {SLOTS, WindowEngine, type EngineStats} from './engine.js'
import {EngineLogSink, type FileFindings, type MappingContext} from './logSink.js'
import {parsePdhCsvFast} from './pdhFast.js'
import {parsePdhGeneral} from './pdhGeneral.js'
import {type ClockReport, LogClock} from './timestamps.js'

export interface IngestOptions extends MappingContext {
  readonly windowSeconds: number
  /** Zone for files that name none (typeperf, Get-Counter). */
  readonly tz: WindowsTimeZone | undefined
  readonly fromUtc: number
  readonly toUtc: number
  /** Longer sample intervals are gaps (default 10 min). */
  readonly maxIntervalMs: number
  /** Use csv-parse even where the fast path applies (differential tests). */
  readonly forceCsvParse?: boolean
}

export interface FileQuality {
  readonly stats: EngineStats
  readonly clock: ClockReport
  readonly findings: FileFindings
  readonly disks: number
  readonly parser: 'fast' | 'csv-parse'
  readonly timeZoneSource: 'header' | 'bias only' | '--tz'
}

export type FileOutcome =
  | {readonly status: 'ingested'; readonly path: string; readonly quality: FileQuality}
  | {readonly status: 'already-ingested'; readonly path: string}

const CHUNK = 4 << 20 // read size

export async function ingestFile(store: ProfileStore, input: InputFile, options: IngestOptions, onBytes?: (bytes: number) => void): Promise<FileOutcome> {
  // A file whose first 4 MiB and size match one in the profile is hashed whole before parsing;
  // any other is hashed on a worker thread while it is parsed.
  const head = headHash(input.path)
  if (store.hasFileHead(head, input.bytes) && store.hasFile(await hashFile(input.path))) return {status: 'already-ingested', path: input.path}
  const fullHash = hashFileInWorker(input.path)

  const headerZone = input.timeZone === undefined ? undefined : findWindowsTimeZone(input.timeZone)
  let clock: LogClock
  let timeZoneSource: FileQuality['timeZoneSource']
  if (input.biasMinutes !== undefined) {
    clock = new LogClock(input.biasMinutes, headerZone)
    timeZoneSource = headerZone ? 'header' : 'bias only'
  } else if (options.tz) {
    // No zone in the file: the first row's bias comes from the zone's rules.
    clock = new ZoneStartClock(options.tz)
    timeZoneSource = '--tz'
  } else {
    throw new HvplanError('E_INPUT_FORMAT', `the log names no time zone (${input.kind}): pass --tz with the hosts' Windows time zone, e.g. --tz "W. Europe Standard Time"`, {file: input.path, line: 1})
  }

  const windowMs = options.windowSeconds * 1000
  const windowsPerDay = 86_400_000 / windowMs
  const diskIds: number[] = []
  const diskIdOf = (s: number): number => (diskIds[s] ??= store.diskId(sink.series.disks[s]))
  const days = new DayBuffers(windowsPerDay, (s, day, arrays) => store.addDay(diskIdOf(s), day, arrays))
  const engine: WindowEngine = new WindowEngine({
    windowMs,
    maxIntervalMs: options.maxIntervalMs,
    rangeFromUtc: options.fromUtc,
    rangeToUtc: options.toUtc,
    emit: (s, w, acc, offset) => days.add(s, w, acc, offset),
    priorCoverage: (s) => store.coverage(diskIdOf(s)),
  })
  const sink: EngineLogSink = new EngineLogSink(engine, clock, options, input.path)
  const fast = !options.forceCsvParse && (input.kind === 'pdh-csv' || input.kind === 'pdh-csv-no-zone') && input.encoding === 'utf8'

  store.db.exec('BEGIN')
  try {
    const chunks = readChunks(input.path, input.gzip, onBytes)
    if (fast) await parsePdhCsvFast(chunks, input.path, sink)
    else await parsePdhGeneral(chunks, input.path, input, sink)
    engine.finish()
    days.flushAll()
    sink.series.disks.forEach((_disk, s) => {
      const id = diskIdOf(s)
      const covered = engine.coveredIntervals(s)
      store.addCoverage(id, covered)
      if (covered.length > 0) for (const host of sink.series.hosts[s]) store.noteHost(id, host, covered[0][0], covered.at(-1)![1])
    })
    const sha256 = await fullHash
    if (store.hasFile(sha256)) {
      store.db.exec('ROLLBACK')
      return {status: 'already-ingested', path: input.path}
    }
    const quality: FileQuality = {stats: engine.stats, clock: clock.report, findings: sink.findings, disks: sink.series.disks.length, parser: fast ? 'fast' : 'csv-parse', timeZoneSource}
    store.insertFile({
      sha256,
      headSha256: head,
      path: input.path,
      bytes: input.bytes,
      kind: input.kind,
      encoding: input.encoding,
      hosts: input.hosts,
      timeZone: input.timeZone ?? options.tz?.id,
      biasMinutes: input.biasMinutes,
      firstUtc: engine.stats.firstUtc,
      lastUtc: engine.stats.lastUtc,
      quality,
    })
    store.db.exec('COMMIT')
    return {status: 'ingested', path: input.path, quality}
  } catch (error) {
    if (store.db.inTransaction) store.db.exec('ROLLBACK')
    await fullHash.catch(() => undefined)
    throw error
  }
}

/** A clock for logs without a zone: the first row's bias follows the zone's rules. */
class ZoneStartClock extends LogClock {
  private started = false

  constructor(private readonly tzForStart: WindowsTimeZone) {
    super(tzForStart.standardBiasMinutes, tzForStart)
  }

  override toUtc(localMs: number): number {
    if (!this.started) {
      this.started = true
      this.resetBias(biasAtLocal(this.tzForStart, localMs))
    }
    return super.toUtc(localMs)
  }
}

function biasAtLocal(tz: WindowsTimeZone, localMs: number): number {
  for (const bias of [tz.standardBiasMinutes - 60, tz.standardBiasMinutes]) {
    const utc = localMs + bias * 60_000
    if (findBias(tz, utc) === bias) return bias
  }
  return tz.standardBiasMinutes
}



/** Per disk, the current UTC day's windows; a finished day is added to the profile. */
class DayBuffers {
  private readonly day: number[] = []
  private readonly arrays: Float64Array[][] = []

  constructor(
    private readonly windowsPerDay: number,
    private readonly write: (series: number, day: number, arrays: Float64Array[]) => void,
  ) {}

  add(s: number, window: number, acc: Float64Array, offset: number): void {
    const day = Math.floor(window / this.windowsPerDay)
    if (this.day[s] !== day) {
      this.flush(s)
      this.day[s] = day
      this.arrays[s] ??= Array.from({length: SLOTS}, () => new Float64Array(this.windowsPerDay))
    }
    const i = window - day * this.windowsPerDay
    const arrays = this.arrays[s]
    for (let k = 0; k < SLOTS; k++) arrays[k][i] += acc[offset + k]
  }

  flushAll(): void {
    for (let s = 0; s < this.day.length; s++) this.flush(s)
  }

  private flush(s: number): void {
    if (this.day[s] === undefined) return
    this.write(s, this.day[s], this.arrays[s])
    for (const a of this.arrays[s]) a.fill(0)
    this.day[s] = undefined as unknown as number
  }
}

async function* readChunks(path: string, gzip: boolean, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const file = createReadStream(path, {highWaterMark: CHUNK})
  if (onBytes) file.on('data', (chunk) => onBytes(chunk.length))
  const stream = gzip ? file.pipe(createGunzip({chunkSize: 1 << 20})) : file
  for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk
}
