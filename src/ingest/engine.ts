/**
 * The one ingest engine: sample sets in (UTC time + one value per selected column, NaN when
 * missing), per-disk windows out. Each value is a rate over the real interval since the previous
 * sample set; bytes = rate × Δt, split pro rata at window boundaries (spec §2.2). Columns map to
 * (series, measure); several columns of one series (a disk and its .avhdx, or one disk seen from
 * two cluster nodes) add up. Time already covered by earlier files is clipped, so overlapping
 * logs are never counted twice. No file, worker or console code here: parsers push into it.
 */
import {defaultOf} from '../defaults.js'
import {VSD_MEASURES} from './counterNames.js'

export const MEASURES = VSD_MEASURES.length

/** Per measure (VSD_MEASURES order: bytes, bytes, operations, operations), the largest plausible rate per second. */
const MAX_RATE = VSD_MEASURES.map((m) => (m.endsWith('Bytes') ? defaultOf('maxBytesPerSecond') : defaultOf('maxOperationsPerSecond')))
/** Accumulator slots per series: the four measures, then covered seconds. */
export const SLOTS = MEASURES + 1

export type EmitWindow = (series: number, window: number, values: Float64Array, offset: number) => void

export interface EngineOptions {
  readonly windowMs: number
  /** An interval longer than this is a gap (collector stopped), not integrated. */
  readonly maxIntervalMs: number
  /** Only time inside [rangeFromUtc, rangeToUtc) is profiled (--from / --to). */
  readonly rangeFromUtc?: number
  readonly rangeToUtc?: number
  readonly emit: EmitWindow
  /**
   * Sorted, merged [from, to) UTC intervals a series already has in the profile — at least those
   * ending after fromUtc (samples come in time order, so nothing before the first is asked about).
   */
  readonly priorCoverage?: (series: number, fromUtc: number) => ReadonlyArray<readonly [number, number]>
}

export interface EngineStats {
  sampleSets: number
  valueCells: number
  blankCells: number
  negativeCells: number
  /** Cells that are no decimal number (hex, a sign "+", text): skipped as missing. */
  invalidCells: number
  /** Values above a plausible rate (data/defaults.json maxBytesPerSecond, maxOperationsPerSecond; Infinity, 1e400): skipped as missing. */
  implausibleCells: number
  /** The first such cell: its engine column, the sample's UTC time and its value (-Infinity: not a number). */
  firstBadCell?: {column: number; utc: number; value: number}
  gaps: number
  gapMs: number
  firstUtc: number
  lastUtc: number
  overlapClippedMs: number
}

export class WindowEngine {
  /** Per value slot: its series, or -1 for a duplicate column (addDuplicate). */
  private readonly columnSeries: number[] = []
  /** [duplicate, original] column pairs, flattened. */
  private readonly duplicates: number[] = []
  private readonly columnMeasure: number[] = []
  private seriesCount = 0
  private acc = new Float64Array(0)
  private rowSum = new Float64Array(0)
  private rowHas = new Uint8Array(0)
  private touchedInWindow = new Uint8Array(0)
  private touchedList: number[] = []
  /** The series with a value in the current row, rowSeriesCount of them. */
  private rowSeries = new Int32Array(0)
  private rowSeriesCount = 0
  private prior: Array<ReadonlyArray<readonly [number, number]> | undefined> = []
  /** Per series: 0 prior coverage not asked yet, 1 none, 2 some (the common fresh profile skips the bisection). */
  private priorState = new Uint8Array(0)
  /** Covered intervals closed so far per series; the open one is [openFrom, openTo) (NaN: none). */
  private readonly coverage: Array<Array<[number, number]>> = []
  private openFrom = new Float64Array(0)
  private openTo = new Float64Array(0)
  /**
   * The columns as typed tables for the row loop (built on the first row after a column is
   * added): each column's series (-1 duplicate), its rowSum slot, its measure's bit and its largest
   * plausible rate.
   */
  private table?: {series: Int32Array; sumSlot: Int32Array; bit: Uint8Array; maxRate: Float64Array}
  private currentWindow = NaN
  private prevUtc = NaN
  readonly stats: EngineStats = {sampleSets: 0, valueCells: 0, blankCells: 0, negativeCells: 0, invalidCells: 0, implausibleCells: 0, gaps: 0, gapMs: 0, firstUtc: NaN, lastUtc: NaN, overlapClippedMs: 0}

  constructor(private readonly options: EngineOptions) {}

  /** Registers a column; returns its index in the values of row(). */
  addColumn(series: number, measure: number): number {
    if (!(measure >= 0 && measure < MEASURES)) throw new RangeError(`measure must be 0..${MEASURES - 1}, got ${measure}`)
    this.columnSeries.push(series)
    this.columnMeasure.push(measure)
    this.table = undefined
    if (series >= this.seriesCount) this.growSeries(series + 1)
    return this.columnSeries.length - 1
  }

