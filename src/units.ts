/**
 * Quantities with units, for flags and data files: `--bandwidth 1Gbps`, `--outage-hours 1.5d`,
 * `"4 TiB"` in a limits file. A bare number keeps the unit the flag or field documents; anything
 * else is read by mathjs (loaded only then: it takes about a second to import) and converted to
 * that unit, or refused with the flag or file named when its dimension is wrong.
 *
 * Units follow hvplan's conventions: byte units are binary (KB, MB, GB, TB = 2^10 … 2^40 bytes,
 * as in ASR's churn table; KiB … TiB say the same), bit rates decimal (Mbps = 10^6 bit/s; Mbit/s,
 * Mb/s, Gbps and kbps work too), durations in s, min, h, d or days.
 */
import {createRequire} from 'node:module'
import {HvplanError} from './errors.js'

/** The units hvplan documents its flags and fields in, with the mathjs unit each means. */
export const UNITS = {
  Mbps: {math: 'Mbps', dimension: 'a bandwidth', example: '200, 200Mbps, 1Gbps or "500 Mbit/s"'},
  s: {math: 's', dimension: 'a duration', example: '30, 30s or 2min'},
  min: {math: 'min', dimension: 'a duration', example: '15, 15min or 1h'},
  h: {math: 'h', dimension: 'a duration', example: '4, 4h, 90min or 1.5d'},
  day: {math: 'day', dimension: 'a duration', example: '7, 7d or 168h'},
  KB: {math: 'KB', dimension: 'a size', example: '16, 16KB or 16KiB'},
  MB: {math: 'MB', dimension: 'a size', example: '16, 16MB or 1GiB'},
  GB: {math: 'GB', dimension: 'a size', example: '4095, 4095GB or 4TiB'},
  TB: {math: 'TB', dimension: 'a size', example: '35, 35TB or 35840GiB'},
  'MB/s': {math: 'MB/s', dimension: 'a data rate', example: '20, 20MB/s or 160Mbps'},
  'GB/day': {math: 'GB/day', dimension: 'a data rate', example: '168, 168GB/day or 2MB/s'},
} as const

export type HvplanUnit = keyof typeof UNITS

/** Where a quantity came from, for the error: a flag, or a file and the field in it. */
export interface QuantitySource {
  readonly flag?: string
  readonly file?: string
  readonly field?: string
  readonly line?: number
  readonly column?: number
}

type MathJs = {unit: (text: string) => {equalBase: (other: unknown) => boolean; toNumber: (unit: string) => number; toString: () => string}}
let math: MathJs | undefined

/** A private mathjs instance with hvplan's units (no global state changed). */
function mathjs(): MathJs {
  if (!math) {
    const {create, all} = createRequire(import.meta.url)('mathjs') as {create: (f: unknown) => MathJs & {createUnit: (u: unknown, o: unknown) => void}; all: unknown}
    const m = create(all)
    m.createUnit(
      {
        bit: {definition: '1 b', prefixes: 'short'},
        bps: {definition: '1 b/s', prefixes: 'short'},
        d: '1 day',
        // Binary byte units, as ASR's churn table and the rest of hvplan.
        KB: '1 KiB',
        MB: '1 MiB',
        GB: '1 GiB',
        TB: '1 TiB',
        PB: '1 PiB',
      },
      {override: true},
    )
    math = m
  }
  return math
}

/**
 * A quantity in hvplan's unit: "200" → 200 (Mbps), "1Gbps" → 1000, "1.5d" → 36 (h). Refuses text
 * that is neither a number nor a quantity of the same dimension, naming where it came from.
 */
export function parseQuantity(text: string | number, unit: HvplanUnit, where: QuantitySource): number {
  if (typeof text === 'number') return text
  const trimmed = text.trim()
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return Number(trimmed)
  const spec = UNITS[unit]
  const fail = (why: string) => {
    const message = `must be ${spec.dimension} in ${unit} or with a unit, e.g. ${spec.example}; got ${JSON.stringify(text)}${why ? ` (${why})` : ''}`
    return where.flag
      ? new HvplanError('E_FLAG', message, {flag: where.flag})
      : new HvplanError('E_INPUT_FORMAT', `${where.field ? `${where.field} ` : ''}${message}`, {file: where.file, line: where.line, column: where.column})
  }
  if (!/^[-+]?(\d|\.\d)/.test(trimmed)) throw fail(trimmed === '' ? '' : 'no number')
  let quantity: ReturnType<MathJs['unit']>
  try {
    // "1.5d" and "200Mbps" read as "1.5 d" and "200 Mbps".
    quantity = mathjs().unit(trimmed.replace(/^([-+]?[\d.]+(?:e[-+]?\d+)?)\s*(?=[a-z])/i, '$1 '))
  } catch (error) {
    throw fail((error as Error).message.replace(/\.$/, ''))
  }
  const target = mathjs().unit(`1 ${spec.math}`)
  if (!quantity.equalBase(target)) throw fail(`not ${spec.dimension}`)
  return quantity.toNumber(spec.math)
}

/** A flag's quantity that must be positive (bandwidth, outage length …). */
export function positiveQuantityFlag(flag: string, text: string, unit: HvplanUnit): number {
  const value = parseQuantity(text, unit, {flag})
  if (!(value > 0) || !Number.isFinite(value)) throw new HvplanError('E_FLAG', `must be a positive ${UNITS[unit].dimension.replace(/^an? /, '')} (${unit}, or with a unit: ${UNITS[unit].example}), got ${JSON.stringify(text)}`, {flag})
  return value
}
