/**
 * How each Windows tool writes a performance-counter log (reference: peers-and-formats.md §A1–A2).
 * The generator formats the same samples in any of these; ingest must read them all back.
 */

export const DIALECTS = ['pdh-csv', 'pdh-tsv', 'typeperf', 'german', 'resaved', 'utf16', 'get-counter'] as const
export type Dialect = (typeof DIALECTS)[number]

export const DIALECT_SUMMARIES: Record<Dialect, string> = {
  'pdh-csv': 'perfmon Data Collector Set / relog -f csv: quoted PDH-CSV 4.0 with time zone and bias',
  'pdh-tsv': 'relog -f tsv: the same layout with tabs, (PDH-TSV 4.0)',
  typeperf: 'typeperf stdout redirected to a file: blank first line, no zone, 6 decimals, status trailer',
  german: 'a German host: localized object and counter names, Windows-1252 encoding',
  resaved: 'a log re-saved by Excel on a German machine: ";" separators, "," decimals, dd.MM.yyyy, blanks empty',
  utf16: 'a log re-written by Windows PowerShell (Out-File): UTF-16LE with BOM',
  'get-counter': 'Get-Counter | Export-Csv: long format Timestamp, Path, CookedValue, lower-case paths, ASCII',
}

export type Encoding = 'utf8' | 'utf16le' | 'latin1' | 'ascii'

/** A counter column: object, optional instance, counter (English names). */
export interface CounterColumn {
  readonly host: string
  readonly object: string
  readonly instance: string | undefined
  readonly counter: string
}

export const VSD_OBJECT = 'Hyper-V Virtual Storage Device'
export const VSD_COUNTERS = ['Read Bytes/sec', 'Read Operations/Sec', 'Write Bytes/sec', 'Write Operations/Sec'] as const

/** German names of the objects and counters the generator writes (a-schild/Zabbix-HyperV-Templates). */
const GERMAN: Record<string, string> = {
  [VSD_OBJECT]: 'Virtuelle Hyper-V-Speichervorrichtung',
  'Write Bytes/sec': 'Geschriebene Bytes/s',
  'Read Bytes/sec': 'Gelesene Bytes/s',
  'Write Operations/Sec': 'Schreibvorgänge/s',
  'Read Operations/Sec': 'Lesevorgänge/s',
  Processor: 'Prozessor',
  '% Processor Time': 'Prozessorzeit (%)',
  Memory: 'Speicher',
  'Available MBytes': 'Verfügbare MB',
  'Hyper-V Virtual IDE Controller (Emulated)': 'Hyper-V - virtueller IDE-Controller (emuliert)',
}

export interface DialectFormat {
  readonly dialect: Dialect
  readonly extension: '.csv' | '.tsv'
  readonly encoding: Encoding
  readonly bom: boolean
  /** Timestamp resolution of the format; row times are truncated to it. */
  readonly timeResolutionMs: number
  /** Decimals printed for values; values are rounded to them before anything else sees them. */
  readonly decimals: number
  /** Text before the header line. */
  preamble(): string
  /** Header line(s) for a file whose log started with the given zone name and bias. */
  header(columns: readonly CounterColumn[], zoneName: string, biasMinutes: number): string
  /** One sample set; null = missing. */
  row(localMs: number, values: ArrayLike<number | null>): string
  trailer(): string
}

const CRLF = '\r\n'
const pad2 = (n: number) => (n < 10 ? '0' : '') + n
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n

