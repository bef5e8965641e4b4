/**
 * Where every parser delivers a counter log: the header becomes engine columns (VSD counters of
 * real disks only, through the alias table and the disk mapping), each row's local time becomes
 * UTC through the log's clock, and the values go to the window engine. Collects what a planner
 * should know about the file: ignored objects, noise and unmapped instances, localized names.
 */
import {HvplanError} from '../errors.js'
import {type AliasTable, parseCounterPath, VSD_MEASURES, vsdMeasure} from './counterNames.js'
import {DuplicateColumnMismatch, type WindowEngine} from './engine.js'
import {DEFAULT_INPUT_LIMITS, type InputLimits, tooManyColumns} from './inputLimits.js'
import type {Inventory} from './inventory.js'
import {instanceKind, type ResolvedDisk, resolveDisk} from './mapping.js'
import type {LogClock} from './timestamps.js'

export interface LogSink {
  /** Takes the header cells (the first is the PDH format cell); returns, for cells[1..], the value slot or -1. */
  header(cells: readonly string[], line: number): Int32Array
  /** Value slots per row: one per engine column, plus the last for the row's local timestamp. */
  readonly valueCount: number
  row(localMs: number, values: Float64Array, line: number): void
  /** A line that is neither header nor row (typeperf status lines, blank lines). */
  otherLine(text: string, line: number): void
}

export interface MappingContext {
  readonly aliases: AliasTable
  readonly inventory: Inventory | undefined
  readonly excludes: readonly RegExp[]
  /** Columns and counter-path length a header may have (default: data/defaults.json). */
  readonly limits?: InputLimits
}

export interface FileFindings {
  ignoredObjects: Record<string, number>
  noiseInstances: string[]
  excludedInstances: string[]
  guessedInstances: string[]
  localizedNames: string[]
  /** Header cells that are not counter paths, e.g. "column 2633: Generate a report detailing…" (the "System Performance" collector set writes its description there). */
  nonCounterColumns?: string[]
  otherLines: number
  firstOtherLine?: string
  /** Cells that are no rate, skipped as missing, and where the first is: "2 cells are no plausible rate …, the first in column 3 at 2026-10-25T00:00:30.000Z (Infinity)". */
  badCells?: string
  /** Header columns repeating an earlier one (the same counter path, case aside): read once. "column 5 repeats column 3 (\\HV01\…\Write Bytes/sec)". */
  duplicateColumns?: string[]
  /** Unknown objects whose instances are virtual disks (.vhdx, .vhd, .avhdx): a localized VSD object? Object → its counters in header order. */
  diskLikeObjects?: Record<string, string[]>
}

/** The series (disks) of one file, with the hosts each was seen on. */
export class FileSeries {
  readonly disks: ResolvedDisk[] = []
  readonly hosts: Array<Set<string>> = []
  private readonly index = new Map<string, number>()

  indexOf(disk: ResolvedDisk, host: string): number {
    let i = this.index.get(disk.key)
    if (i === undefined) {
      i = this.disks.length
      this.index.set(disk.key, i)
      this.disks.push(disk)
      this.hosts.push(new Set())
    }
    this.hosts[i].add(host.toUpperCase())
    return i
  }
}

/** An instance naming a virtual disk file, as the VSD object's instances do. */
const VIRTUAL_DISK = /\.(vhdx?|avhdx)$/i

export class EngineLogSink implements LogSink {
  readonly findings: FileFindings = {ignoredObjects: {}, noiseInstances: [], excludedInstances: [], guessedInstances: [], localizedNames: [], otherLines: 0}
  readonly series = new FileSeries()
  private slots = 0
  /** The header map of the last header read (value slot per cell, or -1). */
  headerMap: Int32Array | undefined

  constructor(
    private readonly engine: WindowEngine,
    private readonly clock: LogClock,
    private readonly context: MappingContext,
    private readonly file: string,
  ) {
    this.limits = context.limits ?? DEFAULT_INPUT_LIMITS
  }

  private readonly limits: InputLimits

  get valueCount(): number {
    return this.slots + 1
  }

  header(cells: readonly string[], line: number): Int32Array {
    if (cells.length - 1 > this.limits.columns) throw tooManyColumns(this.file, line, cells.length - 1, this.limits)
    const map = new Int32Array(Math.max(0, cells.length - 1)).fill(-1)
    // The first header column of each counter path (case aside), and the header column of each engine column.
    const seen = new Map<string, {column: number; slot: number}>()
    this.headerColumns = []
    for (let i = 1; i < cells.length; i++) {
      // A wide header cell that is no counter path is left out and named, not fatal for the file.
      if (!this.counterPath(cells[i])) {
        ;(this.findings.nonCounterColumns ??= []).push(`column ${i + 1}: ${JSON.stringify(cells[i].trim().slice(0, 60))}`)
        continue
      }
      const key = cells[i].trim().toLowerCase()
      const first = seen.get(key)
      if (first) {
        // The same counter twice: read once (and each row must agree, else the file is refused).
        if (first.slot >= 0) {
          map[i - 1] = this.engine.addDuplicate(first.slot)
          this.headerColumns[map[i - 1]] = i + 1
        }
        ;(this.findings.duplicateColumns ??= []).push(`column ${i + 1} repeats column ${first.column} (${cells[i].trim().slice(0, 100)})`)
        continue
      }
      map[i - 1] = this.column(cells[i], line, i + 1)
      if (map[i - 1] >= 0) this.headerColumns[map[i - 1]] = i + 1
      seen.set(key, {column: i + 1, slot: map[i - 1]})
    }
    this.slots = this.engine.columnCount
    this.headerMap = map
    return map
  }

