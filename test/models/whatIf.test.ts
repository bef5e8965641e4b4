import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {fillMissingWindows} from '../../models/fillGaps.js'
import {bandwidthFor100, bandwidthForShare, fractionWithinRpo, peakRpoSeconds} from '../../models/replication.js'
import {curvePoint, whatIfBandwidth} from '../../models/whatIf.js'

const MiB = 2 ** 20
const five = {copyFrequencySeconds: 300, applyLatencySeconds: 0}

describe('whatIfBandwidth', () => {
  it('the curve point (what the page redraws) is the full what-if\'s worst RPO and time within each target', () => {
    expect(curvePoint([0, 0, 300 * MiB, 0, 0, 0], five, 0.5 * MiB, [600, 1200])).toEqual({rpoMaxSeconds: 900, withinShares: [0.8, 1]})
    fc.assert(
      fc.property(fc.array(fc.double({min: 0, max: 1e9, noNaN: true}), {minLength: 1, maxLength: 60}), fc.double({min: 1e4, max: 1e7, noNaN: true}), fc.array(fc.integer({min: 60, max: 7200}), {minLength: 1, maxLength: 4}), (logs, bandwidth, rpos) => {
        const point = curvePoint(logs, five, bandwidth, rpos)
        rpos.forEach((rpo, k) => {
          const full = whatIfBandwidth(logs, five, bandwidth, rpo)
          expect(point.rpoMaxSeconds).toBe(full.rpoMaxSeconds)
          expect(point.withinShares[k]).toBe(full.withinShare)
        })
      }),
    )
  })

  it('a 300 MiB burst at 0.5 MiB/s, by hand', () => {
    // Recovery points at 300, 600, 1500, 1500, 1500, 1800 s: the RPO rises 0→300, 0→900, 0→300
    // over 1,500 s. Time with RPO ≤ x is 3x for x ≤ 300 and 600 + x above.
    const r = whatIfBandwidth([0, 0, 300 * MiB, 0, 0, 0], five, 0.5 * MiB, 600)
    expect(r.rpoMaxSeconds).toBe(900)
    expect(r.rpoP50Seconds).toBeCloseTo(250, 4) // 3x = 750
    expect(r.rpoP90Seconds).toBeCloseTo(750, 4) // 600 + x = 1350
    expect(r.rpoP99Seconds).toBeCloseTo(885, 4) // 600 + x = 1485
    expect(r.withinShare).toBeCloseTo(0.8, 12) // (600 + 600) / 1500
    expect(r.violations).toEqual({count: 1, totalSeconds: 300, longestSeconds: 300})
    expect(r.worstRpoPerDay).toEqual([[0, 900]])
    // After log 3 is sealed at 900 s, 300 MiB wait; the link is idle again at 1500 s.
    expect(r.worstBacklogBytes).toBe(300 * MiB)
    expect(r.worstBacklogAtSeconds).toBe(900)
    expect(r.drainSeconds).toBe(600)
    expect(r.unstable).toBe(false)
  })

  it('follows logs still queued when the period ends to their upload, as B90 counts the time', () => {
    // Three 5-minute cycles, the last holding 300 MiB, at 0.5 MiB/s: it is sealed at 900 s (the end
    // of the period) and uploaded at 1,500 s. Recovery points at 300, 600 and 1,500 s: the RPO
    // rises 0 → 300 s, then 0 → 900 s. Stopping at the period end would show a worst of 300 s.
    const logs = [0, 0, 300 * MiB]
    const r = whatIfBandwidth(logs, five, 0.5 * MiB, 600)
    expect(r.rpoMaxSeconds).toBe(900)
    // Time with RPO ≤ x: 2x up to 300 s (both segments), so the median of 1,200 s is 300 s.
    expect(r.rpoP50Seconds).toBeCloseTo(300, 4)
    // Within 10 minutes: 300 s + 600 s of 1,200 s.
    expect(r.withinShare).toBe(0.75)
    expect(fractionWithinRpo(logs, five, 0.5 * MiB, 600)).toBe(0.75)
    expect(r.violations).toEqual({count: 1, totalSeconds: 300, longestSeconds: 300})
    expect(r.drainSeconds).toBe(600)
  })

  it('at B90 at least 90 % of the time is within the target, at B100 all of it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 1e9}), {minLength: 3, maxLength: 60}), (logs) => {
        fc.pre(logs.some((x) => x > 0))
        const b90 = bandwidthForShare(logs, five, 900, 0.9)
        const b100 = bandwidthFor100(logs, five, 900)
        expect(whatIfBandwidth(logs, five, b90, 900).withinShare).toBeGreaterThanOrEqual(0.9)
        expect(whatIfBandwidth(logs, five, b100, 900).withinShare).toBe(1)
        expect(whatIfBandwidth(logs, five, b100, 900).unstable).toBe(false)
      }),
    )
  })

  it('flags a link slower than the mean churn as unstable, not one at the mean', () => {
    expect(whatIfBandwidth(Array(20).fill(300 * MiB), five, MiB, 900).unstable).toBe(false)
    expect(whatIfBandwidth(Array(20).fill(300 * MiB), five, 0.9 * MiB, 900).unstable).toBe(true)
    expect(whatIfBandwidth(Array(20).fill(300 * MiB), five, 1.1 * MiB, 900).unstable).toBe(false)
  })

  it('puts worst RPO per UTC day using the series start offset', () => {
    // 576 cycles of 5 min = 2 days from 22:00 UTC: three UTC days touched.
    const r = whatIfBandwidth(Array(576).fill(0), five, MiB, 900, 22 * 3600)
    expect(r.worstRpoPerDay.map(([day]) => day)).toEqual([-22 * 3600, 2 * 3600, 26 * 3600])
  })

  it('agrees with the peak RPO of the cycle model and orders its percentiles', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 1e9}), {minLength: 3, maxLength: 50}), fc.double({min: 1e5, max: 1e8, noNaN: true}), (logs, b) => {
        const r = whatIfBandwidth(logs, five, b, 900)
        expect(r.rpoP50Seconds).toBeLessThanOrEqual(r.rpoP90Seconds + 1e-6)
        expect(r.rpoP90Seconds).toBeLessThanOrEqual(r.rpoP99Seconds + 1e-6)
        expect(r.rpoP99Seconds).toBeLessThanOrEqual(r.rpoMaxSeconds + 1e-6)
        // The what-if maximum excludes the first recovery point's own rise; the model's peak includes it.
        expect(r.rpoMaxSeconds).toBeLessThanOrEqual(peakRpoSeconds(logs, five, b) + 1e-6)
      }),
    )
  })
})

describe('fillMissingWindows', () => {
  it('takes the same time-of-day window of other days, else the series mean; never 0', () => {
    // 4 windows per day, 2 days: day 2's window 1 is missing (day 1 had 20); day 1's window 3 and
    // day 2's window 3 are both missing: the mean of all present windows, (10+20+30+11+31)/5 = 20.4.
    const r = fillMissingWindows([10, 20, 30, NaN, 11, NaN, 31, NaN], 4, 0)
    expect(Array.from(r.values)).toEqual([10, 20, 30, 20.4, 11, 20, 31, 20.4])
    expect(r.filled).toBe(3)
  })

  it('aligns days to the UTC window index, not to the series start', () => {
    const r = fillMissingWindows([NaN, 5, 7, 9], 2, 1) // windows 1, 2, 3, 4: slots 1, 0, 1, 0
    expect(Array.from(r.values)).toEqual([7, 5, 7, 9])
  })
})
