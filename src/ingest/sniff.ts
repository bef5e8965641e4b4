/**
 * Recognises an input file from its first bytes — never from the machine's locale: gzip,
 * encoding (a BOM, else UTF-8 when valid, else the ANSI code page whose decoding makes sense of
 * the header: codePages.ts), and which of the Windows counter-log dialects (or the inventory) it
 * is. Reads at most the header line and the line after it.
 */
import {closeSync, openSync, readSync} from 'node:fs'
import {createGunzip} from 'node:zlib'
import {createReadStream} from 'node:fs'
import {INVENTORY_COLUMNS} from '../inventoryFormat.js'
import {type Decoded, decodeHead, type TextEncoding} from './codePages.js'
import {DEFAULT_INPUT_LIMITS, headerTooLongReason, type InputLimits} from './inputLimits.js'
import {splitQuoted} from './pdhFast.js'

export type {TextEncoding} from './codePages.js'

export type InputKind =
  | 'pdh-csv' // perfmon/relog/Export-Counter, with time zone
  | 'pdh-csv-no-zone' // typeperf stdout: (PDH-CSV 4.0) without zone
  | 'pdh-tsv'
  | 'pdh-resaved' // re-saved by Excel or Export-Csv -UseCulture: ';' or unquoted ',' separators, padded cells
  | 'get-counter' // long format: Timestamp, Path, CookedValue (any column order, as Select -Expand CounterSamples writes)
  | 'la-perf' // Azure Monitor / Log Analytics Perf table export: TimeGenerated (UTC), CounterPath or Computer/ObjectName/InstanceName/CounterName, CounterValue
  | 'inventory'
  | 'unknown'

export interface SniffResult {
  readonly kind: InputKind
  readonly gzip: boolean
  readonly encoding: TextEncoding
  /** How the encoding was found, and a few words as decoded (for the user to check). */
  readonly encodingBy?: Decoded['by']
  readonly encodingSample?: string
  /** Windows time-zone name and bias from a PDH header, when present. */
  readonly timeZone?: string
  readonly biasMinutes?: number
  /** The first header cell when it starts a zone but does not finish it: the zone is unknown. */
  readonly zoneCellCut?: string
  /** Hosts named in the counter paths of a wide header, upper-cased. */
  readonly hosts: readonly string[]
  /** Counter columns in a wide header. */
  readonly counters: number
  /** Cell separator of a wide log (',' ';' or tab), and whether numbers use a decimal comma (a ';' re-save). */
  readonly separator?: ',' | ';' | '\t'
  /** Why the kind is unknown. */
  readonly reason?: string
}

/** The header cell of a PDH log: `(PDH-CSV 4.0) (W. Europe Standard Time)(-120)`. */
const PDH_HEADER = /^\(PDH-(CSV|TSV) (\d+\.\d+)\)(?: \((.*)\)\((-?\d+)\))?/

export interface SniffOptions {
  /** --encoding: read every file in this encoding. */
  readonly encoding?: TextEncoding
  /** Object names that, decoded, identify the right code page (the VSD object and its aliases). */
  readonly knownObjects?: readonly string[]
  /** How long a header line may be (default: data/defaults.json maxHeaderMB). */
  readonly limits?: InputLimits
}

export async function sniffFile(path: string, options: SniffOptions = {}): Promise<SniffResult> {
  const gzip = hasGzipMagic(path)
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS
  const {bytes, cut} = await readHead(path, gzip, limits.headerBytes)
  // No line end within the limit (a file of NUL bytes, one endless line): refused before decoding megabytes.
  if (cut && bytes.indexOf(10) === -1) return {kind: 'unknown', gzip, encoding: 'utf8', hosts: [], counters: 0, reason: headerTooLongReason(1, limits)}
  return sniffBytes(bytes, gzip, options, cut)
}