  /**
   * A column repeating column `of` (the same counter path twice in one header): its value slot is
   * read but never summed, and each row must give it the same value as `of` (else the row throws
   * DuplicateColumnMismatch) — so a repeated counter is counted once, and two counters that
   * claim the same path with different values are not silently summed or dropped.
   */
  addDuplicate(of: number): number {
    this.columnSeries.push(-1)
    this.columnMeasure.push(0)
    this.table = undefined
    const c = this.columnSeries.length - 1
    this.duplicates.push(c, of)
    return c
  }

  /** The column a duplicate repeats, or -1. */
  duplicateOf(c: number): number {
    for (let i = 0; i < this.duplicates.length; i += 2) if (this.duplicates[i] === c) return this.duplicates[i + 1]
    return -1
  }

  get columnCount(): number {
    return this.columnSeries.length
  }

  /** One sample set. values[c] is column c's rate (NaN = missing); extra entries are ignored. */
  row(utc: number, values: ArrayLike<number>): void {
    const stats = this.stats
    const duplicates = this.duplicates
    for (let i = 0; i < duplicates.length; i += 2) {
      const a = values[duplicates[i]]
      const b = values[duplicates[i + 1]]
      if (a !== b && (a === a || b === b)) throw new DuplicateColumnMismatch(duplicates[i], duplicates[i + 1], a, b)
    }
    if (Number.isNaN(this.prevUtc)) {
      this.prevUtc = utc
      stats.firstUtc = utc
      stats.sampleSets++
      this.countCells(values)
      return
    }
    const dt = utc - this.prevUtc
    if (!(dt > 0)) return
    stats.sampleSets++
    stats.lastUtc = utc
    if (dt > this.options.maxIntervalMs) {
      stats.gaps++
      stats.gapMs += dt
      this.countCells(values)
      this.prevUtc = utc
      return
    }
    // Sum this row's values per series and measure: one pass over typed tables, counters in locals
    // (this loop runs once per cell, tens of millions of times a file).
    const table = (this.table ??= this.buildTable())
    const rowSum = this.rowSum
    const rowHas = this.rowHas
    const rowSeries = this.rowSeries
    let count = 0
    let valueCells = 0
    let blankCells = 0
    const n = table.series.length
    for (let c = 0; c < n; c++) {
      const s = table.series[c]
      if (s < 0) continue // a duplicate: counted once, in its original
      const v = values[c]
      if (v !== v) {
        blankCells++
        continue
      }
      valueCells++
      if (v < 0 || v > table.maxRate[c]) {
        // A parser marks a cell that is no number with -Infinity; a rate above any disk's is broken.
        if (v === -Infinity) stats.invalidCells++
        else if (v < 0) {
          stats.negativeCells++
          continue
        } else stats.implausibleCells++
        stats.firstBadCell ??= {column: c, utc, value: v}
        continue
      }
      if (rowHas[s] === 0) rowSeries[count++] = s
      rowHas[s] |= table.bit[c]
      rowSum[table.sumSlot[c]] += v
    }
    stats.valueCells += valueCells
    stats.blankCells += blankCells
    this.rowSeriesCount = count
    this.distribute(this.prevUtc, utc)
    for (let i = 0; i < count; i++) {
      const s = rowSeries[i]
      rowHas[s] = 0
      for (let m = 0; m < MEASURES; m++) rowSum[s * MEASURES + m] = 0
    }
    this.prevUtc = utc
  }

  /**
   * Starts after a sample set at utc that an earlier byte range of the same file owns: the next
   * row's interval begins there, but nothing of that row is counted here.
   */
  startAfter(utc: number): void {
    this.prevUtc = utc
  }

  /** Column c's series and measure, and the column it repeats or -1 (to rebuild the same columns on a worker). */
  columnAt(c: number): [series: number, measure: number, duplicateOf: number] {
    return [this.columnSeries[c], this.columnMeasure[c], this.duplicateOf(c)]
  }

  /** Emits the last open window. */
  finish(): void {
    this.emitWindow()
  }

  /** The [from, to) UTC intervals this file covered for a series (by Write Bytes/sec), merged. */
  coveredIntervals(series: number): ReadonlyArray<readonly [number, number]> {
    const closed = this.coverage[series] ?? []
    const to = this.openTo[series]
    return to === to ? [...closed, [this.openFrom[series], to]] : closed
  }

  private buildTable(): NonNullable<WindowEngine['table']> {
    const series = Int32Array.from(this.columnSeries)
    const measure = this.columnMeasure
    return {
      series,
      sumSlot: Int32Array.from(series, (s, c) => (s < 0 ? 0 : s * MEASURES + measure[c])),
      bit: Uint8Array.from(measure, (m) => 1 << m),
      maxRate: Float64Array.from(measure, (m) => MAX_RATE[m]),
    }
  }

