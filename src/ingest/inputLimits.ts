/**
 * How much of an input hvplan reads before it refuses the file: the header and line lengths, the
 * columns, a counter path's length and how far a .gz may expand. Declared in data/defaults.json
 * (with sources); `--input-limit NAME=VALUE` changes one for a genuine file that passes it. Each
 * check runs as the bytes arrive, so a file past a limit is refused within seconds and without
 * holding more than the limit in memory.
 */
import {defaultOf} from '../defaults.js'
import {HvplanError} from '../errors.js'
import {parseQuantity} from '../units.js'

export interface InputLimits {
  readonly headerBytes: number
  readonly lineBytes: number
  readonly columns: number
  readonly counterPathChars: number
  readonly decompressedBytes: number
  readonly compressionRatio: number
  readonly ratioAfterBytes: number
  readonly inventoryBytes: number
  readonly profileDays: number
}

const MiB = 2 ** 20
const GiB = 2 ** 30

/** The keys `--input-limit` takes, as data/defaults.json names them, with the unit of a bare number. */
const KEYS = {
  maxHeaderMB: 'MB',
  maxLineMB: 'MB',
  maxColumns: 'count',
  maxCounterPathChars: 'count',
  maxDecompressedGB: 'GB',
  maxCompressionRatio: 'count',
  compressionRatioAfterMB: 'MB',
  maxInventoryMB: 'MB',
  maxProfileDays: 'day',
} as const

type InputLimitKey = keyof typeof KEYS

/** The names --input-limit takes. */
export const INPUT_LIMIT_NAMES = Object.keys(KEYS) as InputLimitKey[]

/** The limits data/defaults.json declares, with any `--input-limit NAME=VALUE` overrides. */
export function inputLimits(overrides: readonly string[] = []): InputLimits {
  const value: Record<InputLimitKey, number> = Object.fromEntries((Object.keys(KEYS) as InputLimitKey[]).map((k) => [k, defaultOf(k)])) as Record<InputLimitKey, number>
  for (const text of overrides) {
    const [key, raw] = [text.slice(0, text.indexOf('=')).trim(), text.slice(text.indexOf('=') + 1)]
    if (!text.includes('=') || !(key in KEYS)) {
      throw new HvplanError('E_FLAG', `must be NAME=VALUE with NAME one of ${Object.keys(KEYS).join(', ')}, got ${JSON.stringify(text)}`, {flag: 'input-limit'})
    }
    const unit = KEYS[key as InputLimitKey]
    const v = unit === 'count' ? Number(raw) : parseQuantity(raw, unit, {flag: 'input-limit'})
    if (!(v > 0) || !Number.isFinite(v)) throw new HvplanError('E_FLAG', `${key} must be a positive ${unit === 'count' ? 'number' : `size in ${unit}`}, got ${JSON.stringify(raw)}`, {flag: 'input-limit'})
    value[key as InputLimitKey] = v
  }
  return {
    headerBytes: value.maxHeaderMB * MiB,
    lineBytes: value.maxLineMB * MiB,
    columns: value.maxColumns,
    counterPathChars: value.maxCounterPathChars,
    decompressedBytes: value.maxDecompressedGB * GiB,
    compressionRatio: value.maxCompressionRatio,
    ratioAfterBytes: value.compressionRatioAfterMB * MiB,
    inventoryBytes: value.maxInventoryMB * MiB,
    profileDays: value.maxProfileDays,
  }
}

/** The built-in limits (no override). */
export const DEFAULT_INPUT_LIMITS: InputLimits = inputLimits()

/** "16 MB": a byte limit as the defaults file and the flag write it. */
function size(bytes: number): string {
  return bytes >= GiB ? `${+(bytes / GiB).toFixed(2)} GB` : `${+(bytes / MiB).toFixed(2)} MB`
}

/** How to raise a limit for a genuine file. */
function raise(key: InputLimitKey, example: string): string {
  return `If the file is genuine, raise the limit: --input-limit ${key}=${example}`
}

