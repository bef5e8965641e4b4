/**
 * The WebAssembly cell parser (wasm/pdh-cells.wat through RowParser) against the JavaScript one
 * (parseRow, RowParser with wasm off): the same doubles, bit for bit, for every row, and the same
 * located error for every broken one.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {RowParser} from '../../src/ingest/pdhFast.js'

const STAMP = '"11/02/2026 00:00:15.018"'

/** One row through a parser: its values, or the error it throws (message and location). */
function run(parser: RowParser, row: string, slots: number): {values: number[]} | {error: string} {
  // The row sits inside a larger buffer, as in a read chunk: bytes before and after it.
  const buf = Buffer.from(`"x","1234"\n${row}\n"99999999","8888"`, 'latin1')
  const start = 11
  const values = new Float64Array(slots + 1)
  try {
    parser.parse(buf, start, start + Buffer.byteLength(row, 'latin1'), values, 'fuzz.csv', 7)
    return {values: Array.from(values)}
  } catch (error) {
    return {error: `${(error as Error).message} ${JSON.stringify((error as {location?: unknown}).location)}`}
  }
}

const digits = (min: number, max: number) => fc.string({unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max})
/** Cells as relog writes them, and the odd ones a file may hold. */
const cell = fc.oneof(
  {weight: 8, arbitrary: fc.tuple(fc.boolean(), digits(1, 9), fc.option(digits(0, 14))).map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`)},
  {weight: 2, arbitrary: fc.constantFrom('', ' ')},
  {weight: 1, arbitrary: fc.constantFrom('1e5', '1.5E-3', '+5', '.5', '5.', '-', 'abc', '0x1F', '1,5', 'Infinity', '00000000000000000000012', '0.0016177005742090001')},
  {weight: 1, arbitrary: fc.string({maxLength: 6}).filter((s) => !s.includes('"') && !s.includes('\n'))},
)

describe('WebAssembly cell parser', () => {
  it('is built and takes the rows (the tests below would otherwise compare the JavaScript parser with itself)', () => {
    const parser = new RowParser(Int32Array.from([0, 1]), 3)
    expect(parser.usesWasm).toBe(true)
    expect(run(parser, `${STAMP},"166664.61090373562","20.344801135709915"`, 2)).toEqual({values: [166664.61090373562, 20.344801135709915, Date.UTC(2026, 10, 2, 0, 0, 15, 18)]})
  })

  it('gives the JavaScript parser’s doubles and errors for any row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.boolean()), {minLength: 1, maxLength: 30}),
        fc.option(fc.tuple(fc.nat(400), fc.nat(4), fc.string({maxLength: 3}).filter((s) => !s.includes('\n')))),
        (cells, edit) => {
          // A kept cell gets the next slot; the rest are columns ingest does not keep (-1).
          let slots = 0
          const map = Int32Array.from(cells.map(([, kept]) => (kept ? slots++ : -1)))
          let row = `${STAMP},${cells.map(([text]) => `"${text}"`).join(',')}`
          if (edit) row = row.slice(0, edit[0]) + edit[2] + row.slice(edit[0] + edit[1])
          const wasm = new RowParser(map, slots + 1)
          const js = new RowParser(map, slots + 1, false)
          const a = run(wasm, row, slots)
          const b = run(js, row, slots)
          expect(a).toEqual(b)
          if ('values' in a && 'values' in b) a.values.forEach((v, k) => expect(Object.is(v, b.values[k])).toBe(true))
        },
      ),
      {numRuns: 2000},
    )
  })

  it('grows its memory for a long row and still parses the short rows after it', () => {
    const long = Array.from({length: 20_000}, (_, k) => `${k}.${String(k * 7919).padStart(12, '3')}`)
    const map = Int32Array.from(long, (_, k) => k)
    const wasm = new RowParser(map, long.length + 1)
    const js = new RowParser(map, long.length + 1, false)
    const longRow = `${STAMP},${long.map((v) => `"${v}"`).join(',')}`
    expect(longRow.length).toBeGreaterThan(64 << 10)
    const a = run(wasm, longRow, long.length)
    expect(a).toEqual(run(js, longRow, long.length))
    expect((a as {values: number[]}).values[19_999]).toBe(Number(long[19_999]))
    // A row cut inside its last number, after a longer row left digits in the module's memory:
    // refused with the JavaScript parser's error, not completed from those digits.
    const shortMap = Int32Array.from([0, 1])
    const shortWasm = new RowParser(shortMap, 3)
    run(shortWasm, `${STAMP},"1.5","123456789012"`, 2)
    const cut = `${STAMP},"1.5","12`
    const error = run(shortWasm, cut, 2)
    expect(error).toEqual(run(new RowParser(shortMap, 3, false), cut, 2))
    expect('error' in error && error.error).toMatch(/"line":7,"column":/)
  })
})
