import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  bandwidthFor100,
  bandwidthForShare,
  bytesPerSecToMbps,
  closedFormBandwidth100,
  cycleLogBytes,
  exactBandwidth100,
  fractionWithinRpo,
  mbpsToBytesPerSec,
  meanSendRate,
  peakRpoSeconds,
  uploadTimes,
} from '../../models/replication.js'

const MiB = 2 ** 20
const five = {copyFrequencySeconds: 300, applyLatencySeconds: 0}

describe('cycleLogBytes', () => {
  it('spreads each window uniformly over the ticks inside it', () => {
    expect(Array.from(cycleLogBytes([600, 0], 300, 150))).toEqual([300, 300, 0, 0])
    expect(Array.from(cycleLogBytes([100, 200, 300], 300, 900))).toEqual([600])
    expect(Array.from(cycleLogBytes([300, 600], 300, 450))).toEqual([600])
  })

  it('conserves bytes when the copy frequency divides the horizon', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 1e9}), {minLength: 1, maxLength: 60}), fc.constantFrom(30, 60, 150, 300), (windows, f) => {
        const logs = cycleLogBytes(windows, 300, f)
        const total = windows.reduce((a, b) => a + b, 0)
        expect(logs.reduce((a, b) => a + b, 0)).toBeCloseTo(total, -1)
      }),
    )
  })
})

describe('replication cycle: worked examples by hand', () => {
  it('a single 300 MiB burst in the third 5-minute cycle needs 0.5 MiB/s for a 15-minute RPO', () => {
    // Closed form: n = 1 gives 300 MiB / (300 + 900 − 600) s = 0.5 MiB/s; n = 2 gives 300/900 less.
    const logs = [0, 0, 300 * MiB, 0, 0, 0]
    const exact = closedFormBandwidth100(logs, five, 900)
    expect(exact.bandwidthBytesPerSec).toBe(0.5 * MiB)
    expect([exact.fromSeconds, exact.toSeconds]).toEqual([600, 900])
    // Simulated: log 3 is sealed at 900 s and takes 600 s: C = 1500; peak RPO = 1500 − 600 = 900 s.
    expect(uploadTimes(logs, 300, 0.5 * MiB)[2]).toBe(1500)
    expect(peakRpoSeconds(logs, five, 0.5 * MiB)).toBe(900)
    expect(bandwidthFor100(logs, five, 900) / MiB).toBeCloseTo(0.5, 5)
  })

  it('an idle link keeps the sawtooth between upload time and f + upload time', () => {
    // 30 MiB every cycle at 1 MiB/s: each upload takes 30 s, the peak is f + 30 s.
    const logs = Array(10).fill(30 * MiB)
    expect(peakRpoSeconds(logs, five, MiB)).toBe(330)
  })

  it('a daily pattern: the busy hours set B100, B90 may ignore the busiest tenth of the time', () => {
    // 12 cycles of 60 MiB then 4 cycles of 600 MiB, 5-minute cycles, RPO 30 min.
    const logs = [...Array(12).fill(60 * MiB), ...Array(4).fill(600 * MiB)]
    const params = five
    // Closed form by hand: the four busy cycles, n = 4: 2400 MiB / (1200 + 1800 − 600) s = 1 MiB/s;
    // n = 5 with one quiet cycle before: 2460 / 2700 = 0.911; n = 3: 1800 / 2100 = 0.857.
    expect(closedFormBandwidth100(logs, params, 1800).bandwidthBytesPerSec).toBe(MiB)
    const b100 = bandwidthFor100(logs, params, 1800)
    const b90 = bandwidthForShare(logs, params, 1800, 0.9)
    expect(b100 / MiB).toBeCloseTo(1, 5)
    expect(b90).toBeLessThanOrEqual(b100)
    expect(fractionWithinRpo(logs, params, b90, 1800)).toBeGreaterThanOrEqual(0.9)
  })

  it('converts units: 2 MiB/s = 16.777216 Mbps', () => {
    expect(bytesPerSecToMbps(2 * MiB)).toBeCloseTo(16.777216, 9)
    expect(mbpsToBytesPerSec(16.777216)).toBeCloseTo(2 * MiB, 6)
  })

  it('refuses an RPO that cannot exceed copy frequency plus apply latency', () => {
    expect(() => bandwidthFor100([1], {copyFrequencySeconds: 300, applyLatencySeconds: 60}, 360)).toThrow(RangeError)
  })
})

