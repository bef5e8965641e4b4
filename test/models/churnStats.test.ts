import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {churnFigures, quantileSorted, seriesStats, sumSeries} from '../../models/churnStats.js'

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
  })
})

describe('churnFigures', () => {
  it('turns 5-minute windows into MB/s, GB/day and IOPS, with growth on every workload figure', () => {
    // 288 windows (one UTC day) of 600 MiB written in 76,800 ops (8 KiB each), and 300 MiB read in 38,400 ops.
    const n = 288
    const w = {writeBytes: Array(n).fill(600 * MiB), writeOps: Array(n).fill(76_800), readBytes: Array(n).fill(300 * MiB), readOps: Array(n).fill(38_400)}
    const f = churnFigures(w, 300, 0, 95, 30)
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
