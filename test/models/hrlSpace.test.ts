import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {batchFreeSpace, drNeedBytes, irNeedBytes, outageTolerance} from '../../models/hrlSpace.js'

const GB = 2 ** 30
const MB = 2 ** 20

describe('batch free space (ASR documentation example)', () => {
  it('500 GB free: VM1 keeps 300 GB, VM2 sees 200 GB, VM2 keeps 300 GB, VM3 sees −100 GB', () => {
    const vms = [
      {vm: 'VM1', volume: 'D:\\', batch: 1, irNeedBytes: 100 * GB, drNeedBytes: 300 * GB},
      {vm: 'VM2', volume: 'D:\\', batch: 2, irNeedBytes: 100 * GB, drNeedBytes: 300 * GB},
      {vm: 'VM3', volume: 'D:\\', batch: 3, irNeedBytes: 50 * GB, drNeedBytes: 80 * GB},
    ]
    const r = batchFreeSpace(vms, new Map([['D:\\', 500 * GB]]))
    expect(r.map((x) => x.freeSeenBytes / GB)).toEqual([500, 200, -100])
    // Deficit = max(IR, DR need) − free seen: VM2 needs 300 with 200 seen, VM3 needs 80 with −100.
    expect(r.map((x) => x.deficitBytes / GB)).toEqual([0, 100, 180])
  })

  it('VMs in the same batch or on other volumes do not take each other\'s space', () => {
    const r = batchFreeSpace(
      [
        {vm: 'A', volume: 'D:\\', batch: 1, irNeedBytes: 0, drNeedBytes: 300 * GB},
        {vm: 'B', volume: 'D:\\', batch: 1, irNeedBytes: 0, drNeedBytes: 300 * GB},
        {vm: 'C', volume: 'E:\\', batch: 2, irNeedBytes: 0, drNeedBytes: 10 * GB},
      ],
      new Map([['D:\\', 500 * GB], ['E:\\', 50 * GB]]),
    )
    expect(r.map((x) => x.freeSeenBytes / GB)).toEqual([500, 500, 50])
  })
})

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

describe('IR and DR needs (spec §4.6)', () => {
  it('IR: min(VHD, 2 × churn during IR); DR: min(50 % of VHD, backlog + one cycle)', () => {
    expect(irNeedBytes(500 * GB, 1 * MB, 36_000) / GB).toBeCloseTo((2 * 36_000) / 1024, 12) // 70.3 GB
    expect(irNeedBytes(50 * GB, 1 * MB, 360_000)).toBe(50 * GB)
    expect(drNeedBytes(100 * GB, 10 * GB, 1 * GB)).toBe(11 * GB)
    expect(drNeedBytes(100 * GB, 60 * GB, 1 * GB)).toBe(50 * GB)
  })
})
