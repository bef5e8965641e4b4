/**
 * Ingests one counter log into the profile, all or nothing: hash the content (a file already in
 * the profile is skipped), pick the parser (fast path for standard UTF-8 PDH-CSV, csv-parse for
 * the rest), run rows through the clock and the window engine, and write the disks' day series,
 * coverage and the file's findings in one transaction.
 */
import {createReadStream} from 'node:fs'
import {availableParallelism} from 'node:os'
import {createGunzip} from 'node:zlib'
import {HvplanError} from '../errors.js'
import {contentHash, headHash} from '../io/hashFile.js'
import type {ProfileStore} from '../store/profileStore.js'
import {findTimeZone, type WindowsTimeZone} from '../time/windowsTimeZones.js'
import type {InputFile} from './discover.js'
import type {SniffResult, TextEncoding} from './sniff.js'
import {DayBuffers} from './dayBuffers.js'
import {WindowEngine, type EngineStats} from './engine.js'
import {EngineLogSink, type FileFindings, type MappingContext} from './logSink.js'
import {parsePdhCsvFast} from './pdhFast.js'
import {parsePdhGeneral} from './pdhGeneral.js'
import {checkExpansion, type InputLimits, profileTooLong} from './inputLimits.js'
import {ingestInRanges, type ParseResult} from './parallelRanges.js'
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
  /** Plain PDH-CSV files from this size on are parsed in two byte ranges on worker threads. */
  readonly splitMinBytes?: number
  /** How much of the file is read before it is refused (inputLimits.ts). */
  readonly limits: InputLimits
}

/** Below this a file is parsed on the main thread: starting workers costs more than it saves. */
export const SPLIT_MIN_BYTES = 64 << 20

export interface FileQuality {
  readonly stats: EngineStats
  readonly clock: ClockReport
  readonly findings: FileFindings
  readonly disks: number
  readonly parser: 'fast' | 'csv-parse'
  /** Byte ranges parsed in parallel on worker threads (1 = the whole file on the main thread). */
  readonly ranges: number
  readonly timeZoneSource: 'header' | 'bias only' | '--tz'
  /** The zone name a header gives that no Windows zone has (a localized name), read by its bias only. */
  readonly headerZoneName?: string
  /** The encoding the file was read in, how it was found, and a few words as decoded. */
  readonly encoding?: {readonly name: TextEncoding; readonly by?: SniffResult['encodingBy']; readonly sample?: string}
}

export type FileOutcome =
  | {readonly status: 'ingested'; readonly path: string; readonly quality: FileQuality}
  | {readonly status: 'already-ingested'; readonly path: string}

const CHUNK = 4 << 20 // read size