  private distribute(intervalFrom: number, intervalTo: number): void {
    const from = Math.max(intervalFrom, this.options.rangeFromUtc ?? -Infinity)
    const to = Math.min(intervalTo, this.options.rangeToUtc ?? Infinity)
    const windowMs = this.options.windowMs
    const acc = this.acc
    const rowSum = this.rowSum
    const rowHas = this.rowHas
    const rowSeries = this.rowSeries
    const count = this.rowSeriesCount
    const priorState = this.priorState
    const touched = this.touchedInWindow
    let a = from
    while (a < to) {
      const w = Math.floor(a / windowMs)
      const boundary = (w + 1) * windowMs
      const b = boundary < to ? boundary : to
      if (w !== this.currentWindow) {
        this.emitWindow()
        this.currentWindow = w
      }
      for (let i = 0; i < count; i++) {
        const s = rowSeries[i]
        const seconds = (priorState[s] === 1 ? b - a : this.uncoveredMs(s, a, b)) / 1000
        if (seconds <= 0) continue
        const base = s * SLOTS
        const sums = s * MEASURES
        // A measure this row lacks has a sum of 0: adding it changes nothing, so no test per measure.
        for (let m = 0; m < MEASURES; m++) acc[base + m] += rowSum[sums + m] * seconds
        if (rowHas[s] & 1) {
          acc[base + MEASURES] += seconds
          this.extendCoverage(s, a, b)
        }
        if (touched[s] === 0) {
          touched[s] = 1
          this.touchedList.push(s)
        }
      }
      a = b
    }
  }

  private emitWindow(): void {
    if (Number.isNaN(this.currentWindow)) return
    for (const s of this.touchedList) {
      this.options.emit(s, this.currentWindow, this.acc, s * SLOTS)
      this.acc.fill(0, s * SLOTS, (s + 1) * SLOTS)
      this.touchedInWindow[s] = 0
    }
    this.touchedList = []
  }

  /** Milliseconds of [a, b) that the profile does not cover yet for series s. */
  private uncoveredMs(s: number, a: number, b: number): number {
    let prior = this.prior[s]
    if (prior === undefined) {
      prior = this.options.priorCoverage?.(s, a) ?? []
      this.prior[s] = prior
      this.priorState[s] = prior.length === 0 ? 1 : 2
    }
    if (prior.length === 0) return b - a
    let free = b - a
    // The first interval ending after a, by bisection: a disk of many files has many intervals.
    let lo = 0
    let hi = prior.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (prior[mid][1] <= a) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < prior.length; k++) {
      const [from, to] = prior[k]
      if (from >= b) break
      free -= Math.min(b, to) - Math.max(a, from)
    }
    if (free < b - a) this.stats.overlapClippedMs += b - a - free
    return free
  }

  private extendCoverage(s: number, a: number, b: number): void {
    const openTo = this.openTo[s]
    if (openTo >= a) {
      if (b > openTo) this.openTo[s] = b
      return
    }
    if (openTo === openTo) (this.coverage[s] ??= []).push([this.openFrom[s], openTo])
    this.openFrom[s] = a
    this.openTo[s] = b
  }

  private countCells(values: ArrayLike<number>): void {
    for (let c = 0; c < this.columnSeries.length; c++) {
      if (this.columnSeries[c] < 0) continue
      if (values[c] !== values[c]) this.stats.blankCells++
      else this.stats.valueCells++
    }
  }

  /** Room for `count` series; capacity doubles, so a header of n disks copies O(n) in all (growing by one was quadratic: 100,000 disks took a minute). */
  private growSeries(count: number): void {
    const capacity = this.rowHas.length
    if (count > capacity) {
      const size = Math.max(count, capacity * 2, 16)
      const grow = <T extends Float64Array | Uint8Array | Int32Array>(old: T, length: number, make: (n: number) => T): T => {
        const next = make(length)
        next.set(old)
        return next
      }
      this.acc = grow(this.acc, size * SLOTS, (n) => new Float64Array(n))
      this.rowSum = grow(this.rowSum, size * MEASURES, (n) => new Float64Array(n))
      this.rowHas = grow(this.rowHas, size, (n) => new Uint8Array(n))
      this.touchedInWindow = grow(this.touchedInWindow, size, (n) => new Uint8Array(n))
      this.rowSeries = grow(this.rowSeries, size, (n) => new Int32Array(n))
      this.priorState = grow(this.priorState, size, (n) => new Uint8Array(n))
      this.openFrom = grow(this.openFrom, size, (n) => new Float64Array(n).fill(NaN))
      this.openTo = grow(this.openTo, size, (n) => new Float64Array(n).fill(NaN))
    }
    this.seriesCount = count
  }
}

/** A row gave two columns of the same counter path different values (WindowEngine.addDuplicate). */
export class DuplicateColumnMismatch extends Error {
  constructor(
    readonly column: number,
    readonly of: number,
    readonly value: number,
    readonly ofValue: number,
  ) {
    super(`column slot ${column} repeats slot ${of} with another value (${value} against ${ofValue})`)
  }
}
