/**
 * Recognises an input file from its first bytes — never from the machine's locale: gzip,
 * encoding (UTF-16LE/UTF-8 BOM, else UTF-8 when valid, else Windows-1252), and which of the
 * Windows counter-log dialects (or the inventory) it is. Reads at most the header line.
 */
import {closeSync, openSync, readSync} from 'node:fs'
import {createGunzip} from 'node:zlib'
import {createReadStream} from 'node:fs'
import {INVENTORY_COLUMNS} from '../inventoryFormat.js'
import {splitQuoted} from './pdhFast.js'

export type InputKind =
  | 'pdh-csv' // perfmon/relog/Export-Counter, with time zone
  | 'pdh-csv-no-zone' // typeperf stdout: (PDH-CSV 4.0) without zone
  | 'pdh-tsv'
  | 'pdh-resaved' // ';' separators (Excel / Export-Csv -UseCulture)
  | 'get-counter' // long format: Timestamp, Path, CookedValue
  | 'inventory'
  | 'unknown'

export type TextEncoding = 'utf8' | 'utf16le' | 'windows-1252'

export interface SniffResult {
  readonly kind: InputKind
  readonly gzip: boolean
  readonly encoding: TextEncoding
  /** Windows time-zone name and bias from a PDH header, when present. */
  readonly timeZone?: string
  readonly biasMinutes?: number
  /** Hosts named in the counter paths of a wide header, upper-cased. */
  readonly hosts: readonly string[]
  /** Counter columns in a wide header. */
  readonly counters: number
  /** Why the kind is unknown. */
  readonly reason?: string
}

/** The header cell of a PDH log: `(PDH-CSV 4.0) (W. Europe Standard Time)(-120)`. */
const PDH_HEADER = /^\(PDH-(CSV|TSV) (\d+\.\d+)\)(?: \((.*)\)\((-?\d+)\))?/

const MAX_HEADER_BYTES = 32 << 20

export async function sniffFile(path: string): Promise<SniffResult> {
  const gzip = hasGzipMagic(path)
  const head = await readHead(path, gzip)
  return sniffBytes(head, gzip)
}

/** Classifies the first bytes of a (decompressed) file. */
export function sniffBytes(bytes: Buffer, gzip: boolean): SniffResult {
  const {encoding, text} = decode(bytes)
  const lines = text.split(/\r?\n/)
  let i = 0
  while (i < lines.length && lines[i].trim() === '') i++ // typeperf starts with a blank line
  const unknown = (reason: string): SniffResult => ({kind: 'unknown', gzip, encoding, hosts: [], counters: 0, reason})
  if (i >= lines.length) return unknown('the file is empty')
  let line = lines[i]
  if (line.startsWith('#TYPE')) line = lines[i + 1] ?? ''
  const firstCell = line.replace(/^"/, '').split(/[",;\t]/)[0]
  if (/^Timestamp$/i.test(firstCell) && /"?Path"?[,;]"?CookedValue"?/i.test(line)) {
    return {kind: 'get-counter', gzip, encoding, hosts: [], counters: 0}
  }
  const header = PDH_HEADER.exec(line.replace(/^"/, ''))
  if (header) {
    // The separator is what follows the first cell: `","` (CSV), `"\t"` (TSV) or `;` (re-saved).
    const separator = line.startsWith('"') ? (line[line.indexOf('"', 1) + 1] ?? ',') : ([';', '\t', ','].find((sep) => line.includes(sep)) ?? ',')
    const cells = splitQuoted(line, separator)
    const hosts = [...new Set(cells.slice(1).map((c) => /^\\\\([^\\]+)\\/.exec(c)?.[1]?.toUpperCase()).filter((h): h is string => Boolean(h)))]
    return {
      kind: separator === '\t' ? 'pdh-tsv' : separator === ';' ? 'pdh-resaved' : header[3] === undefined ? 'pdh-csv-no-zone' : 'pdh-csv',
      gzip,
      encoding,
      timeZone: header[3],
      biasMinutes: header[4] === undefined ? undefined : Number(header[4]),
      hosts,
      counters: cells.length - 1,
    }
  }
  const columns = splitQuoted(line, line.includes(';') && !line.includes(',') ? ';' : ',').map((c) => c.toLowerCase())
  const required = ['VMName', 'DiskPath'].map((c) => c.toLowerCase())
  if (required.every((c) => columns.includes(c)) && columns.some((c) => INVENTORY_COLUMNS.map((x) => x.toLowerCase()).includes(c))) {
    return {kind: 'inventory', gzip, encoding, hosts: [], counters: 0}
  }
  return unknown(`line ${i + 1} is neither a PDH-CSV/TSV header, a Get-Counter export nor an inventory header`)
}

function decode(bytes: Buffer): {encoding: TextEncoding; text: string} {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return {encoding: 'utf16le', text: bytes.subarray(2).toString('utf16le')}
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return {encoding: 'utf8', text: new TextDecoder('utf-8', {fatal: true}).decode(trimPartialUtf8(body))}
  } catch {
    return {encoding: 'windows-1252', text: new TextDecoder('windows-1252').decode(body)}
  }
}

/** Drops a UTF-8 sequence cut off at the end of the head buffer, so it does not look invalid. */
function trimPartialUtf8(bytes: Buffer): Buffer {
  let end = bytes.length
  let back = 0
  while (end > 0 && back < 4 && (bytes[end - 1] & 0xc0) === 0x80) {
    end--
    back++
  }
  if (end > 0 && bytes[end - 1] >= 0xc0) return bytes.subarray(0, end - 1)
  return bytes
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

/** Reads until the second line ends (header plus the #TYPE or blank line before it), capped. */
async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  const source = createReadStream(path, {highWaterMark: 1 << 16})
  const stream = gzip ? source.pipe(createGunzip()) : source
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      if (size >= MAX_HEADER_BYTES || countNewlines(chunks) >= 3) break
    }
  } finally {
    source.destroy()
  }
  return Buffer.concat(chunks)
}

function countNewlines(chunks: readonly Buffer[]): number {
  let n = 0
  for (const c of chunks) for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) n++
  return n
}