export async function ingestFile(store: ProfileStore, input: InputFile, options: IngestOptions, onBytes?: (bytes: number) => void): Promise<FileOutcome> {
  // A file whose first 4 MiB and size match one in the profile is hashed whole before parsing;
  // any other is hashed while it is parsed: by the first range's worker on the parallel path, else
  // on a worker thread of its own.
  const head = headHash(input.path)
  if (store.hasFileHead(head, input.bytes) && store.hasFile(await contentHash(input.path, input.bytes, head))) return {status: 'already-ingested', path: input.path}
  let fullHash: Promise<string> | undefined

  const headerZone = input.timeZone === undefined ? undefined : findTimeZone(input.timeZone)
  // A zone name hvplan does not know (a localized one): --tz, when given, supplies the rules; the
  // header's bias still starts the clock.
  const clockZone = headerZone ?? options.tz
  const newClock = (): LogClock => {
    if (input.biasMinutes !== undefined) return new LogClock(input.biasMinutes, clockZone)
    if (options.tz) return new LogClock(NaN, options.tz) // no zone in the file: the first row's bias follows the zone's rules
    const why = input.zoneCellCut ? `the log's time-zone cell is cut off (${JSON.stringify(input.zoneCellCut)})` : `the log names no time zone (${input.kind})`
    throw new HvplanError('E_INPUT_FORMAT', `${why}: pass --tz with the hosts' time zone, a Windows ID such as --tz "Russian Standard Time" or an IANA name such as --tz Europe/Moscow`, {file: input.path, line: 1})
  }
  const timeZoneSource: FileQuality['timeZoneSource'] = input.biasMinutes !== undefined ? (headerZone ? 'header' : options.tz ? '--tz' : 'bias only') : '--tz'
  const fast = !options.forceCsvParse && (input.kind === 'pdh-csv' || input.kind === 'pdh-csv-no-zone') && input.encoding === 'utf8'
  const windowMs = options.windowSeconds * 1000

  /** One attempt's state: a fresh engine and sink (a failed parallel attempt is redone from scratch). */
  const session = () => {
    const clock = newClock()
    const diskIds: number[] = []
    const diskIdOf = (s: number): number => (diskIds[s] ??= store.diskId(sink.series.disks[s]))
    const days = new DayBuffers(86_400_000 / windowMs, (s, day, arrays) => store.addDay(diskIdOf(s), day, arrays))
    const engine: WindowEngine = new WindowEngine({
      windowMs,
      maxIntervalMs: options.maxIntervalMs,
      rangeFromUtc: options.fromUtc,
      rangeToUtc: options.toUtc,
      emit: (s, w, acc, offset) => days.add(s, w, acc, offset),
      priorCoverage: (s, fromUtc) => store.coverage(diskIdOf(s), fromUtc),
    })
    const sink: EngineLogSink = new EngineLogSink(engine, clock, options, input.path)
    return {clock, diskIdOf, days, engine, sink}
  }

  /** The file's figures into the profile (inside the transaction): keep it, or not when the same content is already there. */
  const record = async (s: ReturnType<typeof session>, result: ParseResult): Promise<{keep: boolean; value: FileOutcome}> => {
    if (result.stats.sampleSets < 2 && s.sink.series.disks.length > 0) {
      // A header and at most one row measures no interval: nothing to profile, and saying "ingested" would be untrue.
      const other = s.sink.findings.otherLines ? ` (${s.sink.findings.otherLines} other line${s.sink.findings.otherLines === 1 ? '' : 's'}, the first: ${JSON.stringify(s.sink.findings.firstOtherLine?.slice(0, 60))})` : ''
      throw new HvplanError('E_INPUT_FORMAT', `${result.stats.sampleSets === 0 ? 'no rows of samples' : 'only one row of samples'} after the header${other}: at least two are needed to measure an interval`, {file: input.path})
    }
    // The period this file covers, over all its disks (each disk's intervals are sorted).
    const samples = {fromUtc: Infinity, toUtc: -Infinity}
    s.sink.series.disks.forEach((_disk, k) => {
      const id = s.diskIdOf(k)
      const covered = result.coverage(k)
      store.addCoverage(id, covered)
      if (covered.length === 0) return
      for (const host of s.sink.series.hosts[k]) store.noteHost(id, host, covered[0][0], covered.at(-1)![1])
      samples.fromUtc = Math.min(samples.fromUtc, covered[0][0])
      samples.toUtc = Math.max(samples.toUtc, covered.at(-1)![1])
    })
    // The file's days are in the profile (not yet committed): refused when they stretch it past one
    // profiling period (a file that covers nothing new cannot have).
    const span = samples.fromUtc < samples.toUtc ? store.daySpan() : undefined
    if (span && span.lastDay - span.firstDay + 1 > options.limits.profileDays) throw profileTooLong(input.path, span, samples, options.limits)
    const sha256 = result.sha256 ?? (await fullHash!)
    if (store.hasFile(sha256)) return {keep: false, value: {status: 'already-ingested', path: input.path}}
    s.sink.noteBadCells(result.stats)
    const quality: FileQuality = {stats: result.stats, clock: result.clock, findings: s.sink.findings, disks: s.sink.series.disks.length, parser: fast ? 'fast' : 'csv-parse', ranges: result.ranges, timeZoneSource, ...(timeZoneSource === 'bias only' ? {headerZoneName: input.timeZone} : {}), encoding: {name: input.encoding, by: input.encodingBy, sample: input.encodingSample}}
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
      firstUtc: result.stats.firstUtc,
      lastUtc: result.stats.lastUtc,
      quality,
    })
    return {keep: true, value: {status: 'ingested', path: input.path, quality}}
  }

  try {
    const parallel = fast && !input.gzip && clockZone !== undefined && input.bytes >= (options.splitMinBytes ?? SPLIT_MIN_BYTES) && availableParallelism() > 1
    if (parallel) {
      // Byte ranges on workers; any trouble there gives no result, and the file is parsed whole below.
      const outcome = await store.transactionAsync(async (): Promise<{keep: boolean; value: FileOutcome | undefined}> => {
        const s = session()
        const result = await ingestInRanges(store, input, s, {windowMs, engine: {maxIntervalMs: options.maxIntervalMs, fromUtc: options.fromUtc, toUtc: options.toUtc}, zone: clockZone!, limits: options.limits, onBytes})
        return result ? record(s, result) : {keep: false, value: undefined}
      })
      if (outcome) return outcome
    }
    fullHash = contentHash(input.path, input.bytes, head)
    return await store.transactionAsync(async () => {
      const s = session()
      const chunks = readChunks(input.path, input.gzip, options.limits, onBytes)
      if (fast) await parsePdhCsvFast(chunks, input.path, s.sink, options.limits)
      else await parsePdhGeneral(chunks, input.path, input, s.sink, {maxIntervalMs: options.maxIntervalMs, limits: options.limits})
      s.engine.finish()
      s.days.flushAll()
      return record(s, {stats: s.engine.stats, clock: s.clock.report, coverage: (k) => s.engine.coveredIntervals(k), ranges: 1})
    })
  } catch (error) {
    await fullHash?.catch(() => undefined)
    throw error
  }
}

/** The file's bytes, expanded when it is a .gz — refused as soon as it expands past its limits (a gzip bomb). */
async function* readChunks(path: string, gzip: boolean, limits: InputLimits, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const file = createReadStream(path, {highWaterMark: CHUNK})
  if (onBytes) file.on('data', (chunk) => onBytes(chunk.length))
  if (!gzip) {
    yield* file as AsyncIterable<Buffer>
    return
  }
  const stream = file.pipe(createGunzip({chunkSize: 1 << 20}))
  let expanded = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      expanded += chunk.length
      // The compressed bytes gunzip has consumed (not those read ahead from the file).
      checkExpansion(path, expanded, stream.bytesWritten, limits)
      yield chunk
    }
  } finally {
    file.destroy()
    stream.destroy()
  }
}
