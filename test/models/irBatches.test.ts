import {describe, expect, it} from 'vitest'
import {planBatches, volumeRequirements} from '../../models/irBatches.js'

const GB = 2 ** 30
const MB = 2 ** 20

describe('IR batching', () => {
  it('reproduces the documentation example: 500 GB free, DR space of earlier batches carried forward', () => {
    // Each VM needs 300 GB of DR space and 250 GB for IR, so only one fits the volume at a time.
    const vm = (name: string) => ({vm: name, volumes: [{volume: 'D:\\', irNeedBytes: () => 250 * GB, drNeedBytes: 300 * GB}], irBytes: 100 * GB, irMinBytesPerSec: 1 * MB, drBytesPerSec: 2 * MB})
    const plan = planBatches([vm('VM1'), vm('VM2'), vm('VM3')], new Map([['D:\\', 500 * GB]]), 100 * MB)
    expect(plan.vms.map((r) => [r.vm, r.batch, r.volumes[0].freeSeenBytes / GB])).toEqual([
      ['VM1', 1, 500],
      ['VM2', 2, 200],
      ['VM3', 3, -100],
    ])
    expect(plan.vms.map((r) => r.volumes[0].deficitBytes / GB)).toEqual([0, 100, 400])
    expect(plan.vms[2].comment).toBe('Add storage: D:\\')
    // The volume sheet says the same: at most 300 (batch 1), then 300 + 300, then 600 + 300 held.
    expect(volumeRequirements(plan, new Map([['D:\\', 500 * GB]])).map((v) => [v.requiredBytes / GB, v.additionalBytes / GB, v.drNeedBytes / GB])).toEqual([[900, 400, 900]])
  })

  it('takes each VM\'s IR need at the IR time of the batch it lands in', () => {
    // Two VMs of 360,000 MB each on one volume, 100 MB/s link: alone a VM's IR takes 3,600 s,
    // together 7,200 s. Each writes 1 MB/s, so its IR need is 2 × 1 MB/s × IR time.
    const vm = (name: string) => ({vm: name, volumes: [{volume: 'V', irNeedBytes: (s: number) => 2 * MB * s, drNeedBytes: 0}], irBytes: 360_000 * MB, irMinBytesPerSec: 0, drBytesPerSec: 10 * MB})
    // 30,000 MB free: together they need 2 × 14,400 = 28,800 MB at 7,200 s, and fit one batch.
    const roomy = planBatches([vm('A'), vm('B')], new Map([['V', 30_000 * MB]]), 100 * MB)
    expect(roomy.batches.map((b) => [b.vms, b.irSeconds])).toEqual([[['A', 'B'], 7200]])
    expect(roomy.vms.map((r) => r.volumes[0].irNeedBytes / MB)).toEqual([14_400, 14_400])
    // 20,000 MB free: at 7,200 s they do not fit (at their IR times alone, 2 × 7,200 would have).
    // B waits for A: 90 MB/s are left after A's 10 MB/s of DR, so its IR takes 4,000 s: 8,000 MB.
    const tight = planBatches([vm('A'), vm('B')], new Map([['V', 20_000 * MB]]), 100 * MB)
    expect(tight.batches.map((b) => [b.vms, b.irSeconds])).toEqual([[['A'], 3600], [['B'], 4000]])
    expect(tight.vms.map((r) => [r.volumes[0].irNeedBytes / MB, r.volumes[0].deficitBytes])).toEqual([[7200, 0], [8000, 0]])
    expect(volumeRequirements(tight, new Map([['V', 20_000 * MB]]))[0]).toMatchObject({requiredBytes: 8000 * MB, additionalBytes: 0})
  })

  it('never puts two VMs in one batch beyond the free space: the volume\'s additional space is the deficit of the VM that did not fit', () => {
    // 500 GB free; X needs 200 GB (DR 50), Y needs 600 GB alone (DR 100), Z 100 GB (DR 10).
    const v = (name: string, ir: number, dr: number) => ({vm: name, volumes: [{volume: 'D', irNeedBytes: () => ir * GB, drNeedBytes: dr * GB}], irBytes: GB, irMinBytesPerSec: 0, drBytesPerSec: 0})
    const free = new Map([['D', 500 * GB]])
    const plan = planBatches([v('X', 200, 50), v('Y', 600, 100), v('Z', 100, 10)], free, 100 * MB)
    // X alone; Y does not fit beside X (200 + 600 > 500) nor alone after X's 50 GB of DR: it sees
    // 450 GB and needs 600: deficit 150. Z joins neither Y's batch (50 + 600 + 100 > 500) and sees
    // 500 − 50 − 100 = 350 GB.
    expect(plan.batches.map((b) => b.vms)).toEqual([['X'], ['Y'], ['Z']])
    expect(plan.vms.map((r) => [r.volumes[0].freeSeenBytes / GB, r.volumes[0].deficitBytes / GB])).toEqual([[500, 0], [450, 150], [350, 0]])
    expect(volumeRequirements(plan, free)[0]).toMatchObject({requiredBytes: 650 * GB, additionalBytes: 150 * GB, drNeedBytes: 160 * GB, irNeedBytes: 600 * GB})
  })

  it('gives batch 1 the whole link and later batches what earlier batches do not keep for DR', () => {
    // 100 MB/s link; each VM needs 40 MB/s for IR and keeps 30 MB/s for DR; 1 TB free on each own volume.
    const vm = (name: string) => ({vm: name, volumes: [{volume: `${name}:\\`, irNeedBytes: () => GB, drNeedBytes: GB}], irBytes: 600 * GB, irMinBytesPerSec: 40 * MB, drBytesPerSec: 30 * MB})
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
