/**
 * `hvplan sample`: writes a synthetic estate as Windows tools would export it — one counter log
 * per host per local day (a new file also after a collector restart), an inventory CSV, and a
 * ground-truth JSON. Hosts advance together an hour at a time, so memory stays flat however many
 * days are generated.
 */
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {formatInventory} from '../inventoryFormat.js'
import {FileSink} from '../io/fileSink.js'
import {writeOutputDir} from '../io/outputDir.js'
import {HvplanError} from '../errors.js'
import {biasMinutesAt, findTimeZone, localToUtcMs, zoneNameAt} from '../time/windowsTimeZones.js'
import {type CounterColumn, type Dialect, type DialectFormat, dialectFormat, roundTo, VSD_COUNTERS, VSD_OBJECT} from './dialects.js'
import {buildEstate, type SampleEstate, type SampleHost} from './estate.js'
import {instancePresences, type InstancePresence, presentAt, type Presence, type SampleEvent, type SamplePeriod, scheduleEvents, vmResidency} from './events.js'
import {sampleInventoryRows} from './inventory.js'
import {Random} from './random.js'
import {TRUTH_SCHEMA, TRUTH_WINDOW_COLUMNS, TruthAccumulator} from './truth.js'
import {type DiskRates, DiskWorkload, type RateWindow} from './workload.js'

export interface SampleOptions {
  readonly seed: number
  readonly vms: number
  /** Hosts; default max(4, ceil(vms / 12)). */
  readonly hosts?: number
  readonly days: number
  /** Local date of the first day, YYYY-MM-DD. */
  readonly start: string
  /** Windows time-zone name of the hosts. */
  readonly timeZone: string
  readonly intervalSeconds: number
  readonly dialect: Dialect
  /** Decimals printed for counter values (typeperf always prints 6). */
  readonly decimals: number
  readonly gzip: boolean
}

export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = {
  seed: 42,
  vms: 12,
  days: 2,
  start: '2026-10-25',
  timeZone: 'W. Europe Standard Time',
  intervalSeconds: 15,
  dialect: 'pdh-csv',
  decimals: 3,
  gzip: false,
}

export interface SampleSummary {
  readonly outDir: string
  readonly hosts: number
  readonly vms: number
  readonly disks: number
  readonly files: number
  readonly rows: number
  readonly bytesWritten: number
  readonly truthWindows: number
  /** Most disk-windows held in memory at once (independent of the number of days). */
  readonly peakPendingWindows: number
  readonly events: Record<string, number>
  readonly startUtc: string
  readonly endUtc: string
}

