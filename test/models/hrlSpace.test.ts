import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {drNeedBytes, irNeedBytes, outageTolerance, vhdBacklogPeak, volumeSpaceStatus, worstSpanBytes} from '../../models/hrlSpace.js'

const GB = 2 ** 30
const MB = 2 ** 20

describe('outage tolerance', () => {
  it('constant churn c with VHD size S tolerates 0.5·S / c from any start', () => {
    // 2 MB/s into a 1,024 GB VHD: 512 GB / 2 MB/s = 262,144 s = 72.8 h.
    const windows = Array(288 * 5).fill(2 * MB * 300)
    const r = outageTolerance(windows, 300, 0.5 * 1024 * GB)
    expect(r.worstSeconds).toBeCloseTo(262_144, 6)
    expect(r.typicalSeconds).toBe(Infinity) // most starts would need more than what is left of 5 days
  })

  it('finds the worst start at a burst and the free space of a shared volume', () => {
    // 1 MB/s, with one hour at 10 MB/s in the middle of a day; a volume with 20 GB free.
    const windows = Array(288).fill(MB * 300)
    for (let i = 120; i < 132; i++) windows[i] = 10 * MB * 300
    const r = outageTolerance(windows, 300, 20 * GB)
    // From the burst's start: 3,600 s × 10 MB/s = 36,000 MB, more than 20 GB = 20,480 MB: 2,048 s.
    expect(r.worstStartWindow).toBe(120)
    expect(r.worstSeconds).toBeCloseTo(2048, 6)
  })

  it('never tolerates longer when the capacity shrinks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 1, max: 1e9}), {minLength: 1, maxLength: 200}), fc.integer({min: 1, max: 1e11}), (windows, cap) => {
        expect(outageTolerance(windows, 300, cap / 2).worstSeconds).toBeLessThanOrEqual(outageTolerance(windows, 300, cap).worstSeconds)
      }),
    )
  })
})

describe('IR and DR needs per VHD (spec §4.6)', () => {
  it('IR: min(VHD, 2 × bytes written during IR); DR: min(50 % of VHD, backlog + one cycle)', () => {
    expect(irNeedBytes(500 * GB, 36_000 * MB) / GB).toBeCloseTo((2 * 36_000) / 1024, 12) // 70.3 GB
    expect(irNeedBytes(50 * GB, 360_000 * MB)).toBe(50 * GB)
    expect(drNeedBytes(100 * GB, 10 * GB, 1 * GB)).toBe(11 * GB)
    expect(drNeedBytes(100 * GB, 60 * GB, 1 * GB)).toBe(50 * GB)
  })

  it('the bytes written during an IR are the worst span of that length, not the average', () => {
    // 5-minute windows [1, 5, 2, 0]: the worst 10 minutes hold 5 + 2 = 7; a 301 s span takes two
    // windows too; a span longer than the series (40 min of 20) takes its mean rate: 8 × 2 = 16.
    expect(worstSpanBytes([1, 5, 2, 0], 300, 600)).toBe(7)
    expect(worstSpanBytes([1, 5, 2, 0], 300, 301)).toBe(7)
    expect(worstSpanBytes([1, 5, 2, 0], 300, 300)).toBe(5)
    expect(worstSpanBytes([1, 5, 2, 0], 300, 2400)).toBe(16)
    expect(worstSpanBytes([], 300, 2400)).toBe(0)
    expect(worstSpanBytes([1, 5, 2, 0], 300, Infinity)).toBe(Infinity)
    expect(worstSpanBytes([0, 0], 300, Infinity)).toBe(0)
  })

  it('a VHD\'s backlog is its part of the VM\'s logs not yet uploaded', () => {
    // VHD A writes [0, 300, 0] MiB per cycle, VHD B [60, 60, 60]; the VM's logs [60, 360, 60] MiB
    // upload at 1 MiB/s: C = 360, 960, 1,020 s. After the seal at 600 s log 1 waits (A 300, B 60);
    // after 900 s logs 1 and 2 wait (A 300, B 120).
    const a = [0, 300 * MB, 0]
    const b = [60 * MB, 60 * MB, 60 * MB]
    const vm = [60 * MB, 360 * MB, 60 * MB]
    expect(vhdBacklogPeak(vm, a, 300, MB) / MB).toBe(300)
    expect(vhdBacklogPeak(vm, b, 300, MB) / MB).toBe(120)
  })
})

describe('host volume log space: one rule', () => {
  it('short when the need exceeds the free space, tight past the share of it (the seed\'s 50 %), else ok', () => {
    expect(volumeSpaceStatus(400 * GB, 380 * GB, 0.5)).toBe('short')
    expect(volumeSpaceStatus(344 * GB, 380 * GB, 0.5)).toBe('tight')
    expect(volumeSpaceStatus(190 * GB, 380 * GB, 0.5)).toBe('ok')
    expect(volumeSpaceStatus(191 * GB, 380 * GB, 0.5)).toBe('tight')
    expect(volumeSpaceStatus(10 * GB, NaN, 0.5)).toBe('unknown')
  })
})