  /** Header column (1-based) of each engine column of the last header. */
  private headerColumns: number[] = []

  /** Notes the engine's cells that are no rate (EngineStats) in the findings, located by header column and sample time. */
  noteBadCells(stats: {readonly invalidCells: number; readonly implausibleCells: number; readonly firstBadCell?: {column: number; utc: number; value: number}}): void {
    const n = stats.invalidCells + stats.implausibleCells
    if (n === 0 || !stats.firstBadCell) return
    const first = stats.firstBadCell
    const kinds = [stats.invalidCells ? `${stats.invalidCells} not a decimal number` : '', stats.implausibleCells ? `${stats.implausibleCells} above a plausible rate` : ''].filter(Boolean).join(', ')
    this.findings.badCells = `${n === 1 ? '1 cell is' : `${n.toLocaleString('en-US')} cells are`} no rate (${kinds}; skipped as missing, never zero), the first in column ${this.headerColumns[first.column] ?? '?'} at ${new Date(first.utc).toISOString()} (${first.value === -Infinity ? 'not a number' : String(first.value)})`
  }

  /** The engine column for one counter path, or -1. Also used by the long format, path by path. */
  column(pathText: string, line: number, column: number): number {
    const path = this.counterPath(pathText)
    if (!path) throw new HvplanError('E_INPUT_FORMAT', `expected a counter path \\\\HOST\\Object(Instance)\\Counter, got ${JSON.stringify(pathText.slice(0, 80))}`, {file: this.file, line, column})
    const measure = vsdMeasure(path, this.context.aliases)
    if (measure === undefined || path.instance === undefined) {
      const name = path.object
      this.findings.ignoredObjects[name] = (this.findings.ignoredObjects[name] ?? 0) + 1
      if (path.instance !== undefined && VIRTUAL_DISK.test(path.instance) && !this.context.aliases.vsdObjects.includes(name.toLowerCase())) {
        this.note(((this.findings.diskLikeObjects ??= {})[name] ??= []), path.counter)
      }
      return -1
    }
    if (!/^Hyper-V Virtual Storage Device$/i.test(path.object)) this.note(this.findings.localizedNames, `${path.object}\\${path.counter}`)
    const kind = instanceKind(path.instance, this.context.excludes)
    if (kind === 'noise') {
      this.note(this.findings.noiseInstances, path.instance)
      return -1
    }
    if (kind === 'excluded') {
      this.note(this.findings.excludedInstances, path.instance)
      return -1
    }
    const disk = resolveDisk(path.instance, this.context.inventory)
    if (disk.mappedBy === 'heuristic') this.note(this.findings.guessedInstances, path.instance)
    const c = this.engine.addColumn(this.series.indexOf(disk, path.host), VSD_MEASURES.indexOf(measure))
    this.slots = this.engine.columnCount
    return c
  }

  /** A cell's counter path, or undefined — also for a cell longer than any counter path Windows writes (PDH_MAX_COUNTER_PATH), which is not parsed at all. */
  private counterPath(text: string): ReturnType<typeof parseCounterPath> {
    if (text.length > this.limits.counterPathChars) return undefined
    return parseCounterPath(text.trim())
  }

  row(localMs: number, values: Float64Array, line?: number): void {
    const utc = this.clock.toUtc(localMs)
    if (Number.isNaN(utc)) return
    try {
      this.engine.row(utc, values)
    } catch (error) {
      if (!(error instanceof DuplicateColumnMismatch)) throw error
      const [a, b] = [this.headerColumns[error.of], this.headerColumns[error.column]]
      throw new HvplanError('E_INPUT_FORMAT', `columns ${a} and ${b} name the same counter but hold different values (${error.ofValue} and ${error.value}); expected each counter once — which one is right cannot be told, so the file is not used`, {file: this.file, line, column: b})
    }
  }

  otherLine(text: string, _line?: number): void {
    this.findings.otherLines++
    this.findings.firstOtherLine ??= text
  }

  /** The items of each findings list, for a constant-time check (a 100,000-column header named each instance once, in quadratic time). */
  private readonly noted = new Map<string[], Set<string>>()

  private note(list: string[], item: string): void {
    let seen = this.noted.get(list)
    if (!seen) this.noted.set(list, (seen = new Set(list)))
    if (seen.has(item)) return
    seen.add(item)
    list.push(item)
  }
}
