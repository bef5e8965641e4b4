/**
 * Parses a large plain PDH-CSV file in two byte ranges on worker threads (both cores), then adds
 * their windows and coverage to the profile from the main thread (one SQLite connection). The
 * second range starts after a whole line; the sample set before it seeds its first interval, so
 * nothing is lost or counted twice at the seam. The split avoids the repeated autumn hour, where
 * a local time alone cannot say which UTC it is. Any trouble in a worker returns undefined and
 * the caller parses the whole file on the main thread, which reports errors with their line.
 */
import {closeSync, openSync, readSync} from 'node:fs'
import {Worker} from 'node:worker_threads'
import type {ProfileStore} from '../store/profileStore.js'
import {biasMinutesAt, type WindowsTimeZone} from '../time/windowsTimeZones.js'
import type {InputFile} from './discover.js'
import {type EngineStats, SLOTS, type WindowEngine} from './engine.js'
import type {IngestOptions} from './ingestFile.js'
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
}

interface Session {
  readonly engine: WindowEngine
  readonly sink: EngineLogSink
  readonly diskIdOf: (series: number) => number
}

const LF = 0x0a
const PROBE = 256 << 10

export async function ingestInRanges(
  store: ProfileStore,
  input: InputFile,
  session: Session,
  context: {windowMs: number; options: IngestOptions; zone: WindowsTimeZone; onBytes?: (bytes: number) => void},
): Promise<ParseResult | undefined> {
  const fd = openSync(input.path, 'r')
  let plan: {headerEnd: number; split: number; seedLocalMs: number; seedBias: number} | undefined
  try {
    plan = planSplit(fd, input, context.zone, session.sink)
  } finally {
    closeSync(fd)
  }
  if (!plan || input.biasMinutes === undefined) return undefined
  const {engine, sink} = session
  const columns = Array.from({length: engine.columnCount}, (_, c) => engine.columnAt(c))
  const priorCoverage = sink.series.disks.map((_d, s) => store.coverage(session.diskIdOf(s)))
  const map = sink.headerMap!
  const common = {path: input.path, zoneId: context.zone.id, map, valueCount: sink.valueCount, columns, windowMs: context.windowMs, maxIntervalMs: context.options.maxIntervalMs, rangeFromUtc: context.options.fromUtc, rangeToUtc: context.options.toUtc, priorCoverage}
  const jobs: RangeJob[] = [
    {...common, start: plan.headerEnd, end: plan.split, seedLocalMs: NaN, biasMinutes: input.biasMinutes},
    {...common, start: plan.split, end: input.bytes, seedLocalMs: plan.seedLocalMs, biasMinutes: plan.seedBias},
  ]
  let results: RangeResult[]
  try {
    results = await Promise.all(jobs.map(runWorker))
  } catch (error) {
    if (process.env.HVPLAN_DEBUG) console.error(error)
    return undefined
  }
  context.onBytes?.(input.bytes)
  const windowsPerDay = 86_400_000 / context.windowMs
  for (const r of results) {
    for (const [s, day, flat] of r.days) store.addDay(session.diskIdOf(s), day, Array.from({length: SLOTS}, (_, k) => flat.subarray(k * windowsPerDay, (k + 1) * windowsPerDay)))
    sink.findings.otherLines += r.otherLines
  }
  const [a, b] = results
  const stats: EngineStats = {
    sampleSets: a.stats.sampleSets + b.stats.sampleSets,
    valueCells: a.stats.valueCells + b.stats.valueCells,
    blankCells: a.stats.blankCells + b.stats.blankCells,
    negativeCells: a.stats.negativeCells + b.stats.negativeCells,
    gaps: a.stats.gaps + b.stats.gaps,
    gapMs: a.stats.gapMs + b.stats.gapMs,
    firstUtc: a.stats.firstUtc,
    lastUtc: Number.isNaN(b.stats.lastUtc) ? a.stats.lastUtc : b.stats.lastUtc,
    overlapClippedMs: a.stats.overlapClippedMs + b.stats.overlapClippedMs,
  }
  const clock: ClockReport = {dstCorrections: [...a.clock.dstCorrections, ...b.clock.dstCorrections], backwardRows: a.clock.backwardRows + b.clock.backwardRows}
  return {stats, clock, coverage: (s) => [...(a.coverage[s] ?? []), ...(b.coverage[s] ?? [])], ranges: 2}
}

/**
 * Reads the header into the sink and finds a split near the middle: the start of a line whose
 * previous line's local time maps to exactly one UTC instant. Undefined when no such split exists.
 */
function planSplit(fd: number, input: InputFile, zone: WindowsTimeZone, sink: EngineLogSink) {
  const head = readAt(fd, 0, Math.min(input.bytes, 32 << 20))
  const headerEnd = head.indexOf(LF) + 1
  if (headerEnd <= 0) return undefined
  const headerText = head.toString('utf8', 0, headerEnd).replace(/\r?\n$/, '').replace(/^\uFEFF/, '')
  sink.header(splitQuoted(headerText), 1)
  for (let attempt = 0; attempt < 8; attempt++) {
    const mid = headerEnd + Math.floor((input.bytes - headerEnd) / 2) + attempt * (8 << 20)
    if (mid >= input.bytes) return undefined
    const from = Math.max(headerEnd, mid - PROBE)
    const probe = readAt(fd, from, Math.min(input.bytes, mid + PROBE) - from)
    const nl = probe.indexOf(LF, mid - from)
    if (nl === -1 || from + nl + 1 >= input.bytes) return undefined
    const seedStart = probe.lastIndexOf(LF, nl - 1) + 1
    if (seedStart <= 0 && from !== headerEnd) return undefined
    const seedLocalMs = parseLocalTimestamp(probe.toString('latin1', seedStart + 1, seedStart + 24))
    if (Number.isNaN(seedLocalMs)) return undefined
    const valid = [zone.standardBiasMinutes - 60, zone.standardBiasMinutes].filter((bias) => biasMinutesAt(zone, seedLocalMs + bias * 60_000) === bias)
    if (valid.length === 1) return {headerEnd, split: from + nl + 1, seedLocalMs, seedBias: valid[0]}
  }
  return undefined
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length)
  const n = readSync(fd, buf, 0, length, position)
  return buf.subarray(0, n)
}

function runWorker(job: RangeJob): Promise<RangeResult> {
  // From sources (tests, bin/dev.js) the worker registers tsx itself; the built .js needs nothing.
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(fromSource ? './rangeWorker.ts' : './rangeWorker.js', import.meta.url)
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}) })`, {eval: true, workerData: job})
    : new Worker(url, {workerData: job})
  return new Promise((resolve, reject) => {
    worker.once('message', (m: {result?: RangeResult; error?: string}) => {
      void worker.terminate()
      if (m.result) resolve(m.result)
      else reject(new Error(m.error))
    })
    worker.once('error', reject)
  })
}