describe('replication cycle: properties', () => {
  const series = fc.array(fc.integer({min: 0, max: 2e9}), {minLength: 1, maxLength: 40})
  const params = fc.record({copyFrequencySeconds: fc.constantFrom(30, 300, 900), applyLatencySeconds: fc.constantFrom(0, 10, 60)})

  it('B100 by bisection over simulations equals the closed form (spec §4.2), floored at the mean send rate', () => {
    fc.assert(
      fc.property(series, params, fc.integer({min: 1, max: 8}), (logs, p, extra) => {
        fc.pre(logs.some((x) => x > 0))
        const rpo = p.copyFrequencySeconds + p.applyLatencySeconds + extra * 300
        const mean = logs.reduce((a, b) => a + b, 0) / (logs.length * p.copyFrequencySeconds)
        const exact = Math.max(closedFormBandwidth100(logs, p, rpo).bandwidthBytesPerSec, mean)
        const simulated = bandwidthFor100(logs, p, rpo, 1e-9)
        expect(Math.abs(simulated - exact) / exact).toBeLessThan(1e-6)
      }),
    )
  })

  it('Dinkelbach\'s scans give the closed form exactly, and the simulation flips exactly there', () => {
    fc.assert(
      fc.property(series, params, fc.integer({min: 1, max: 8}), (logs, p, extra) => {
        fc.pre(logs.some((x) => x > 0))
        const rpo = p.copyFrequencySeconds + p.applyLatencySeconds + extra * 300
        const exact = exactBandwidth100(logs, p, rpo)
        const closed = closedFormBandwidth100(logs, p, rpo)
        expect(Math.abs(exact.bandwidthBytesPerSec - closed.bandwidthBytesPerSec) / closed.bandwidthBytesPerSec).toBeLessThan(1e-12)
        // Just above the threshold the simulated peak RPO holds; just below, it does not.
        expect(peakRpoSeconds(logs, p, exact.bandwidthBytesPerSec * (1 + 1e-9))).toBeLessThanOrEqual(rpo)
        expect(peakRpoSeconds(logs, p, exact.bandwidthBytesPerSec * (1 - 1e-9))).toBeGreaterThan(rpo)
      }),
    )
  })

  it('warm-started from the interval another RPO found, the scans still give each RPO\'s closed form', () => {
    fc.assert(
      fc.property(series, params, fc.array(fc.integer({min: 1, max: 8}), {minLength: 2, maxLength: 5}), (logs, p, extras) => {
        fc.pre(logs.some((x) => x > 0))
        const typed = Float64Array.from(logs) // a typed array remembers its last interval
        for (const extra of extras) {
          const rpo = p.copyFrequencySeconds + p.applyLatencySeconds + extra * 300
          const closed = closedFormBandwidth100(logs, p, rpo).bandwidthBytesPerSec
          expect(Math.abs(exactBandwidth100(typed, p, rpo).bandwidthBytesPerSec - closed) / closed).toBeLessThan(1e-12)
        }
      }),
    )
  })

  it('B100 equals the bisection over simulations it replaces, to 1e-12', () => {
    // The previous method, kept here as the reference: bracket by doubling, bisect on simulations.
    const bySimulation = (logs: number[], p: {copyFrequencySeconds: number; applyLatencySeconds: number}, rpo: number, tol: number) => {
      const mean = meanSendRate(logs, p.copyFrequencySeconds)
      const test = (b: number) => peakRpoSeconds(logs, p, b) <= rpo
      const slack = rpo - p.copyFrequencySeconds - p.applyLatencySeconds
      const total = logs.reduce((a, b) => a + b, 0)
      let lo = Math.max(Math.max(...logs) / slack, total / (logs.length * p.copyFrequencySeconds + rpo - 2 * p.copyFrequencySeconds - p.applyLatencySeconds)) * (1 - 1e-12)
      let hi = lo * 2
      while (!test(hi)) {
        lo = hi
        hi *= 2
      }
      while (hi - lo > tol * hi) {
        const mid = (lo + hi) / 2
        if (test(mid)) hi = mid
        else lo = mid
      }
      return Math.max(hi, mean)
    }
    fc.assert(
      fc.property(series, params, fc.integer({min: 1, max: 8}), fc.constantFrom(1e-6, 1e-4), (logs, p, extra, tol) => {
        fc.pre(logs.some((x) => x > 0))
        const rpo = p.copyFrequencySeconds + p.applyLatencySeconds + extra * 300
        const reference = bySimulation(logs, p, rpo, tol)
        expect(Math.abs(bandwidthFor100(logs, p, rpo, tol) - reference) / reference).toBeLessThan(1e-12)
      }),
    )
  })

  it('the peak RPO never rises as bandwidth rises', () => {
    fc.assert(
      fc.property(series, params, fc.double({min: 1e3, max: 1e9, noNaN: true}), fc.double({min: 1, max: 10, noNaN: true}), (logs, p, b, factor) => {
        expect(peakRpoSeconds(logs, p, b * factor)).toBeLessThanOrEqual(peakRpoSeconds(logs, p, b) + 1e-9)
      }),
    )
  })

  it('B90 ≤ B100', () => {
    fc.assert(
      fc.property(series, params, (logs, p) => {
        fc.pre(logs.some((x) => x > 0))
        const rpo = p.copyFrequencySeconds + p.applyLatencySeconds + 900
        expect(bandwidthForShare(logs, p, rpo, 0.9)).toBeLessThanOrEqual(bandwidthFor100(logs, p, rpo) * (1 + 1e-6))
      }),
    )
  })

  it('flat churn: the closed form dips below the mean send rate, B100 does not', () => {
    // One day of 300 MiB logs every 5 minutes: c = 1 MiB/s. Closed form by hand: every interval has
    // the rate c·n·f / (n·f + R − 2f), largest for the whole day: 288 / 289 MiB/s = 0.99654 MiB/s,
    // below the mean 1 MiB/s (a link at that rate would fall behind on the next such day).
    const logs = Array(288).fill(300 * MiB)
    expect(closedFormBandwidth100(logs, five, 900).bandwidthBytesPerSec / MiB).toBeCloseTo(288 / 289, 12)
    expect(meanSendRate(logs, 300)).toBe(MiB)
    expect(bandwidthFor100(logs, five, 900)).toBe(MiB)
    expect(bandwidthForShare(logs, five, 900)).toBeLessThanOrEqual(MiB)
  })

  it('a run whose later logs are empty and go with the first has no span to weigh: the share is the instant\'s', () => {
    // Logs [1 B, 0], f = 30 s, R = 930 s: at 1/450 B/s log 1 is done at 30 + 450 = 480 s and the
    // empty log 2, sealed at 60 s, goes at 480 s too; RPO there 480 s ≤ 930 s, so the share is 1
    // (it was 0/0 = NaN, and B90 threw "no bandwidth passes"; fast-check seed 29383967).
    const p = {copyFrequencySeconds: 30, applyLatencySeconds: 0}
    expect(fractionWithinRpo([1, 0], p, 1 / 450, 930)).toBe(1)
    expect(fractionWithinRpo([1, 0], p, 1 / 1000, 930)).toBe(0) // done at 1030 s: RPO 1030 s > 930 s
    expect(bandwidthForShare([1, 0], p, 930, 0.9)).toBeLessThanOrEqual(bandwidthFor100([1, 0], p, 930))
  })

  it('zero churn needs 0 bytes/s, with no error', () => {
    const zero = Array(12).fill(0)
    expect(bandwidthFor100(zero, five, 900)).toBe(0)
    expect(bandwidthForShare(zero, five, 900, 0.9)).toBe(0)
    expect(meanSendRate([], 300)).toBe(0)
  })
})