export interface SampleProgress {
  readonly fraction: number
  readonly bytesWritten: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const TRUTH_WINDOW_MS = 300_000
/** Per-step clock jitter of a collector: each interval is 0–20 ms longer than nominal. */
const MAX_JITTER_MS = 20

type Column =
  | {kind: 'vsd'; presence: InstancePresence}
  | {kind: 'cpu'}
  | {kind: 'memory'}
  | {kind: 'ide'; vm: number}

interface OutputFile {
  readonly path: string
  readonly host: string
  readonly startUtc: string
  readonly endUtc: string
  rows: number
}

interface HostCursor {
  readonly host: SampleHost
  readonly segments: ReadonlyArray<readonly [number, number]>
  readonly disks: readonly number[]
  readonly instances: readonly InstancePresence[]
  readonly gen1Vms: readonly number[]
  readonly residency: readonly Presence[][]
  readonly rng: Random
  segment: number
  fileSeq: number
  sink: FileSink | undefined
  file: OutputFile | undefined
  format: DialectFormat | undefined
  columns: Column[]
  values: Array<number | null>
  nextT: number
  prevT: number
}

export function normalizeSampleOptions(input: Partial<SampleOptions>): SampleOptions {
  const o = {...DEFAULT_SAMPLE_OPTIONS, ...input}
  const positiveInt = (flag: string, v: number, max: number) => {
    if (!Number.isInteger(v) || v < 1 || v > max) throw new HvplanError('E_FLAG', `must be a whole number from 1 to ${max}, got ${JSON.stringify(v)}`, {flag})
  }
  positiveInt('vms', o.vms, 100_000)
  positiveInt('days', o.days, 366)
  if (o.hosts !== undefined) positiveInt('hosts', o.hosts, 10_000)
  if (!Number.isInteger(o.seed) || o.seed < 0) throw new HvplanError('E_FLAG', `must be a whole number ≥ 0, got ${JSON.stringify(o.seed)}`, {flag: 'seed'})
  if (![1, 5, 10, 15, 30, 60].includes(o.intervalSeconds)) throw new HvplanError('E_FLAG', `must be one of 1, 5, 10, 15, 30, 60 seconds, got ${o.intervalSeconds}`, {flag: 'interval'})
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.start) || Number.isNaN(Date.parse(`${o.start}T00:00:00Z`))) throw new HvplanError('E_FLAG', `must be a date YYYY-MM-DD, got ${JSON.stringify(o.start)}`, {flag: 'start'})
  if (!Number.isInteger(o.decimals) || o.decimals < 0 || o.decimals > 9) throw new HvplanError('E_FLAG', `must be a whole number from 0 to 9, got ${JSON.stringify(o.decimals)}`, {flag: 'decimals'})
  if (!findTimeZone(o.timeZone)) throw new HvplanError('E_FLAG', `must be a Windows time-zone ID or name such as "W. Europe Standard Time" (tzutil /l lists them), or an IANA name such as "Europe/Berlin"; got ${JSON.stringify(o.timeZone)}`, {flag: 'tz'})
  return o
}

/** Generates the estate into outDir (refusing to replace a non-empty one unless force). */
export function generateSample(options: SampleOptions, outDir: string, force = false, onProgress?: (p: SampleProgress) => void): SampleSummary {
  const tz = findTimeZone(options.timeZone)!
  const startLocal = Date.parse(`${options.start}T00:00:00Z`)
  const period: SamplePeriod = {
    tz,
    startLocal,
    days: options.days,
    startUtc: localToUtcMs(tz, startLocal),
    endUtc: localToUtcMs(tz, startLocal + options.days * DAY),
  }
  const estate = buildEstate({seed: options.seed, vms: options.vms, hosts: options.hosts})
  const events = scheduleEvents(estate, period, options.seed)
  return writeOutputDir(outDir, force, 'out', (tmp) => writeEstate(options, estate, period, events, tmp, outDir, onProgress))
}

