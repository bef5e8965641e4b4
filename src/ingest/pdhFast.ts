/**
 * The fast path for standard PDH-CSV (perfmon, relog, typeperf; UTF-8 or ASCII; every cell
 * quoted; `,` separators): a byte-level parser that reads numbers straight from the buffer and
 * only for the columns ingest keeps. Measured hot loop — kept in one function on purpose.
 * Everything else (TSV, re-saved, UTF-16, ANSI, long format) goes through csv-parse in
 * pdhGeneral.ts; the tests run both on the same files and compare.
 */
import {HvplanError} from '../errors.js'
import {cellValue} from './counterNames.js'
import {DEFAULT_INPUT_LIMITS, type InputLimits, lineTooLong} from './inputLimits.js'
import {plausibleSampleDate, TIMESTAMP_EXPECTED} from './timestamps.js'
import type {LogSink} from './logSink.js'
import {WasmCells} from './wasmCells.js'

const QUOTE = 0x22
const COMMA = 0x2c
const CR = 0x0d
const LF = 0x0a
/** Exact powers of ten up to 10^22. */
const POW10 = Array.from({length: 23}, (_, k) => 10 ** k)

/**
 * Splits chunks into lines (without CR/LF), copying only a line cut between chunks. A line longer
 * than maxBytes calls tooLong as soon as that many bytes have come (the pieces of a cut line are
 * kept as a list and joined once: a line without end, as a gzip bomb of one line is, neither grows
 * memory past the limit nor costs quadratic copying).
 */
export class LineSplitter {
  private carry: Buffer[] = []
  private carryBytes = 0
  /** Lines delivered so far. */
  lines = 0
  /** The longest line accepted, in bytes (CR and LF aside); settable between lines (a header may have its own limit). */
  maxBytes = Infinity

  constructor(
    private readonly handle: (buf: Buffer, start: number, end: number) => void,
    /** Throws for a line past maxBytes: its number (1-based). */
    private readonly tooLong: (line: number) => never = (line) => {
      throw new RangeError(`line ${line} is longer than ${this.maxBytes} bytes`)
    },
  ) {}

  push(chunk: Buffer): void {
    let start = 0
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(LF)
      if (nl === -1) {
        this.keep(chunk, 0, chunk.length)
        return
      }
      this.keep(chunk, 0, nl)
      const joined = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryBytes)
      this.carry = []
      this.carryBytes = 0
      this.line(joined, 0, joined.length)
      start = nl + 1
    }
    for (let nl = chunk.indexOf(LF, start); nl !== -1; nl = chunk.indexOf(LF, start)) {
      this.line(chunk, start, nl)
      start = nl + 1
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length)
  }

  /** Delivers a last line without a final newline. */
  end(): void {
    if (this.carryBytes > 0) this.line(Buffer.concat(this.carry, this.carryBytes), 0, this.carryBytes)
    this.carry = []
    this.carryBytes = 0
  }

  /** Keeps a piece of a line cut by the chunk's end (copied: the caller may reuse the chunk). */
  private keep(chunk: Buffer, start: number, end: number): void {
    this.carryBytes += end - start
    if (this.carryBytes > this.maxBytes + 1) this.tooLong(this.lines + 1) // + 1: a CR before the LF
    this.carry.push(Buffer.from(chunk.subarray(start, end)))
  }

  private line(buf: Buffer, start: number, end: number): void {
    const stop = end > start && buf[end - 1] === CR ? end - 1 : end
    if (stop - start > this.maxBytes) this.tooLong(this.lines + 1)
    this.lines++
    this.handle(buf, start, stop)
  }
}

