import {describe, expect, it} from 'vitest'
import {planBatches} from '../../models/irBatches.js'

const GB = 2 ** 30
const MB = 2 ** 20

describe('IR batching', () => {
  it('reproduces the documentation example: 500 GB free, DR space of earlier batches carried forward', () => {
    // Each VM needs 300 GB of DR space and 250 GB for IR, so only one fits the volume at a time.
    const vm = (name: string) => ({vm: name, volumes: [{volume: 'D:\\', irNeedBytes: 250 * GB, drNeedBytes: 300 * GB}], irBytes: 100 * GB, irMinBytesPerSec: 1 * MB, drBytesPerSec: 2 * MB})
    const plan = planBatches([vm('VM1'), vm('VM2'), vm('VM3')], new Map([['D:\\', 500 * GB]]), 100 * MB)
    expect(plan.vms.map((r) => [r.vm, r.batch, r.volumes[0].freeSeenBytes / GB])).toEqual([
      ['VM1', 1, 500],
      ['VM2', 2, 200],
      ['VM3', 3, -100],
    ])
    expect(plan.vms.map((r) => r.volumes[0].deficitBytes / GB)).toEqual([0, 100, 400])
    expect(plan.vms[2].comment).toBe('Add storage: D:\\')
  })

  it('gives batch 1 the whole link and later batches what earlier batches do not keep for DR', () => {
    // 100 MB/s link; each VM needs 40 MB/s for IR and keeps 30 MB/s for DR; 1 TB free on each own volume.
    const vm = (name: string) => ({vm: name, volumes: [{volume: `${name}:\\`, irNeedBytes: GB, drNeedBytes: GB}], irBytes: 600 * GB, irMinBytesPerSec: 40 * MB, drBytesPerSec: 30 * MB})
    const free = new Map(['A', 'B', 'C', 'D'].map((v) => [`${v}:\\`, 1024 * GB]))
    const plan = planBatches(['A', 'B', 'C', 'D'].map(vm), free, 100 * MB)
    // Batch 1: A + B (80 ≤ 100 MB/s; C would make 120). Batch 2 has 100 − 60 = 40 MB/s: only C.
    // Batch 3 has 100 − 90 = 10 MB/s, less than D's 40: D goes alone (a VM is never left out).
    expect(plan.batches.map((b) => b.vms)).toEqual([['A', 'B'], ['C'], ['D']])
    expect(plan.batches.map((b) => b.availableBytesPerSec / MB)).toEqual([100, 40, 10])
    expect(plan.batches.map((b) => b.drBytesPerSec / MB)).toEqual([60, 30, 30])
    // IR time = bytes ÷ available bandwidth: 1,200 GB at 100 MB/s = 12,288 s.
    expect(plan.batches[0].irSeconds).toBe((1200 * 1024) / 100)
    expect(plan.batches[1].irSeconds).toBe((600 * 1024) / 40)
    expect(plan.vms.map((r) => [r.irMinBytesPerSec / MB, r.drBytesPerSec / MB])).toEqual([[40, 30], [40, 30], [40, 30], [40, 30]])
    expect(plan.vms.map((r) => r.comment)).toEqual(['', '', '', 'Not enough bandwidth left for IR: add bandwidth or expect logs to outgrow the free space'])
  })
})
