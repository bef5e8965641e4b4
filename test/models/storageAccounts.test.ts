import {describe, expect, it} from 'vitest'
import {accountPrefix, placeInAccounts} from '../../models/storageAccounts.js'

const limits = {standardAccountIops: 20_000, premiumAccountCapacityGB: 35 * 1024, premiumSnapshotGB: 10 * 1024, managedDisks: true}
const std = (vm: string, iops: number) => ({vm, storage: 'standard' as const, iops, sizeGB: 100, snapshotGB: 10})
const prem = (vm: string, tb: number, snapshotTb = 0) => ({vm, storage: 'premium' as const, iops: 1000, sizeGB: tb * 1024, snapshotGB: snapshotTb * 1024})

describe('storage-account placement', () => {
  it('packs standard accounts to 20,000 IOPS, first fit decreasing', () => {
    const a = placeInAccounts([std('A', 5000), std('B', 12_000), std('C', 9000), std('D', 8000)], limits, 'xyz')
    // Sorted 12,000, 9,000, 8,000, 5,000: B + C (21,000) does not fit, B + D = 20,000 does; C + A.
    expect(a.map((x) => [x.name, x.vms, x.iops])).toEqual([
      ['xyzstd01', ['B', 'D'], 20_000],
      ['xyzstd02', ['C', 'A'], 14_000],
    ])
  })

  it('packs premium accounts to 35 TB (twice the size for test failover on unmanaged disks) and 10 TB of snapshots, with a log account', () => {
    const managed = placeInAccounts([prem('A', 20), prem('B', 10), prem('C', 10)], limits, 'p')
    expect(managed.map((x) => [x.name, x.storage, x.vms])).toEqual([
      ['pprem01', 'premium', ['A', 'B']],
      ['pprem02', 'premium', ['C']],
      ['plog01', 'log', ['A', 'B', 'C']],
    ])
    const unmanaged = placeInAccounts([prem('A', 20), prem('B', 10)], {...limits, managedDisks: false}, 'p')
    expect(unmanaged.map((x) => [x.vms, x.sizeGB / 1024, x.overLimit])).toEqual([
      [['A'], 40, true],
      [['B'], 20, false],
      [['A', 'B'], 0, false],
    ])
    expect(placeInAccounts([prem('A', 1, 6), prem('B', 1, 6)], limits, 'p').filter((x) => x.storage === 'premium')).toHaveLength(2)
  })

  it('derives a stable 3-character prefix from the VM names', () => {
    expect(accountPrefix(['SQL01', 'APP01'])).toMatch(/^[a-z][a-z0-9]{2}$/)
    expect(accountPrefix(['APP01', 'SQL01'])).toBe(accountPrefix(['SQL01', 'APP01']))
  })
})