/** Parses a whole PDH-CSV stream into the sink; throws HvplanError with file:line:column on bad input. */
export async function parsePdhCsvFast(chunks: AsyncIterable<Buffer>, file: string, sink: LogSink, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<void> {
  let map: Int32Array | undefined
  let rows: RowParser | undefined
  let values = new Float64Array(0)
  const splitter: LineSplitter = new LineSplitter(
    (buf, start, end) => {
      const line = splitter.lines
      if (map === undefined) {
        if (end > start) {
          map = sink.header(splitQuoted(buf.toString('utf8', start, end).replace(/^\uFEFF/, '')), line)
          values = new Float64Array(sink.valueCount)
          rows = new RowParser(map, sink.valueCount)
          splitter.maxBytes = limits.lineBytes
        }
      } else if (end > start && buf[start] === QUOTE && buf[end - 1] === QUOTE) {
        rows!.parse(buf, start, end, values, file, line)
        sink.row(values[values.length - 1], values, line)
      } else if (end > start) {
        sink.otherLine(buf.toString('utf8', start, Math.min(end, start + 200)), line)
      }
    },
    (line) => {
      throw lineTooLong(file, line, map === undefined, limits)
    },
  )
  splitter.maxBytes = limits.headerBytes
  for await (const chunk of chunks) splitter.push(chunk)
  splitter.end()
  if (map === undefined) throw new HvplanError('E_INPUT_FORMAT', 'no header line: expected "(PDH-CSV 4.0) …" followed by counter paths', {file, line: 1})
}

/**
 * One row into values (NaN = missing); values[values.length - 1] receives the local timestamp.
 * map[i] is the value slot of header cell i + 1, or -1 for a column ingest does not keep.
 * The reference parser: RowParser runs the cells through WebAssembly where it can, and gives every
 * row it cannot take to this function.
 */
export function parseRow(buf: Buffer, start: number, end: number, map: Int32Array, values: Float64Array, file: string, line: number): void {
  values.fill(NaN)
  parseCells(buf, start, parseStamp(buf, start, end, values, file, line), end, map, values, file, line)
}

/**
 * Rows of one file's layout into values: the timestamp here, the value cells through WebAssembly
 * (WasmCells) when it is built and takes the row, else — and always with wasm false — parseRow.
 * Either way the same numbers, and a broken row fails in parseRow, which says where.
 */
export class RowParser {
  private readonly wasm: WasmCells | undefined

  constructor(
    private readonly map: Int32Array,
    valueCount: number,
    wasm = true,
  ) {
    this.wasm = wasm ? WasmCells.create(map, valueCount - 1) : undefined
  }

  /** Whether rows go through WebAssembly. */
  get usesWasm(): boolean {
    return this.wasm !== undefined
  }

  parse(buf: Buffer, start: number, end: number, values: Float64Array, file: string, line: number): void {
    if (this.wasm && this.wasm.parse(buf, parseStamp(buf, start, end, values, file, line), end, values)) return
    parseRow(buf, start, end, this.map, values, file, line)
  }
}

/** Throws for the cell starting at p of the row at start: what was expected, the cell's text, and where. */
function cellError(buf: Buffer, start: number, end: number, p: number, expected: string, file: string, line: number): never {
  const close = buf.indexOf(QUOTE, p)
  const cellEnd = close === -1 || close > end ? end : close
  throw new HvplanError('E_INPUT_FORMAT', `${expected}, got ${JSON.stringify(buf.toString('latin1', p, Math.min(cellEnd, p + 40)))}`, {file, line, column: p - start + 1}, 'Check the file was exported with relog -f csv or perfmon, not edited by hand')
}

/** The row's timestamp cell "MM/dd/yyyy HH:mm:ss.fff" into values[values.length - 1] (local ms); returns the position after its closing quote. */
function parseStamp(buf: Buffer, start: number, end: number, values: Float64Array, file: string, line: number): number {
  const fail = (p: number, expected: string): never => cellError(buf, start, end, p, expected, file, line)
  let p = start + 1
  const num = (width: number): number => {
    let v = 0
    for (let k = 0; k < width; k++) {
      const c = buf[p] - 48
      if (c < 0 || c > 9) return NaN
      v = v * 10 + c
      p++
    }
    return v
  }
  const expect = (byte: number) => {
    if (buf[p] !== byte) fail(start + 1, 'expected a timestamp MM/dd/yyyy HH:mm:ss.fff')
    p++
  }
  const month = num(2)
  expect(0x2f)
  const day = num(2)
  expect(0x2f)
  const year = num(4)
  expect(0x20)
  const hour = num(2)
  expect(0x3a)
  const minute = num(2)
  expect(0x3a)
  const second = num(2)
  let millis = 0
  if (buf[p] === 0x2e) {
    p++
    let scale = 100
    while (buf[p] >= 48 && buf[p] <= 57) {
      millis += (buf[p] - 48) * scale
      scale /= 10
      p++
    }
    millis = Math.round(millis)
  }
  if (buf[p] !== QUOTE || !(hour < 24 && minute < 60 && second < 60)) fail(start + 1, 'expected a timestamp MM/dd/yyyy HH:mm:ss.fff')
  // February 30 would roll into March, 1601 or 2999 into the plan: a broken clock is refused, located.
  if (!plausibleSampleDate(year, month, day)) fail(start + 1, `expected ${TIMESTAMP_EXPECTED} (MM/dd/yyyy HH:mm:ss.fff)`)
  values[values.length - 1] = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  return p + 1
}

/** The value cells ,"value" from p (after the timestamp) to the row's end into values (already NaN). */
function parseCells(buf: Buffer, start: number, p: number, end: number, map: Int32Array, values: Float64Array, file: string, line: number): void {
  const fail = (at: number, expected: string): never => cellError(buf, start, end, at, expected, file, line)
  const cells = map.length
  for (let i = 0; i < cells; i++) {
    if (buf[p] !== COMMA || buf[p + 1] !== QUOTE) fail(p, `expected ${cells + 1} quoted cells, this row ends after ${i + 1}`)
    p += 2
    const slot = map[i]
    if (slot < 0) {
      const q = buf.indexOf(QUOTE, p)
      if (q === -1 || q >= end) fail(p, 'expected a closing quote')
      p = q + 1
      continue
    }
    const cellStart = p
    let c = buf[p]
    if (c === QUOTE || (c === 0x20 && buf[p + 1] === QUOTE)) {
      p = c === QUOTE ? p + 1 : p + 2 // "" or " ": missing
      continue
    }
    const negative = c === 0x2d
    if (negative) p++
    // Integer digits, then fraction digits: two tight loops, one division by a power of ten.
    // Four digits a step where there are four (else two, else one): shortens the chain of
    // dependent multiply-adds that bounds the parse of relog's 16–17 digit values (parseRow alone:
    // one digit a step 400 MB/s, two 570, four 650, eight no faster; one closure shared by both
    // loops 320, hence the two copies).
    let mantissa = 0
    let digits = 0
    let d0 = buf[p] - 48
    let d1 = buf[p + 1] - 48
    while (d0 >= 0 && d0 <= 9) {
      if (d1 >= 0 && d1 <= 9) {
        const d2 = buf[p + 2] - 48
        const d3 = buf[p + 3] - 48
        if (d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9) {
          mantissa = mantissa * 10000 + (d0 * 1000 + d1 * 100 + d2 * 10 + d3)
          digits += 4
          p += 4
        } else {
          mantissa = mantissa * 100 + (d0 * 10 + d1)
          digits += 2
          p += 2
        }
        d0 = buf[p] - 48
        d1 = buf[p + 1] - 48
      } else {
        mantissa = mantissa * 10 + d0
        digits++
        p++
        break
      }
    }
    c = buf[p]
    let fraction = 0
    if (c === 0x2e) {
      p++
      d0 = buf[p] - 48
      d1 = buf[p + 1] - 48
      while (d0 >= 0 && d0 <= 9) {
        if (d1 >= 0 && d1 <= 9) {
          const d2 = buf[p + 2] - 48
          const d3 = buf[p + 3] - 48
          if (d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9) {
            mantissa = mantissa * 10000 + (d0 * 1000 + d1 * 100 + d2 * 10 + d3)
            fraction += 4
            p += 4
          } else {
            mantissa = mantissa * 100 + (d0 * 10 + d1)
            fraction += 2
            p += 2
          }
          d0 = buf[p] - 48
          d1 = buf[p + 1] - 48
        } else {
          mantissa = mantissa * 10 + d0
          fraction++
          p++
          break
        }
      }
      c = buf[p]
      digits += fraction
    }
    let v: number
    if (c === QUOTE && digits > 0 && digits <= 19) {
      // Up to 15 digits this is exact (both operands are exact doubles, one rounding: Clinger's
      // fast path). relog prints 16–17 digits: there the mantissa rounds as it grows and the
      // result is within about 2 ulp (worst 4.6e-16 relative over 10^6 random 17-digit values) of parseFloat — far below anything a capacity
      // plan can see, and 4× faster than parseFloat on every cell.
      v = mantissa / POW10[fraction]
      if (negative) v = -v
    } else {
      const q = buf.indexOf(QUOTE, cellStart)
      if (q === -1 || q >= end) fail(cellStart, 'expected a closing quote')
      v = cellValue(buf.toString('latin1', cellStart, q))
      p = q
    }
    values[slot] = v
    p++
  }
  if (p !== end) fail(p, `expected the row to end after ${cells + 1} cells`)
}

/** Splits a quoted CSV header line on commas outside quotes (runs of text sliced, not added a character at a time: a 10 MB header splits in tens of milliseconds). */
export function splitQuoted(text: string, separator = ','): string[] {
  const cells: string[] = []
  const sep = separator.charCodeAt(0)
  let cell = '' // the current cell's text before `from`
  let from = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === QUOTE) {
      cell += text.slice(from, i)
      if (quoted && text.charCodeAt(i + 1) === QUOTE) {
        cell += '"'
        i++
      } else quoted = !quoted
      from = i + 1
    } else if (ch === sep && !quoted) {
      cells.push(cell + text.slice(from, i))
      cell = ''
      from = i + 1
    }
  }
  cells.push(cell + text.slice(from))
  return cells
}
