/**
 * A deliberately plain, independent reader for the generator's standard PDH-CSV output, used to
 * check the generator against its own ground truth. It shares no code with src/.
 */
import {readFileSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'

export function readBytes(path: string): Buffer {
  const raw = readFileSync(path)
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw
}

export function readText(path: string): string {
  return readBytes(path).toString('utf8')
}

export interface PdhLog {
  readonly firstCell: string
  readonly biasMinutes: number
  readonly columns: string[]
  /** Rows as [local timestamp text, ...cells], quotes removed. */
  readonly rows: string[][]
  /** UTC ms of each row (header bias, corrected for a DST jump inside the file). */
  readonly utc: number[]
  readonly lines: string[]
}

/** `MM/dd/yyyy HH:mm:ss.fff` → ms on a UTC scale. */
export function parseUsTimestamp(text: string): number {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(text)
  if (!m) throw new Error(`bad timestamp ${text}`)
  return Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6], +m[7])
}

export function parsePdhCsv(text: string): PdhLog {
  const lines = text.split('\r\n')
  if (lines.at(-1) === '') lines.pop()
  const unquote = (line: string) => line.slice(1, -1).split('","')
  const header = unquote(lines[0])
  const m = /\)\((-?\d+)\)$/.exec(header[0])
  let bias = m ? Number(m[1]) : 0
  const rows = lines.slice(1).map(unquote)
  const utc: number[] = []
  let prevLocal = NaN
  for (const row of rows) {
    const local = parseUsTimestamp(row[0])
    // Autumn: local time steps back an hour, so the bias grows by 60; spring: the reverse.
    if (local - prevLocal < -30 * 60_000) bias += 60
    if (local - prevLocal > 30 * 60_000) bias -= 60
    utc.push(local + bias * 60_000)
    prevLocal = local
  }
  return {firstCell: header[0], biasMinutes: m ? Number(m[1]) : NaN, columns: header.slice(1), rows, utc, lines}
}

/** Splits `\\HOST\Object(Instance)\Counter` on the last `)\`. */
export function splitCounterPath(path: string): {host: string; object: string; instance?: string; counter: string} {
  const host = path.slice(2, path.indexOf('\\', 2))
  const rest = path.slice(host.length + 3)
  const close = rest.lastIndexOf(')\\')
  if (close === -1) {
    const [object, counter] = rest.split('\\')
    return {host, object, counter}
  }
  // The object name may hold parentheses too ("… IDE Controller (Emulated)"): walk back to the
  // '(' that balances the instance's closing ')'.
  let depth = 0
  let open = close
  for (; open >= 0; open--) {
    if (rest[open] === ')') depth++
    else if (rest[open] === '(' && --depth === 0) break
  }
  return {host, object: rest.slice(0, open), instance: rest.slice(open + 1, close), counter: rest.slice(close + 2)}
}
