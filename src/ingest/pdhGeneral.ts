/**
 * The general path, through csv-parse: PDH-TSV, logs re-saved with `;` and `,` decimals,
 * UTF-16LE and ANSI code-page files, typeperf output, the Get-Counter long format
 * (Timestamp, Path, CookedValue in any column order; one sample set per timestamp) and the Log
 * Analytics Perf export (logAnalytics.ts). Rows go to the same sink as the
 * fast path, so both paths give the same profile for the same samples.
 */
import {Readable} from 'node:stream'
import {parse} from 'csv-parse'
import {HvplanError} from '../errors.js'
import {decoderLabel} from './codePages.js'
import {DEFAULT_INPUT_LIMITS, type InputLimits, lineTooLong} from './inputLimits.js'
import {cellValue} from './counterNames.js'
import {parseLogAnalyticsPerf} from './logAnalytics.js'
import type {EngineLogSink} from './logSink.js'
import type {SniffResult} from './sniff.js'
import {parseLocalTimestamp, TIMESTAMP_EXPECTED} from './timestamps.js'

export async function parsePdhGeneral(chunks: AsyncIterable<Buffer>, file: string, sniffed: SniffResult, sink: EngineLogSink, options: {maxIntervalMs: number; limits?: InputLimits}): Promise<void> {
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS
  try {
    await parse2(chunks, file, sniffed, sink, options.maxIntervalMs, limits)
  } catch (error) {
    // csv-parse's own errors (an unclosed quote, …) become located input errors too.
    const e = error as Error & {code?: string; lines?: number}
    // A record past the line limit (csv-parse counts characters; the header was checked by sniff).
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw lineTooLong(file, e.lines ?? 1, e.lines === 1, limits)
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) throw new HvplanError('E_INPUT_FORMAT', `expected a well-formed CSV: ${e.message.replace(/^([^:]*): .*$/s, '$1')}`, {file, line: e.lines})
    throw error
  }
}

async function parse2(chunks: AsyncIterable<Buffer>, file: string, sniffed: SniffResult, sink: EngineLogSink, maxIntervalMs: number, limits: InputLimits): Promise<void> {
  const decoder = new TextDecoder(decoderLabel(sniffed.encoding))
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of chunks) yield decoder.decode(chunk, {stream: true})
    const rest = decoder.decode()
    if (rest) yield rest
  }
  const delimiter = sniffed.separator ?? (sniffed.kind === 'pdh-tsv' ? '\t' : sniffed.kind === 'pdh-resaved' ? ';' : ',')
  const decimalComma = delimiter === ';'
  const parser = Readable.from(text()).pipe(
    parse({delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, max_record_size: Math.max(limits.lineBytes, limits.headerBytes)}),
  )
  // (Where a cell is, the engine's first bad cell says: its column and its sample's time.)
  const number = (cell: string, _line: number, _column: number): number => cellValue(decimalComma ? cell.replace(',', '.') : cell)
  if (sniffed.kind === 'get-counter') return longFormat(parser, file, sink, number)
  if (sniffed.kind === 'la-perf') return parseLogAnalyticsPerf(parser, file, sink, number, maxIntervalMs)

  let map: Int32Array | undefined
  let values = new Float64Array(0)
  let width = 0
  let previousMs = NaN
  for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
    const line = info.lines
    if (map === undefined) {
      if (record.length === 1 && record[0].startsWith('#')) continue
      map = sink.header(record, line)
      values = new Float64Array(sink.valueCount)
      width = record.length
      continue
    }
    const localMs = parseLocalTimestamp(record[0])
    // Excel shows and saves "10/25/2026 0:00": rows seconds apart then share a minute, and all
    // but one per minute would be dropped as going back in time. Refuse rather than distort.
    if (localMs === previousMs && !/:\d{1,2}:\d{2}/.test(record[0])) {
      throw new HvplanError('E_INPUT_FORMAT', `the timestamps have lost their seconds (${JSON.stringify(record[0].trim())} twice in a row: a spreadsheet re-saved the column as it displays it)`, {file, line, column: 1}, RESAVE_ADVICE)
    }
    previousMs = localMs
    if (Number.isNaN(localMs)) {
      // A line of one cell (typeperf's status lines) or a row without a timestamp (the blank rows
      // a spreadsheet leaves at the end of a re-save) is no sample set: counted, not read.
      if (record.length === 1 || record[0].trim() === '') {
        sink.otherLine(record[0].slice(0, 200), line)
        continue
      }
      throw timestampError(record[0], file, line, 1)
    }
    if (record.length !== width) throw new HvplanError('E_INPUT_FORMAT', `expected ${width} cells as in the header, got ${record.length}`, {file, line, column: 1})
    // csv-parse holds a record up to the larger of the header and line limits; a row has the line limit.
    if (limits.lineBytes < limits.headerBytes && record.reduce((n, cell) => n + cell.length + 1, 0) > limits.lineBytes) throw lineTooLong(file, line, false, limits)
    values.fill(NaN)
    for (let i = 1; i < width; i++) {
      const slot = map[i - 1]
      if (slot >= 0) values[slot] = number(record[i], line, i + 1)
    }
    sink.row(localMs, values, line)
  }
  if (map === undefined) throw new HvplanError('E_INPUT_FORMAT', 'no header line: expected "(PDH-CSV 4.0) …" followed by counter paths', {file, line: 1})
}

