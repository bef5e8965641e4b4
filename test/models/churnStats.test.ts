import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {churnFigures, dailyChurn, hourOfWeekMeans, quantileSorted, selectKth, seriesStats, seriesStatsOfSum, sumSeries} from '../../models/churnStats.js'

const MiB = 2 ** 20

describe('seriesStats', () => {
  it('skips missing windows and interpolates percentiles like Excel PERCENTILE.INC', () => {
    const s = seriesStats([1, NaN, 2, 3, 4, NaN], 95)
    expect({...s, percentile: 0}).toEqual({count: 4, missing: 2, mean: 2.5, percentile: 0, max: 4})
    expect(s.percentile).toBeCloseTo(3.85, 12) // h = 3 × 0.95 = 2.85: 3 + 0.85 × (4 − 3)
    expect(quantileSorted([10, 20], 0.5)).toBe(15)
    expect(seriesStats([NaN], 50).mean).toBeNaN()
  })

  it('sums a VM from its disks, missing where any disk is missing', () => {
    expect(Array.from(sumSeries([[1, 2, NaN], [10, 20, 30]], 3))).toEqual([11, 22, NaN])
    // A reused buffer is cleared first, and is what comes back.
    const into = Float64Array.from([7, 7, 7])
    expect(sumSeries([[1, 2, 3], [10, 20, 30]], 3, into)).toBe(into)
    expect(Array.from(into)).toEqual([11, 22, 33])
  })
})

describe('churnFigures', () => {
  it('turns 5-minute windows into MB/s, GB/day and IOPS, with growth on every workload figure', () => {
    // 288 windows (one UTC day) of 600 MiB written in 76,800 ops (8 KiB each), and 300 MiB read in 38,400 ops.
    const n = 288
    const w = {writeBytes: Array(n).fill(600 * MiB), writeOps: Array(n).fill(76_800), readBytes: Array(n).fill(300 * MiB), readOps: Array(n).fill(38_400)}
    const f = churnFigures(w, 300, 0, 95, 1.3)
    expect(f.avgMBps).toBeCloseTo(2 * 1.3, 12) // 600 MiB / 300 s = 2 MiB/s, +30 %
    expect(f.percentileMBps).toBeCloseTo(2.6, 12)
    expect(f.avgGBPerDay).toBeCloseTo((2 * 86_400 * 1.3) / 1024, 9) // 2 MB/s = 168.75 GB/day, +30 %
    expect(f.worstDayGB).toBeCloseTo(f.avgGBPerDay, 9)
    expect(f.worstDayUtc).toBe('1970-01-01')
    expect(f.avgWriteIops).toBeCloseTo((256 * 1.3), 9) // 76,800 / 300 s
    expect(f.avgRwIops).toBeCloseTo((384 * 1.3), 9)
    expect(f.avgWriteSizeKB).toBe(8)
    expect(f.coverage).toBe(1)
  })

  it('takes the worst day from the gap-filled series, like the average: never below it, a day with gaps kept and marked', () => {
    // 4 windows a day (6 h each), two UTC days, GiB written: day 0 = [10, 10, 10, 10]; day 1 =
    // [30, –, 30, 30]. The gap takes the same window of the other day: 10. Day 1 = 100 GiB (3 of
    // 4 windows measured), day 0 = 40; average = 140 / 8 windows × 4 = 70 GiB/day. Dropping days
    // under 90 % coverage would have made the worst day 40, below the average.
    const GiB = 2 ** 30
    const write = [10, 10, 10, 10, 30, NaN, 30, 30].map((x) => x * GiB)
    const f = churnFigures({writeBytes: write, writeOps: Array(8).fill(1), readBytes: [], readOps: []}, 21_600, 0, 95)
    expect(f.avgGBPerDay).toBe(70)
    expect(f.worstDayGB).toBe(100)
    expect(f.worstDayUtc).toBe('1970-01-02')
    expect(f.worstDayMeasuredShare).toBe(0.75)
    expect(f.avgMBps).toBeCloseTo((17.5 * 1024) / 21_600, 12)
  })

  it('scales a day the period covers only in part to 24 h, and counts its windows', () => {
    // Starting at window 2 of day 0 (4 windows a day): day 0 has 2 windows, (1 + 3) × 4 / 2 = 8.
    expect(dailyChurn([1, 3, 2, 2, 2, 2], undefined, 2, 4)).toEqual([
      {day: 0, bytes: 8, windows: 2, measured: 2},
      {day: 1, bytes: 8, windows: 4, measured: 4},
    ])
    expect(dailyChurn([1, 3], [1, NaN], 0, 4)).toEqual([{day: 0, bytes: 8, windows: 2, measured: 1}])
  })

  it('ASR churn table arithmetic: 2 MB/s is 168.75 GB/day with GB = 1,024 MB (the table rounds to 168)', () => {
    const f = churnFigures({writeBytes: Array(288).fill(2 * MiB * 300), writeOps: Array(288).fill(1), readBytes: [], readOps: []}, 300, 0, 95)
    expect(f.avgGBPerDay).toBe(168.75)
    expect(f.avgRwIops).toBeNaN()
  })
})