function writeEstate(options: SampleOptions, estate: SampleEstate, period: SamplePeriod, events: SampleEvent[], dir: string, finalDir: string, onProgress?: (p: SampleProgress) => void): SampleSummary {
  const residency = vmResidency(estate, period, events)
  const presences = instancePresences(estate, residency, events)
  const inventory = new FileSink(join(dir, 'inventory.csv'))
  inventory.write(formatInventory(sampleInventoryRows(estate)))
  inventory.close()

  const bursts: RateWindow[][] = estate.disks.map(() => [])
  for (const e of events) if (e.type === 'maintenance-burst') for (const d of e.disks) bursts[d].push([e.startUtc, e.endUtc, e.multiplier])
  const workloads = estate.disks.map((d) => new DiskWorkload(options.seed, d.index, d.role, bursts[d.index].sort((a, b) => a[0] - b[0])))
  const offSpans = estate.vms.map((vm) => events.filter((e): e is Extract<SampleEvent, {type: 'vm-off'}> => e.type === 'vm-off' && e.vm === vm.name))
  const rates: DiskRates[] = estate.disks.map(() => ({writeBytesPerSec: 0, readBytesPerSec: 0, writeOpsPerSec: 0, readOpsPerSec: 0}))
  const format0 = dialectFormat(options.dialect, options.decimals)
  const res = format0.timeResolutionMs
  const decimals = format0.decimals

  const truthSink = new FileSink(join(dir, options.gzip ? 'truth.json.gz' : 'truth.json'), {gzip: options.gzip})
  truthSink.write(truthHeader(options, estate, period))
  const truth = new TruthAccumulator(truthSink, TRUTH_WINDOW_MS, Math.floor(period.startUtc / TRUTH_WINDOW_MS))

  const files: OutputFile[] = []
  let totalRows = 0
  let bytesWritten = 0
  const cursors = estate.hosts.map((host) => hostCursor(host, estate, period, events, residency, presences, options.seed))

  const biasCache = new Map<number, number>()
  const localOf = (utc: number) => {
    const hour = Math.floor(utc / HOUR)
    let bias = biasCache.get(hour)
    if (bias === undefined) biasCache.set(hour, (bias = biasMinutesAt(period.tz, utc)))
    if (biasCache.size > 48) biasCache.clear()
    return utc - bias * 60_000
  }

  const openSegment = (c: HostCursor) => {
    const [from, to] = c.segments[c.segment]
    c.fileSeq++
    const localDate = new Date(localOf(from)).toISOString().slice(0, 10).replaceAll('-', '')
    const format = dialectFormat(options.dialect, options.decimals)
    const name = `${c.host.name}_${localDate}-${String(c.fileSeq).padStart(6, '0')}${format.extension}${options.gzip ? '.gz' : ''}`
    mkdirSync(join(dir, 'logs', c.host.name), {recursive: true})
    c.sink = new FileSink(join(dir, 'logs', c.host.name, name), {gzip: options.gzip, encoding: format.encoding, bom: format.bom})
    c.format = format
    c.columns = segmentColumns(c, from, to)
    c.values = new Array(counterCount(c.columns)).fill(null)
    c.sink.write(format.preamble())
    c.sink.write(format.header(counterColumns(c, estate), zoneNameAt(period.tz, from), biasMinutesAt(period.tz, from)))
    c.nextT = from + c.host.clockOffsetMs
    c.prevT = NaN
    c.file = {path: `logs/${c.host.name}/${name}`, host: c.host.name, startUtc: iso(from), endUtc: iso(to), rows: 0}
    files.push(c.file)
  }

  const closeSegment = (c: HostCursor) => {
    c.sink!.write(c.format!.trailer())
    c.sink!.close()
    bytesWritten += c.sink!.bytesWritten
    c.sink = undefined
    c.segment++
  }

  const emitRow = (c: HostCursor, t: number) => {
    const h = c.host.index
    const first = Number.isNaN(c.prevT)
    const local = localOf(t)
    const localHour = (((local % DAY) + DAY) % DAY) / HOUR
    const weekday = (Math.floor(local / DAY) + 4) % 7 // 1970-01-01 was a Thursday
    for (const d of c.disks) {
      const vm = estate.disks[d].vm
      if (!presentAt(residency[vm], h, t)) continue
      const running = !offSpans[vm].some((o) => t > o.startUtc && t <= o.endUtc)
      const r = workloads[d].rates(t, localHour, weekday, running, rates[d])
      r.writeBytesPerSec = roundTo(r.writeBytesPerSec, decimals)
      r.readBytesPerSec = roundTo(r.readBytesPerSec, decimals)
      r.writeOpsPerSec = roundTo(r.writeOpsPerSec, decimals)
      r.readOpsPerSec = roundTo(r.readOpsPerSec, decimals)
    }
    const values = c.values
    let k = 0
    for (const col of c.columns) {
      switch (col.kind) {
        case 'cpu':
          values[k++] = first ? null : roundTo(c.rng.uniform(4, 55), decimals)
          break
        case 'memory':
          values[k++] = roundTo(c.rng.uniform(20_000, 60_000), 0)
          break
        case 'ide': {
          const ok = !first && presentAt(residency[col.vm], h, t) && presentAt(residency[col.vm], h, c.prevT)
          values[k++] = ok ? 0 : null
          break
        }
        case 'vsd': {
          const p = col.presence
          const ok = !first && presentAt(p.presence, h, t) && presentAt(p.presence, h, c.prevT)
          if (!ok) {
            values[k++] = values[k++] = values[k++] = values[k++] = null
          } else if (p.disk >= 0) {
            const r = rates[p.disk]
            // VSD_COUNTERS order: Read Bytes/sec, Read Operations/Sec, Write Bytes/sec, Write Operations/Sec
            values[k++] = r.readBytesPerSec
            values[k++] = r.readOpsPerSec
            values[k++] = r.writeBytesPerSec
            values[k++] = r.writeOpsPerSec
            truth.add(p.disk, c.prevT, t, r.writeBytesPerSec, r.readBytesPerSec, r.writeOpsPerSec, r.readOpsPerSec)
          } else {
            // .vmgs / .iso: a trickle of reads, rare small writes.
            const reads = c.rng.next() < 0.2 ? roundTo(c.rng.uniform(0, 8192), decimals) : 0
            values[k++] = reads
            values[k++] = reads > 0 ? roundTo(reads / 4096, decimals) : 0
            values[k++] = p.instance.endsWith('.vmgs') && c.rng.next() < 0.05 ? 273.067 : 0
            values[k++] = values[k - 1] ? 0.067 : 0
          }
          break
        }
      }
    }
    c.sink!.write(c.format!.row(local, values))
    c.prevT = t
    c.file!.rows++
    totalRows++
  }

  const advance = (c: HostCursor, horizon: number) => {
    while (c.segment < c.segments.length) {
      if (!c.sink) openSegment(c)
      const end = c.segments[c.segment][1]
      while (c.nextT < end && c.nextT <= horizon) {
        emitRow(c, Math.floor(c.nextT / res) * res)
        c.nextT += options.intervalSeconds * 1000 + c.rng.int(0, MAX_JITTER_MS)
      }
      if (c.nextT < end) return
      closeSegment(c)
    }
  }

  try {
    for (let horizon = period.startUtc + HOUR; ; horizon += HOUR) {
      for (const c of cursors) advance(c, horizon)
      truth.flushUntil(horizon - 60_000)
      onProgress?.({fraction: Math.min(1, (horizon - period.startUtc) / (period.endUtc - period.startUtc)), bytesWritten})
      if (cursors.every((c) => c.segment >= c.segments.length)) break
    }
    truth.flushUntil(Infinity)
  } catch (error) {
    for (const c of cursors) c.sink?.abort()
    truthSink.abort()
    throw error
  }

  const spikes = workloads.flatMap((w, d) => w.spikes.map(([a, b, m]) => ({type: 'spike', disk: d, startUtc: a, endUtc: b, multiplier: Math.round(m * 100) / 100})))
  const allEvents = [...events.map((e) => ({...e})), ...spikes]
  truthSink.write(`\n],\n"events": [\n${allEvents.map((e) => JSON.stringify(e, isoTimes)).join(',\n')}\n],\n"files": [\n${files.map((f) => JSON.stringify(f)).join(',\n')}\n]\n}\n`)
  truthSink.close()
  bytesWritten += truthSink.bytesWritten

  const eventCounts: Record<string, number> = {}
  for (const e of allEvents) eventCounts[e.type] = (eventCounts[e.type] ?? 0) + 1
  return {
    outDir: finalDir,
    hosts: estate.hosts.length,
    vms: estate.vms.length,
    disks: estate.disks.length,
    files: files.length,
    rows: totalRows,
    bytesWritten,
    truthWindows: truth.rowsWritten,
    peakPendingWindows: truth.peakPending,
    events: eventCounts,
    startUtc: iso(period.startUtc),
    endUtc: iso(period.endUtc),
  }
}