/** `MM/dd/yyyy HH:mm:ss.fff` from a local time on a UTC scale. */
export function formatPdhTimestamp(localMs: number): string {
  const d = new Date(localMs)
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${pad3(d.getUTCMilliseconds())}`
}

/** Rounds to a number of decimals; the result prints back exactly with formatFixed. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round(value * scale) / scale
}

/** Prints a value rounded with roundTo: trailing zeros dropped, "0" for zero. Hot path: no regex. */
export function formatTrimmed(value: number, decimals: number): string {
  if (value === 0) return '0'
  const text = value.toFixed(decimals)
  if (decimals === 0) return text
  let end = text.length
  while (text.charCodeAt(end - 1) === 48) end-- // '0'
  if (text.charCodeAt(end - 1) === 46) end-- // '.'
  return end === text.length ? text : text.slice(0, end)
}

export function counterPath(c: CounterColumn, german = false): string {
  const name = (s: string) => (german ? (GERMAN[s] ?? s) : s)
  const instance = c.instance === undefined ? '' : `(${c.instance})`
  return `\\\\${c.host}\\${name(c.object)}${instance}\\${name(c.counter)}`
}

function pdhFormat(dialect: 'pdh-csv' | 'pdh-tsv' | 'german' | 'utf16' | 'typeperf', valueDecimals: number): DialectFormat {
  const sep = dialect === 'pdh-tsv' ? '"\t"' : '","'
  const decimals = dialect === 'typeperf' ? 6 : valueDecimals
  const tag = dialect === 'pdh-tsv' ? 'PDH-TSV' : 'PDH-CSV'
  return {
    dialect,
    extension: dialect === 'pdh-tsv' ? '.tsv' : '.csv',
    encoding: dialect === 'utf16' ? 'utf16le' : dialect === 'german' ? 'latin1' : 'utf8',
    bom: dialect === 'utf16',
    timeResolutionMs: 1,
    decimals,
    preamble: () => (dialect === 'typeperf' ? CRLF : ''),
    header(columns, zoneName, biasMinutes) {
      const first = dialect === 'typeperf' ? `(${tag} 4.0)` : `(${tag} 4.0) (${zoneName})(${biasMinutes})`
      return `"${[first, ...columns.map((c) => counterPath(c, dialect === 'german'))].join(sep)}"${CRLF}`
    },
    row(localMs, values) {
      // Built as an array and joined: one flat string per row keeps the collector's work small.
      const cells: string[] = new Array(values.length + 1)
      cells[0] = formatPdhTimestamp(localMs)
      for (let i = 0; i < values.length; i++) {
        const v = values[i]
        cells[i + 1] = v === null ? ' ' : dialect === 'typeperf' ? v.toFixed(6) : formatTrimmed(v, decimals)
      }
      return `"${cells.join(sep)}"${CRLF}`
    },
    trailer: () => (dialect === 'typeperf' ? `Exiting, please wait...                    ${CRLF}The command completed successfully.${CRLF}` : ''),
  }
}

/** A CSV cell as Excel writes it with ";" separators: quoted only when it must be. */
function excelCell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const resavedFormat = (decimals: number): DialectFormat => ({
  dialect: 'resaved',
  extension: '.csv',
  encoding: 'latin1',
  bom: false,
  timeResolutionMs: 1,
  decimals,
  preamble: () => '',
  header: (columns, zoneName, biasMinutes) =>
    [`(PDH-CSV 4.0) (${zoneName})(${biasMinutes})`, ...columns.map((c) => counterPath(c))].map(excelCell).join(';') + CRLF,
  row(localMs, values) {
    const d = new Date(localMs)
    let line = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${pad3(d.getUTCMilliseconds())}`
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      line += ';' + (v === null ? '' : formatTrimmed(v, decimals).replace('.', ','))
    }
    return line + CRLF
  },
  trailer: () => '',
})

/** `M/d/yyyy h:mm:ss AM` as en-US PowerShell prints a DateTime. */
function formatEnUsTimestamp(localMs: number): string {
  const d = new Date(localMs)
  const h = d.getUTCHours()
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`
}

function getCounterFormat(decimals: number): DialectFormat {
  let paths: string[] = []
  return {
    dialect: 'get-counter',
    extension: '.csv',
    encoding: 'ascii',
    bom: false,
    timeResolutionMs: 1000,
    decimals,
    preamble: () => `#TYPE Selected.Microsoft.PowerShell.Commands.PerformanceCounterSample${CRLF}`,
    header(columns) {
      // Get-Counter returns paths in lower case.
      paths = columns.map((c) => counterPath(c).toLowerCase())
      return `"Timestamp","Path","CookedValue"${CRLF}`
    },
    row(localMs, values) {
      const ts = formatEnUsTimestamp(localMs)
      let out = ''
      for (let i = 0; i < values.length; i++) {
        const v = values[i]
        if (v !== null) out += `"${ts}","${paths[i]}","${formatTrimmed(v, decimals)}"${CRLF}`
      }
      return out
    },
    trailer: () => '',
  }
}

/**
 * A fresh formatter for one output file (the long format remembers its columns). Values are
 * printed with `decimals` decimals (typeperf always prints 6).
 */
export function dialectFormat(dialect: Dialect, decimals = 3): DialectFormat {
  switch (dialect) {
    case 'resaved':
      return resavedFormat(decimals)
    case 'get-counter':
      return getCounterFormat(decimals)
    default:
      return pdhFormat(dialect, decimals)
  }
}
