import {describe, expect, it} from 'vitest'
import {tierByNeed, tierBySize, vmStorage} from '../../models/azureStorage.js'
import {limit, loadLimits} from '../../src/limits.js'

const limits = loadLimits()
const tiers = limits.premiumTiers.tiers
const thresholds = {standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps'), premiumWhenDiskIopsAbove: limit(limits, 'premiumWhenDiskIopsAbove')}

describe('premium tiers', () => {
  it('round a size up to the next tier of the current ladder (P1–P80)', () => {
    expect(tierBySize(4, tiers)?.tier).toBe('P1')
    expect(tierBySize(30, tiers)?.tier).toBe('P4')
    expect(tierBySize(60, tiers)?.tier).toBe('P6')
    expect(tierBySize(100, tiers)?.tier).toBe('P10')
    expect(tierBySize(128, tiers)?.tier).toBe('P10')
    expect(tierBySize(129, tiers)?.tier).toBe('P15')
    expect(tierBySize(400, tiers)?.tier).toBe('P20')
    expect(tierBySize(4096, tiers)?.tier).toBe('P50')
    expect(tierBySize(4097, tiers)?.tier).toBe('P60')
    expect(tierBySize(40_000, tiers)).toBeUndefined()
    expect(tiers.find((t) => t.tier === 'P6')).toEqual({tier: 'P6', maxSizeGB: 64, iops: 240, mbps: 50})
    expect(limits.premiumTiers.date).toBe('2023-03-16')
  })

  it('map a standard-storage disk to its Standard SSD tier by size', () => {
    const standard = limits.standardSsdTiers.tiers
    expect(tierBySize(30, standard)?.tier).toBe('E4')
    expect(tierBySize(127, standard)?.tier).toBe('E10')
    expect(tierBySize(5120, standard)).toEqual({tier: 'E60', maxSizeGB: 8192, iops: 2000, mbps: 400})
    const disk = {path: 'D:\\a.vhdx', sizeGB: 100, iops: 100, mbps: 5}
    expect(vmStorage([disk], 1, thresholds, tiers, standard).disks[0].standardTier).toBe('E10')
    expect(vmStorage([disk], 3, thresholds, tiers, standard).disks[0].standardTier).toBeUndefined() // premium
  })

  it('pick a bigger tier when the workload needs more IOPS or MB/s than the size gives', () => {
    expect(tierByNeed(100, 600, 50, tiers)?.tier).toBe('P15') // P10 gives 500 IOPS
    expect(tierByNeed(100, 400, 120, tiers)?.tier).toBe('P15') // P10 gives 100 MB/s
    expect(tierByNeed(100, 7501, 50, tiers)?.tier).toBe('P60')
  })
})

describe('storage type per VM', () => {
  it('is standard at or under 2 MB/s and 500 IOPS per disk, premium above either; "Yes*" when a disk needs a higher tier', () => {
    const disk = {path: 'D:\\a.vhdx', sizeGB: 100, iops: 500, mbps: 10}
    expect(vmStorage([disk], 2, thresholds, tiers)).toEqual({storage: 'standard', reasons: [], disks: [{path: 'D:\\a.vhdx', bySize: 'P10', byNeed: 'P10', higherTierNeeded: false}]})
    expect(vmStorage([disk], 2.01, thresholds, tiers).reasons).toEqual(['churn 2.01 MB/s exceeds the standard-storage limit of 2 MB/s'])
    const busy = vmStorage([{...disk, iops: 501}], 1, thresholds, tiers)
    expect(busy.storage).toBe('premium')
    expect(busy.disks[0]).toEqual({path: 'D:\\a.vhdx', bySize: 'P10', byNeed: 'P15', higherTierNeeded: true})
  })
})