function hostCursor(host: SampleHost, estate: SampleEstate, period: SamplePeriod, events: readonly SampleEvent[], residency: readonly Presence[][], presences: readonly InstancePresence[], seed: number): HostCursor {
  const onHost = (spans: readonly Presence[]) => spans.some((s) => s.host === host.index)
  // A new file at each local midnight (Data Collector Set daily restart) and after a collector gap.
  const cuts: number[] = []
  for (let day = 0; day <= period.days; day++) cuts.push(localToUtcMs(period.tz, period.startLocal + day * DAY))
  const gaps = events.filter((e): e is Extract<SampleEvent, {type: 'collector-gap'}> => e.type === 'collector-gap' && e.host === host.name)
  const segments: Array<[number, number]> = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    let from = cuts[i]
    for (const gap of gaps) {
      if (gap.startUtc >= cuts[i + 1] || gap.endUtc <= from) continue
      if (gap.startUtc > from) segments.push([from, gap.startUtc])
      from = gap.endUtc
    }
    if (from < cuts[i + 1]) segments.push([from, cuts[i + 1]])
  }
  const vms = estate.vms.filter((vm) => onHost(residency[vm.index]))
  return {
    host,
    segments,
    disks: vms.flatMap((vm) => vm.disks),
    instances: presences.filter((p) => onHost(p.presence)),
    gen1Vms: vms.filter((vm) => vm.generation === 1).map((vm) => vm.index),
    residency,
    rng: new Random(seed, `host:${host.index}`),
    segment: 0,
    fileSeq: 0,
    sink: undefined,
    file: undefined,
    format: undefined,
    columns: [],
    values: [],
    nextT: 0,
    prevT: NaN,
  }
}

