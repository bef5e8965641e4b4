/**
 * Parses a large plain PDH-CSV file in byte ranges on worker threads (both cores), then adds
 * their windows and coverage to the profile from the main thread (one SQLite connection). The
 * second range starts after a whole line; the sample set before it seeds its first interval, so
 * nothing is lost or counted twice at the seam. The split avoids the repeated autumn hour, where
 * a local time alone cannot say which UTC it is. Any trouble in a worker returns undefined and
 * the caller parses the whole file on the main thread, which reports errors with their line.
 */
import {closeSync, openSync, readSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {moduleWorker} from '../io/moduleWorker.js'
import type {ProfileStore} from '../store/profileStore.js'
import {biasesAtLocal, type WindowsTimeZone} from '../time/windowsTimeZones.js'
import type {InputFile} from './discover.js'
import type {InputLimits} from './inputLimits.js'
import {type EngineStats, SLOTS, type WindowEngine} from './engine.js'
import type {EngineLogSink} from './logSink.js'
import {splitQuoted} from './pdhFast.js'
import type {RangeJob, RangeResult} from './rangeIngest.js'
import type {ClockReport} from './timestamps.js'
import {parseLocalTimestamp} from './timestamps.js'

export interface ParseResult {
  readonly stats: EngineStats
  readonly clock: ClockReport
  readonly coverage: (series: number) => ReadonlyArray<readonly [number, number]>
  readonly ranges: number
  /** The file's SHA-256 when the parse computed it (the parallel path does). */
  readonly sha256?: string
}

/** The few ingest options the range workers' engines need. */
export interface RangeEngineOptions {
  readonly maxIntervalMs: number
  readonly fromUtc: number
  readonly toUtc: number
}

interface Session {
  readonly engine: WindowEngine
  readonly sink: EngineLogSink
  readonly diskIdOf: (series: number) => number
}

const LF = 0x0a
const PROBE = 256 << 10
/** Byte ranges per file, one per core (three measured no faster on two cores: bench:ingest). */
const RANGES = Math.max(2, Math.min(4, availableParallelism()))
/**
 * The first range's worker also hashes the whole file (reading the rest of it for the hash alone):
 * that work over the parse time of the file, so the first range is made that much shorter. Fitted
 * with bench:ingest's two shapes so both workers finish together (with the WebAssembly cell parser
 * and the typed engine tables: at 0.17, the share fitted to the older, slower parse, the hashing
 * worker finished 0.3 s after the other on the 1.1 GB file; at 0.3 within ±0.07 s on both shapes).
 */
const HASH_COST = 0.3

/** Where range k of count ends, as a fraction of the rows: the first range's share leaves room for the hash. */
export function rangeEnd(k: number, count: number): number {
  const first = Math.max(0.05, (1 + HASH_COST) / count - HASH_COST)
  return k === 0 ? first : first + ((1 - first) * k) / (count - 1)
}

export async function ingestInRanges(
  store: ProfileStore,
  input: InputFile,
  session: Session,
  context: {windowMs: number; engine: RangeEngineOptions; zone: WindowsTimeZone; limits: InputLimits; onBytes?: (bytes: number) => void},
): Promise<ParseResult | undefined> {
  const fd = openSync(input.path, 'r')
  let plan: ReturnType<typeof planSplits>
  try {
    plan = planSplits(fd, input, context.zone, session.sink, RANGES, context.limits.headerBytes)
  } finally {
    closeSync(fd)
  }
  if (!plan || input.biasMinutes === undefined) return undefined
  const {engine, sink} = session
  const columns = Array.from({length: engine.columnCount}, (_, c) => engine.columnAt(c))
  const priorCoverage = sink.series.disks.map((_d, s) => store.coverage(session.diskIdOf(s)))
  const map = sink.headerMap!
  const common = {path: input.path, zoneId: context.zone.id, map, valueCount: sink.valueCount, columns, windowMs: context.windowMs, maxIntervalMs: context.engine.maxIntervalMs, rangeFromUtc: context.engine.fromUtc, rangeToUtc: context.engine.toUtc, priorCoverage, maxLineBytes: context.limits.lineBytes}
  const starts = [plan.headerEnd, ...plan.splits.map((x) => x.at)]
  const jobs: RangeJob[] = starts.map((start, k) => ({
    ...common,
    start,
    end: starts[k + 1] ?? input.bytes,
    seedLocalMs: k === 0 ? NaN : plan.splits[k - 1].seedLocalMs,
    biasMinutes: k === 0 ? input.biasMinutes! : plan.splits[k - 1].seedBias,
    hashFileBytes: k === 0 ? input.bytes : undefined,
  }))
  const windowsPerDay = 86_400_000 / context.windowMs
  // Days are added as the workers finish them, while they still parse. After a failure nothing
  // more is added: the caller rolls back and parses the file on the main thread.
  let failed = false
  const storeDays = (days: RangeResult['days']) => {
    if (failed) return
    for (const [s, day, flat] of days) store.addDay(session.diskIdOf(s), day, Array.from({length: SLOTS}, (_, k) => flat.subarray(k * windowsPerDay, (k + 1) * windowsPerDay)))
  }
  const workers = jobs.map((job) => runWorker(job, storeDays))
  let results: RangeResult[]
  try {
    results = await Promise.all(
      workers.map(({done}) =>
        done.then((r) => {
          storeDays(r.days)
          sink.findings.otherLines += r.otherLines
          return r
        }),
      ),
    )
  } catch (error) {
    failed = true
    for (const {worker} of workers) void worker.terminate()
    if (process.env.HVPLAN_DEBUG) console.error(error)
    return undefined
  }
  context.onBytes?.(input.bytes)
  const sum = (pick: (r: RangeResult) => number) => results.reduce((n, r) => n + pick(r), 0)
  const last = results.map((r) => r.stats.lastUtc).filter((t) => !Number.isNaN(t)).at(-1) ?? NaN
  const stats: EngineStats = {
    sampleSets: sum((r) => r.stats.sampleSets),
    valueCells: sum((r) => r.stats.valueCells),
    blankCells: sum((r) => r.stats.blankCells),
    negativeCells: sum((r) => r.stats.negativeCells),
    invalidCells: sum((r) => r.stats.invalidCells),
    implausibleCells: sum((r) => r.stats.implausibleCells),
    ...(results.some((r) => r.stats.firstBadCell) ? {firstBadCell: results.find((r) => r.stats.firstBadCell)!.stats.firstBadCell} : {}),
    gaps: sum((r) => r.stats.gaps),
    gapMs: sum((r) => r.stats.gapMs),
    firstUtc: results[0].stats.firstUtc,
    lastUtc: last,
    overlapClippedMs: sum((r) => r.stats.overlapClippedMs),
  }
  const clock: ClockReport = {dstCorrections: results.flatMap((r) => r.clock.dstCorrections), backwardRows: sum((r) => r.clock.backwardRows)}
  return {stats, clock, coverage: (s) => results.flatMap((r) => r.coverage[s] ?? []), ranges: results.length, sha256: results[0].sha256}
}

/**
 * Reads the header into the sink and finds count − 1 splits (at rangeEnd's fractions): each the start of
 * a line whose previous line's local time maps to exactly one UTC instant. Undefined when the file
 * cannot be split so.
 */
function planSplits(fd: number, input: InputFile, zone: WindowsTimeZone, sink: EngineLogSink, count: number, maxHeaderBytes: number) {
  // The header can be long (thousands of counter paths): read more only until its end is found
  // (past the header limit the file is parsed whole, which refuses it where the limit is passed).
  let head = readAt(fd, 0, Math.min(input.bytes, 1 << 20))
  while (head.indexOf(LF) === -1 && head.length < Math.min(input.bytes, maxHeaderBytes + 2)) head = readAt(fd, 0, Math.min(input.bytes, maxHeaderBytes + 2, head.length * 4))
  const headerEnd = head.indexOf(LF) + 1
  if (headerEnd <= 0) return undefined
  const headerText = head.toString('utf8', 0, headerEnd).replace(/\r?\n$/, '').replace(/^\uFEFF/, '')
  sink.header(splitQuoted(headerText), 1)
  const splits: Array<{at: number; seedLocalMs: number; seedBias: number}> = []
  for (let k = 1; k < count; k++) {
    const split = findSplit(fd, input, zone, headerEnd + Math.floor((input.bytes - headerEnd) * rangeEnd(k - 1, count)))
    if (!split || split.at <= (splits.at(-1)?.at ?? headerEnd)) return undefined
    splits.push(split)
  }
  return {headerEnd, splits}
}

function findSplit(fd: number, input: InputFile, zone: WindowsTimeZone, target: number) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const mid = target + attempt * (8 << 20)
    if (mid >= input.bytes) return undefined
    const from = Math.max(0, mid - PROBE)
    const probe = readAt(fd, from, Math.min(input.bytes, mid + PROBE) - from)
    const nl = probe.indexOf(LF, mid - from)
    if (nl === -1 || from + nl + 1 >= input.bytes) return undefined
    const seedStart = probe.lastIndexOf(LF, nl - 1) + 1
    if (seedStart <= 0) return undefined
    const seedLocalMs = parseLocalTimestamp(probe.toString('latin1', seedStart + 1, seedStart + 24))
    if (Number.isNaN(seedLocalMs)) return undefined
    const valid = biasesAtLocal(zone, seedLocalMs)
    if (valid.length === 1) return {at: from + nl + 1, seedLocalMs, seedBias: valid[0]}
  }
  return undefined
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length)
  const n = readSync(fd, buf, 0, length, position)
  return buf.subarray(0, n)
}

function runWorker(job: RangeJob, onDays: (days: RangeResult['days']) => void): {worker: Worker; done: Promise<RangeResult>} {
  const worker = moduleWorker(import.meta.url, 'rangeWorker', job)
  const done = new Promise<RangeResult>((resolve, reject) => {
    worker.on('message', (m: {days?: RangeResult['days']; result?: RangeResult; error?: string}) => {
      if (m.days) return onDays(m.days)
      void worker.terminate()
      if (m.result) resolve(m.result)
      else reject(new Error(m.error))
    })
    worker.once('error', reject)
  })
  return {worker, done}
}
