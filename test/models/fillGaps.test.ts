/** The gap-fill rule (models/fillGaps.ts), with values worked out by hand. */
import {describe, expect, it} from 'vitest'
import {fillMissingWindows} from '../../models/fillGaps.js'

describe('fillMissingWindows', () => {
  it('fills a window from the same time of day on the other days, else the series mean', () => {
    // 2 windows a day, 3 days.
    const withFive = Float64Array.from([10, NaN, NaN, 5, 30, NaN])
    const r = fillMissingWindows(withFive, 2, 0)
    // slot 0 (i = 0, 2, 4): 10, NaN, 30 → 20; slot 1 (i = 1, 3, 5): NaN, 5, NaN → 5.
    expect(Array.from(r.values)).toEqual([10, 5, 20, 5, 30, 5])
    expect(r.filled).toBe(3)
    // The input is left as it was.
    expect(Number.isNaN(withFive[1])).toBe(true)
  })

  it('gives a complete typed series back as it is, without a copy', () => {
    const complete = Float64Array.from([1, 2, 3, 4])
    const r = fillMissingWindows(complete, 2, 0)
    expect(r.values).toBe(complete)
    expect(r.filled).toBe(0)
  })

  it('fills a slot no day has from the series mean; an all-missing series stays 0', () => {
    // Slot 1 (i = 1, 3) is missing on both days: the mean of 10 and 30 = 20.
    expect(Array.from(fillMissingWindows([10, NaN, 30, NaN], 2, 0).values)).toEqual([10, 20, 30, 20])
    expect(Array.from(fillMissingWindows([NaN, NaN], 2, 0).values)).toEqual([0, 0])
  })
})