/** The columns of a file covering [from, to): instances that exist on the host at some time in it. */
function segmentColumns(c: HostCursor, from: number, to: number): Column[] {
  const overlaps = (spans: readonly Presence[]) => spans.some((s) => s.host === c.host.index && s.fromUtc < to && s.toUtc > from)
  const columns: Column[] = [{kind: 'cpu'}, {kind: 'memory'}]
  // Gen 1 VMs also show under the emulated IDE controller object, which ingest must not add to VSD.
  for (const vm of c.gen1Vms) if (overlaps(c.residency[vm])) columns.push({kind: 'ide', vm})
  for (const p of c.instances) if (overlaps(p.presence)) columns.push({kind: 'vsd', presence: p})
  return columns
}

function counterCount(columns: readonly Column[]): number {
  return columns.reduce((n, col) => n + (col.kind === 'vsd' ? 4 : 1), 0)
}

function counterColumns(c: HostCursor, estate: SampleEstate): CounterColumn[] {
  const host = c.host.name
  const out: CounterColumn[] = []
  for (const col of c.columns) {
    if (col.kind === 'cpu') out.push({host, object: 'Processor', instance: '_Total', counter: '% Processor Time'})
    else if (col.kind === 'memory') out.push({host, object: 'Memory', instance: undefined, counter: 'Available MBytes'})
    else if (col.kind === 'ide') out.push({host, object: 'Hyper-V Virtual IDE Controller (Emulated)', instance: `${estate.vms[col.vm].name}:Ide Controller`, counter: 'Write Bytes/sec'})
    else for (const counter of VSD_COUNTERS) out.push({host, object: VSD_OBJECT, instance: col.presence.instance, counter})
  }
  return out
}

const iso = (ms: number) => new Date(ms).toISOString()

/** JSON replacer writing *Utc / atUtc millisecond fields as ISO strings. */
function isoTimes(key: string, value: unknown): unknown {
  return typeof value === 'number' && /Utc$/.test(key) ? iso(value) : value
}

function truthHeader(options: SampleOptions, estate: SampleEstate, period: SamplePeriod): string {
  const head = {
    schema: TRUTH_SCHEMA,
    generator: options,
    timeZone: period.tz.id,
    startUtc: iso(period.startUtc),
    endUtc: iso(period.endUtc),
    days: period.days,
    windowSeconds: TRUTH_WINDOW_MS / 1000,
    windowOriginUtc: iso(Math.floor(period.startUtc / TRUTH_WINDOW_MS) * TRUTH_WINDOW_MS),
    hosts: estate.hosts,
    clusters: estate.clusters,
    volumes: estate.volumes,
    vms: estate.vms.map((vm) => ({...vm, host: estate.hosts[vm.host].name})),
    disks: estate.disks.map((d) => ({...d, vm: estate.vms[d.vm].name})),
    windowColumns: TRUTH_WINDOW_COLUMNS,
  }
  const json = JSON.stringify(head, null, 1)
  return `${json.slice(0, -2)},\n"windows": [`
}
