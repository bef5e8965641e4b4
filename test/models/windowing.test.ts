import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {forEachWindowOverlap} from '../../models/windowing.js'

const collect = (a: number, b: number, w: number) => {
  const out: Array<[number, number]> = []
  forEachWindowOverlap(a, b, w, (i, o) => out.push([i, o]))
  return out
}

describe('forEachWindowOverlap', () => {
  it('splits an interval straddling a boundary pro rata', () => {
    expect(collect(290_000, 310_000, 300_000)).toEqual([[0, 10_000], [1, 10_000]])
  })

  it('keeps an interval inside one window whole and spans several windows', () => {
    expect(collect(15_000, 30_000, 300_000)).toEqual([[0, 15_000]])
    expect(collect(299_000, 901_000, 300_000)).toEqual([[0, 1_000], [1, 300_000], [2, 300_000], [3, 1_000]])
  })

  it('visits nothing for empty or reversed intervals and rejects a zero window', () => {
    expect(collect(5, 5, 300_000)).toEqual([])
    expect(collect(10, 5, 300_000)).toEqual([])
    expect(() => collect(0, 1, 0)).toThrow(RangeError)
  })

  it('conserves the interval length (bytes are conserved by windowing)', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 10_000_000}), fc.integer({min: 0, max: 5_000_000}), fc.constantFrom(300_000, 600_000, 900_000), (a, len, w) => {
        const parts = collect(a, a + len, w)
        expect(parts.reduce((s, [, o]) => s + o, 0)).toBe(len)
        for (const [i, o] of parts) {
          expect(o).toBeGreaterThan(0)
          expect(o).toBeLessThanOrEqual(w)
          expect(i).toBeGreaterThanOrEqual(Math.floor(a / w))
        }
      }),
    )
  })
})