/** Classifies the first bytes of a (decompressed) file; `cut`: the file goes on past them (the last line may be incomplete). */
export function sniffBytes(bytes: Buffer, gzip: boolean, options: SniffOptions = {}, cut = false): SniffResult {
  const decoded = decodeHead(bytes, {forced: options.encoding, knownObjects: options.knownObjects})
  const {encoding, text} = decoded
  const found = {encodingBy: decoded.by, encodingSample: decoded.sample}
  const lines = text.split(/\r?\n/)
  let i = 0
  while (i < lines.length && lines[i].trim() === '') i++ // typeperf starts with a blank line
  const unknown = (reason: string): SniffResult => ({kind: 'unknown', gzip, encoding, ...found, hosts: [], counters: 0, reason})
  if (i >= lines.length) return unknown('the file is empty')
  // Excel pads re-saved cells (` (PDH-CSV 4.0) (…)(-120) ; \\HOST…`): the header may start with blanks.
  let line = lines[i].replace(/^\uFEFF/, '').trimStart()
  if (line.startsWith('#TYPE')) line = lines[++i] ?? ''
  if (cut && i >= lines.length - 1) return unknown(headerTooLongReason(i + 1, options.limits ?? DEFAULT_INPUT_LIMITS))
  const header = PDH_HEADER.exec(line.replace(/^"/, ''))
  if (header) {
    // The separator is what follows the first cell: `","` (CSV), `"\t"` (TSV) or `;` (re-saved).
    const separator = (line.startsWith('"') ? (line[line.indexOf('"', 1) + 1] ?? ',') : ([';', '\t', ','].find((sep) => line.includes(sep)) ?? ',')) as ',' | ';' | '\t'
    const cells = splitQuoted(line, separator)
    const hosts = [...new Set(cells.slice(1).map((c) => /^\\\\([^\\]+)\\/.exec(c)?.[1]?.toUpperCase()).filter((h): h is string => Boolean(h)))]
    return {
      // An unquoted header is a re-save (Excel drops the quotes): the general path reads it.
      kind: separator === '\t' ? 'pdh-tsv' : separator === ';' || !line.startsWith('"') ? 'pdh-resaved' : header[3] === undefined ? 'pdh-csv-no-zone' : 'pdh-csv',
      separator,
      gzip,
      encoding,
      ...found,
      timeZone: header[3],
      biasMinutes: header[4] === undefined ? undefined : Number(header[4]),
      // `(PDH-CSV 4.0) (RTZ 2 (`: a zone cell cut off (a localized name the writer truncated).
      zoneCellCut: header[3] === undefined && /^\(PDH-(CSV|TSV) \d+\.\d+\) \(/.test(cells[0] ?? '') ? cells[0] : undefined,
      hosts,
      counters: cells.length - 1,
    }
  }
  // A list of column names (Export-Csv, -UseCulture's `;` on some locales): split once, read thrice.
  const listSeparator = line.includes(';') && !line.includes(',') ? ';' : ','
  const columns = splitQuoted(line, listSeparator).map((c) => c.toLowerCase())
  const names = new Set(columns.map((c) => c.trim()))
  if (names.has('timestamp') && names.has('path') && names.has('cookedvalue')) {
    return {kind: 'get-counter', gzip, encoding, ...found, hosts: [], counters: 0, separator: listSeparator}
  }
  if (names.has('timegenerated') && names.has('countervalue') && (names.has('counterpath') || (names.has('computer') && names.has('objectname') && names.has('countername')))) {
    // Log Analytics times are UTC (ISO 8601 with Z).
    return {kind: 'la-perf', gzip, encoding, ...found, hosts: [], counters: 0, separator: ',', timeZone: 'UTC', biasMinutes: 0}
  }
  const required = ['VMName', 'DiskPath'].map((c) => c.toLowerCase())
  if (required.every((c) => columns.includes(c)) && columns.some((c) => INVENTORY_COLUMNS.map((x) => x.toLowerCase()).includes(c))) {
    return {kind: 'inventory', gzip, encoding, ...found, hosts: [], counters: 0}
  }
  return unknown(`line ${i + 1} is neither a PDH-CSV/TSV header, a Get-Counter export nor an inventory header`)
}

function hasGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const magic = Buffer.alloc(2)
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads until the third line starts (a header plus the #TYPE or blank line before it), at most a
 * header's limit (plus its line end) and the line before it; `cut` when the file goes on.
 */
async function readHead(path: string, gzip: boolean, maxHeaderBytes: number): Promise<{bytes: Buffer; cut: boolean}> {
  const chunks: Buffer[] = []
  let size = 0
  let newlines = 0
  let cut = false
  const source = createReadStream(path, {highWaterMark: 1 << 16})
  const stream = gzip ? source.pipe(createGunzip()) : source
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++
      if (newlines >= 3 || size > maxHeaderBytes + 2 + (1 << 16)) {
        cut = newlines < 3
        break
      }
    }
  } finally {
    source.destroy()
  }
  return {bytes: Buffer.concat(chunks), cut}
}