const RESAVE_ADVICE = "Use the log as Windows wrote it (relog <file>.blg -f csv -o <file>.csv, or the collector's own .csv); or, in Excel, format column A as MM/dd/yyyy HH:mm:ss.000 before saving"

/**
 * A cell that should be a timestamp: what was expected, and for a time without its date (Excel's
 * "mm:ss.0" display, saved as shown) what to do instead.
 */
function timestampError(cell: string, file: string, line: number, column: number): HvplanError {
  const timeOnly = /^\s*\d{1,2}:\d{2}([.,]\d+)?\s*$|^\s*\d{1,2}:\d{2}:\d{2}([.,]\d+)?\s*$/.test(cell)
  if (timeOnly) {
    return new HvplanError('E_INPUT_FORMAT', `the timestamps have lost their date (${JSON.stringify(cell.trim())}: a spreadsheet re-saved the column as it displays it, minutes and seconds only)`, {file, line, column}, RESAVE_ADVICE)
  }
  return new HvplanError('E_INPUT_FORMAT', `expected a timestamp such as 10/25/2026 14:05:00.000 (${TIMESTAMP_EXPECTED}), got ${JSON.stringify(cell.slice(0, 40))}`, {file, line, column})
}

/** Get-Counter | Export-Csv: rows sharing a timestamp form one sample set. */
async function longFormat(parser: AsyncIterable<unknown>, file: string, sink: EngineLogSink, number: (cell: string, line: number, column: number) => number): Promise<void> {
  let columns: {ts: number; path: number; value: number} | undefined
  const slots = new Map<string, number>()
  let values = new Float64Array(1).fill(NaN)
  let currentText = ''
  let currentMs = NaN
  let currentLine = 0
  const flush = () => {
    if (Number.isNaN(currentMs)) return
    sink.row(currentMs, values, currentLine)
    values.fill(NaN)
  }
  for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
    const line = info.lines
    if (columns === undefined) {
      if (record[0]?.startsWith('#')) continue
      const lower = record.map((c) => c.trim().toLowerCase())
      columns = {ts: lower.indexOf('timestamp'), path: lower.indexOf('path'), value: lower.indexOf('cookedvalue')}
      if (columns.ts < 0 || columns.path < 0 || columns.value < 0) throw new HvplanError('E_INPUT_FORMAT', 'expected the columns Timestamp, Path and CookedValue', {file, line})
      continue
    }
    const tsText = record[columns.ts] ?? ''
    if (tsText !== currentText) {
      flush()
      currentText = tsText
      currentMs = parseLocalTimestamp(tsText)
      currentLine = line
      if (Number.isNaN(currentMs)) throw timestampError(tsText, file, line, columns.ts + 1)
    }
    const path = record[columns.path] ?? ''
    let slot = slots.get(path)
    if (slot === undefined) {
      slot = sink.column(path, line, columns.path + 1)
      slots.set(path, slot)
      if (sink.valueCount > values.length) {
        const grown = new Float64Array(sink.valueCount).fill(NaN)
        grown.set(values.subarray(0, values.length - 1))
        values = grown
      }
    }
    if (slot >= 0) values[slot] = number(record[columns.value] ?? '', line, columns.value + 1)
  }
  flush()
  if (columns === undefined) throw new HvplanError('E_INPUT_FORMAT', 'no header line: expected Timestamp, Path, CookedValue', {file, line: 1})
}
