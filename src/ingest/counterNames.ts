/**
 * Counter paths and the names hvplan needs in them. A path is `\\HOST\Object(Instance)\Counter`;
 * localized hosts translate object and counter names, so names go through an alias table
 * (English and German built in, more from a user file), matched case-insensitively and also in
 * the ASCII-mangled form Windows PowerShell writes (`?` for each non-ASCII letter).
 */
import {readFileSync} from 'node:fs'
import {HvplanError} from '../errors.js'

export interface CounterPath {
  readonly host: string
  readonly object: string
  readonly instance: string | undefined
  readonly counter: string
}

/** The four VSD counters ingest keeps, in the order profile windows store them. */
export const VSD_MEASURES = ['writeBytes', 'readBytes', 'writeOps', 'readOps'] as const
export type VsdMeasure = (typeof VSD_MEASURES)[number]

export interface AliasTable {
  /** Names of the Hyper-V Virtual Storage Device object, lower case. */
  readonly vsdObjects: readonly string[]
  /** Counter name (lower case) → measure. */
  readonly counters: ReadonlyMap<string, VsdMeasure>
}

const BUILT_IN = {
  vsdObjects: ['Hyper-V Virtual Storage Device', 'Virtuelle Hyper-V-Speichervorrichtung'],
  counters: {
    writeBytes: ['Write Bytes/sec', 'Geschriebene Bytes/s'],
    readBytes: ['Read Bytes/sec', 'Gelesene Bytes/s'],
    writeOps: ['Write Operations/Sec', 'Schreibvorgänge/s'],
    readOps: ['Read Operations/Sec', 'Lesevorgänge/s'],
  } satisfies Record<VsdMeasure, string[]>,
}

/**
 * Builds the alias table, with extra names from a JSON file shaped like
 * `{"vsdObjects": ["…"], "counters": {"writeBytes": ["…"], …}}`.
 */
export function aliasTable(userFile?: string): AliasTable {
  let extra: {vsdObjects?: string[]; counters?: Partial<Record<VsdMeasure, string[]>>} = {}
  if (userFile) {
    try {
      extra = JSON.parse(readFileSync(userFile, 'utf8'))
    } catch (error) {
      throw new HvplanError('E_INPUT_FORMAT', `alias file is not valid JSON (${(error as Error).message})`, {file: userFile})
    }
  }
  const objects = [...BUILT_IN.vsdObjects, ...(extra.vsdObjects ?? [])]
  const counters = new Map<string, VsdMeasure>()
  for (const measure of VSD_MEASURES) {
    for (const name of [...BUILT_IN.counters[measure], ...(extra.counters?.[measure] ?? [])]) {
      counters.set(name.toLowerCase(), measure)
      counters.set(asciiMangled(name).toLowerCase(), measure)
    }
  }
  return {vsdObjects: [...new Set(objects.flatMap((o) => [o.toLowerCase(), asciiMangled(o).toLowerCase()]))], counters}
}

/** `Schreibvorgänge/s` → `Schreibvorg?nge/s`, as Windows PowerShell 5.1 writes ASCII. */
export function asciiMangled(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '?')
}

/**
 * Splits a counter path. The instance ends at the last `)\` and starts at the `(` that balances
 * it, because both instances (`FS01-data (1).vhdx`) and objects
 * (`Hyper-V Virtual IDE Controller (Emulated)`) may hold parentheses. Undefined if not a path.
 */
export function parseCounterPath(path: string): CounterPath | undefined {
  if (!path.startsWith('\\\\')) return undefined
  const hostEnd = path.indexOf('\\', 2)
  if (hostEnd < 0) return undefined
  const host = path.slice(2, hostEnd)
  const rest = path.slice(hostEnd + 1)
  const close = rest.lastIndexOf(')\\')
  if (close < 0) {
    const slash = rest.lastIndexOf('\\')
    if (slash <= 0) return undefined
    return {host, object: rest.slice(0, slash), instance: undefined, counter: rest.slice(slash + 1)}
  }
  let depth = 0
  let open = close
  for (; open >= 0; open--) {
    const ch = rest.charCodeAt(open)
    if (ch === 41) depth++ // ')'
    else if (ch === 40 && --depth === 0) break // '('
  }
  if (open < 0) return undefined
  return {host, object: rest.slice(0, open), instance: rest.slice(open + 1, close), counter: rest.slice(close + 2)}
}

/** The VSD measure a path carries, or undefined for any other object or counter. */
export function vsdMeasure(path: CounterPath, aliases: AliasTable): VsdMeasure | undefined {
  if (!aliases.vsdObjects.includes(path.object.toLowerCase())) return undefined
  return aliases.counters.get(path.counter.toLowerCase())
}

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/

/**
 * A counter cell's value: a decimal number as PDH writes it, NaN for a blank cell (missing), and
 * -Infinity for anything else — hex, a "+" sign, "Infinity", text — which the engine counts as a
 * cell that is no rate and skips as missing (never zero, never a failed file).
 */
export function cellValue(text: string): number {
  const t = text.trim()
  if (t === '') return NaN
  return DECIMAL.test(t) ? Number(t) : -Infinity
}