/** A line (the header when `header`) longer than its limit, located. */
export function lineTooLong(file: string, line: number, header: boolean, limits: InputLimits): HvplanError {
  const [key, bytes] = header ? (['maxHeaderMB', limits.headerBytes] as const) : (['maxLineMB', limits.lineBytes] as const)
  return new HvplanError('E_INPUT_LIMIT', `${header ? 'the header line' : 'a line'} is longer than ${size(bytes)} (${key}); expected ${header ? 'a header of counter paths' : 'a row of samples'} — no counter log Windows writes has such a line, so the file is not read further`, {file, line}, raise(key, `${2 * (bytes / MiB)}`))
}

/** Why a file whose first lines pass the header limit is no input (sniff: the file is refused, or skipped in a folder). */
export function headerTooLongReason(line: number, limits: InputLimits): string {
  return `line ${line} is longer than ${size(limits.headerBytes)} (maxHeaderMB), which no counter-log or inventory header is. ${raise('maxHeaderMB', `${2 * (limits.headerBytes / MiB)}`)}`
}

/** n rounded up at its first digit (22 → 30, 100,000 → 100,000): a limit that just takes it. */
function roundUp(n: number): number {
  const unit = 10 ** Math.floor(Math.log10(n))
  return Math.ceil(n / unit) * unit
}

/** A header with more columns than the limit. */
export function tooManyColumns(file: string, line: number, columns: number, limits: InputLimits): HvplanError {
  return new HvplanError('E_INPUT_LIMIT', `the header has ${columns.toLocaleString('en-US')} columns, more than ${limits.columns.toLocaleString('en-US')} (maxColumns); expected at most one per counter of one host's virtual disks`, {file, line}, raise('maxColumns', String(roundUp(columns))))
}

/** An inventory file larger than its limit (it is read whole); `bytes` undefined: a .gz that expands past it. */
export function inventoryTooLarge(file: string, bytes: number | undefined, limits: InputLimits): HvplanError {
  const what = bytes === undefined ? 'the gzip inventory expands past' : `the inventory is ${size(bytes)}, more than`
  return new HvplanError('E_INPUT_LIMIT', `${what} ${size(limits.inventoryBytes)} (maxInventoryMB); expected one row per virtual disk (10,000 VMs take about 11 MB)`, {file}, raise('maxInventoryMB', String(roundUp((bytes ?? 2 * limits.inventoryBytes) / MiB))))
}

/** A file that would stretch the profile past maxProfileDays: the days the profile would span, and the file's own samples. */
export function profileTooLong(file: string, profile: {firstDay: number; lastDay: number}, samples: {fromUtc: number; toUtc: number}, limits: InputLimits): HvplanError {
  const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10)
  const at = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ')
  const days = profile.lastDay - profile.firstDay + 1
  return new HvplanError(
    'E_INPUT_LIMIT',
    `with this file's samples (${at(samples.fromUtc)} to ${at(samples.toUtc)} UTC) the profile would span ${days.toLocaleString('en-US')} days, ${day(profile.firstDay)} to ${day(profile.lastDay)}, more than ${limits.profileDays} (maxProfileDays); expected one profiling period — a host whose clock is off, or logs of another study`,
    {file},
    `Keep one period with --from and --to, or correct the host's clock and collect again; if the period is genuine, raise the limit: --input-limit maxProfileDays=${roundUp(days)}`,
  )
}

/**
 * Throws when a .gz has expanded past its limits: `expanded` bytes out of `compressed` bytes read.
 * The ratio is checked only past ratioAfterBytes, so a small, highly compressible log is never refused for it.
 */
export function checkExpansion(file: string, expanded: number, compressed: number, limits: InputLimits): void {
  if (expanded > limits.decompressedBytes) {
    throw new HvplanError('E_INPUT_LIMIT', `the gzip file expands past ${size(limits.decompressedBytes)} (maxDecompressedGB); expected a counter log of at most that size`, {file}, raise('maxDecompressedGB', String(2 * (limits.decompressedBytes / GiB))))
  }
  if (expanded > limits.ratioAfterBytes && expanded > limits.compressionRatio * compressed) {
    throw new HvplanError('E_INPUT_LIMIT', `the gzip file expands ${Math.round(expanded / compressed).toLocaleString('en-US')} times (${size(expanded)} from ${size(compressed)}), more than ${limits.compressionRatio} times (maxCompressionRatio); expected a counter log, which compresses far less — this looks like a gzip bomb`, {file}, raise('maxCompressionRatio', String(limits.compressionRatio * 4)))
  }
}