describe('seriesStats percentile by selection', () => {
  it('equals the type-7 quantile of the sorted values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({min: -1e9, max: 1e9, noNaN: true}), {minLength: 1, maxLength: 300}), fc.integer({min: 1, max: 100}), (values, p) => {
        const sorted = Float64Array.from(values).sort()
        const s = seriesStats(values, p)
        expect(s.percentile).toBe(quantileSorted(sorted, p / 100))
        expect(s.max).toBe(sorted[sorted.length - 1])
      }),
    )
  })
})

describe('seriesStatsOfSum', () => {
  it('equals seriesStats of the summed series, NaN where either is missing', () => {
    const cell = fc.oneof(fc.constant(NaN), fc.double({min: 0, max: 1e6, noNaN: true}))
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), {minLength: 1, maxLength: 400}), fc.integer({min: 1, max: 100}), (pairs, p) => {
        const a = pairs.map(([x]) => x)
        const b = pairs.map(([, y]) => y)
        expect(seriesStatsOfSum(a, b, p)).toEqual(seriesStats(sumSeries([a, b], a.length), p))
      }),
    )
  })
})

describe('selectKth (Floyd–Rivest)', () => {
  it('puts the k-th smallest at k, smaller before and larger after, duplicates and sampled ranges (> 600) included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({min: -3, max: 3}), fc.double({min: -1e9, max: 1e9, noNaN: true})), {minLength: 1, maxLength: 3000}), fc.nat(), (values, r) => {
        const a = Float64Array.from(values)
        const k = r % a.length
        const sorted = Float64Array.from(values).sort()
        expect(selectKth(a, k) === sorted[k]).toBe(true) // === : -0 and +0 are the same rank
        for (let i = 0; i < k; i++) expect(a[i] <= a[k]).toBe(true)
        for (let i = k + 1; i < a.length; i++) expect(a[i] >= a[k]).toBe(true)
      }),
    )
  })

  it('gives the sorted type-7 percentile on month-long series', () => {
    fc.assert(
      fc.property(fc.array(fc.double({min: 0, max: 3e8, noNaN: true}), {minLength: 601, maxLength: 9000}), fc.integer({min: 1, max: 100}), (values, p) => {
        expect(seriesStats(values, p).percentile).toBe(quantileSorted(Float64Array.from(values).sort(), p / 100))
      }),
      {numRuns: 50},
    )
  })
})

describe('hourOfWeekMeans', () => {
  const w = 300
  const monday = Date.UTC(2026, 10, 2) / 1000 / w // 2026-11-02 is a Monday: window index of 00:00 UTC

  it('puts Monday 00:00 UTC in slot 0 and Sunday 23:55 in slot 167, as bytes per second', () => {
    const values = new Float64Array(7 * 288).fill(NaN)
    values[0] = 600 // Monday 00:00–00:05: 2 B/s
    values[7 * 288 - 1] = 3000 // Sunday 23:55–24:00: 10 B/s
    const means = hourOfWeekMeans(values, monday, w)
    expect(means[0]).toBe(2)
    expect(means[167]).toBe(10)
    expect(means.filter((m) => !Number.isNaN(m)).length).toBe(2)
  })

  it('averages over the windows that have a value (missing is not zero) and over weeks', () => {
    // Two weeks starting Wednesday 12:00 UTC; Tuesday 10:00–11:00 UTC is slot 24 + 10 = 34.
    const first = monday + 2 * 288 + 144
    const values = new Float64Array(14 * 288).fill(300) // 1 B/s everywhere
    const tuesday10 = (week: number) => 6 * 288 - 144 + 10 * 12 + week * 7 * 288 // index of Tue 10:00 in week 0/1
    for (let k = 0; k < 12; k++) values[tuesday10(0) + k] = 1200 // 4 B/s in week 1
    values[tuesday10(1)] = NaN // week 2: one window missing, the other 11 at 1 B/s
    const means = hourOfWeekMeans(values, first, w)
    expect(means[34]).toBeCloseTo((12 * 1200 + 11 * 300) / (23 * 300), 12)
    expect(means[33]).toBe(1)
    expect(means.every((m) => !Number.isNaN(m))).toBe(true)
  })
})
