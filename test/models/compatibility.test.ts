import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkCompatibility, type CompatibilityLimits, type VmFacts} from '../../models/compatibility.js'
import {limit, loadLimits} from '../../src/limits.js'
import {tempDir} from '../helpers/tmp.js'

const limits = loadLimits()
const compat: CompatibilityLimits = {
  maxDiskSizeGB: limit(limits, 'maxDiskSizeGB'),
  maxOsDiskSizeGen1GB: limit(limits, 'maxOsDiskSizeGen1GB'),
  maxOsDiskSizeGen2GB: limit(limits, 'maxOsDiskSizeGen2GB'),
  maxDisksPerVm: limit(limits, 'maxDisksPerVm'),
  maxIopsPerDisk: limit(limits, 'maxIopsPerDisk'),
  maxIopsPerVm: limit(limits, 'maxIopsPerVm'),
  maxAverageChurnPerVmMBps: limit(limits, 'maxAverageChurnPerVmMBps'),
  maxAverageEffectiveWriteIops: limit(limits, 'maxAverageEffectiveWriteIops'),
}

const fine: VmFacts = {
  name: 'APP01',
  generation: 2,
  disks: [
    {path: 'C:\\VMs\\APP01.vhdx', role: 'OS', sizeGB: 127, iops: 300},
    {path: 'C:\\VMs\\APP01_data.vhdx', role: 'Data', sizeGB: 512, iops: 900},
  ],
  iops: 1200,
  averageChurnMBps: 0.4,
  averageEffectiveWriteIops: 60,
  sharedVhdx: false,
  virtualFibreChannel: false,
  clustered: true,
  highlyAvailable: true,
  replicaBroker: true,
}
const withDisk = (k: number, change: Partial<VmFacts['disks'][number]>): VmFacts => ({...fine, disks: fine.disks.map((d, i) => (i === k ? {...d, ...change} : d))})

describe('compatibility rules at their boundaries', () => {
  it('a VM inside every limit is compatible', () => {
    expect(checkCompatibility(fine, compat)).toEqual({vm: 'APP01', verdict: 'Yes', findings: []})
  })

  it('disk size: 4,095 GB passes, 4,096 GB fails', () => {
    expect(checkCompatibility(withDisk(1, {sizeGB: 4095}), compat).verdict).toBe('Yes')
    const r = checkCompatibility(withDisk(1, {sizeGB: 4096}), compat)
    expect(r.verdict).toBe('No')
    expect(r.findings).toEqual([{rule: 'disk-size', verdict: 'incompatible', text: 'disk C:\\VMs\\APP01_data.vhdx size 4,096 GB exceeds 4,095 GB'}])
  })

  it('Gen 2 OS disk: 300 GB passes, 301 GB fails; Gen 1 allows 2,047 GB', () => {
    expect(checkCompatibility(withDisk(0, {sizeGB: 300}), compat).verdict).toBe('Yes')
    expect(checkCompatibility(withDisk(0, {sizeGB: 301}), compat).findings[0].text).toBe('Gen 2 OS disk size 301 GB exceeds 300 GB')
    expect(checkCompatibility({...withDisk(0, {sizeGB: 2047}), generation: 1}, compat).verdict).toBe('Yes')
    expect(checkCompatibility({...withDisk(0, {sizeGB: 2048}), generation: 1}, compat).verdict).toBe('No')
  })

  it('IOPS per disk: 7,500 passes, 7,501 fails; per VM 80,000', () => {
    expect(checkCompatibility(withDisk(1, {iops: 7500}), compat).verdict).toBe('Yes')
    expect(checkCompatibility(withDisk(1, {iops: 7501}), compat).findings[0].rule).toBe('disk-iops')
    expect(checkCompatibility({...fine, iops: 80_001}, compat).findings[0].rule).toBe('vm-iops')
  })

  it('churn over 20 MB/s, effective write IOPS over 840, shared VHDX, vFC, missing broker, non-HA clustered VM, names', () => {
    const rules = (v: Partial<VmFacts>) => checkCompatibility({...fine, ...v}, compat).findings.map((f) => f.rule)
    expect(rules({averageChurnMBps: 20})).toEqual([])
    expect(rules({averageChurnMBps: 20.01})).toEqual(['vm-churn'])
    expect(rules({averageEffectiveWriteIops: 841})).toEqual(['effective-write-iops'])
    expect(rules({sharedVhdx: true})).toEqual(['shared-vhdx'])
    expect(rules({virtualFibreChannel: true})).toEqual(['virtual-fc'])
    expect(rules({replicaBroker: false})).toEqual(['replica-broker'])
    expect(rules({highlyAvailable: false})).toEqual(['highly-available'])
    expect(rules({clustered: false, replicaBroker: false, highlyAvailable: false})).toEqual([])
    expect(rules({name: 'SQL[01]'})).toEqual(['vm-name'])
  })

  it('premium storage: ASR\'s churn limit by write size — 5 MB/s under 16 KB, 20 MB/s from 16 KB (spec §4.3)', () => {
    const premiumLimits = {
      ...compat,
      premium: {premiumChurnLimitSmallIoMBps: limit(limits, 'premiumChurnLimitSmallIoMBps'), premiumChurnLimitLargeIoMBps: limit(limits, 'premiumChurnLimitLargeIoMBps'), premiumLargeIoMinKB: limit(limits, 'premiumLargeIoMinKB'), premiumAccountCapacityGB: 35 * 1024, maxSnapshotStorageGB: 10 * 1024},
    }
    const premium = (averageChurnMBps: number, averageWriteSizeKB: number | undefined) => checkCompatibility({...fine, averageChurnMBps, premium: {averageWriteSizeKB, provisionedGB: 640, managedDisks: true, snapshotGB: 100}}, premiumLimits)
    // A VM writing 6.5 MB/s in 8 KB I/Os exceeds the 8 KB row's 5 MB/s; in 16 KB I/Os it is within 20 MB/s.
    expect(premium(6.5, 8).findings).toEqual([{rule: 'premium-churn', verdict: 'incompatible', text: "average churn 6.5 MB/s in 8 KB writes exceeds premium storage's 5 MB/s for writes under 16 KB"}])
    expect(premium(5, 8).verdict).toBe('Yes')
    expect(premium(6.5, 16).verdict).toBe('Yes')
    expect(premium(6.5, 15.9).verdict).toBe('No')
    expect(premium(19.9, 64).verdict).toBe('Yes')
    // An unknown write size gets the large-I/O row; a standard-storage VM is not judged by the premium rows.
    expect(premium(6.5, undefined).verdict).toBe('Yes')
    expect(checkCompatibility({...fine, averageChurnMBps: 6.5}, premiumLimits).verdict).toBe('Yes')
  })

  it('says "unknown" for facts the inventory lacks, and does not guess', () => {
    const r = checkCompatibility({...fine, generation: undefined, sharedVhdx: undefined}, compat)
    expect(r.verdict).toBe('Unknown')
    expect(r.findings.map((f) => [f.rule, f.verdict])).toEqual([
      ['os-disk-size', 'unknown'],
      ['shared-vhdx', 'unknown'],
    ])
  })
})

describe('limits as data', () => {
  const tmp = tempDir()

  it('every built-in value names its source and date', () => {
    expect(limits.set).toBe('built-in 2026-12-01')
    for (const [key, v] of Object.entries(limits.values)) {
      expect(v.source.length, key).toBeGreaterThan(20)
      expect(v.date, key).toMatch(/^\d{4}(-\d\d-\d\d)?$/)
    }
    // ASR's churn table: 2 MB/s × 86,400 s ÷ 1,024 = 168.75 GB/day (the table prints 168).
    expect((limit(limits, 'standardChurnLimitMBps') * 86_400) / 1024).toBe(168.75)
  })

  it('a --limits file overrides a value and is named in the set used', () => {
    const file = join(tmp, 'limits.json')
    writeFileSync(file, JSON.stringify({values: {maxIopsPerDisk: 20000, maxDiskSizeGB: {value: 32767, source: 'Azure managed disks 2026', date: '2026'}}}))
    const l = loadLimits(file)
    expect(limit(l, 'maxIopsPerDisk')).toBe(20000)
    expect(l.values.maxDiskSizeGB).toEqual({value: 32767, unit: 'GB', source: 'Azure managed disks 2026', date: '2026'})
    expect(l.set).toBe(`built-in 2026-12-01 with overrides from ${file} (maxIopsPerDisk, maxDiskSizeGB)`)
  })

  it('rejects an unknown key or a non-number, naming the file', () => {
    const file = join(tmp, 'bad.json')
    writeFileSync(file, JSON.stringify({values: {maxIopsPerDsik: 1}}))
    expect(() => loadLimits(file)).toThrow(/^unknown limit "maxIopsPerDsik": expected one of maxDiskSizeGB, .* at .*bad\.json$/)
    writeFileSync(file, JSON.stringify({values: {maxIopsPerDisk: 'many'}}))
    expect(() => loadLimits(file)).toThrow(/limit "maxIopsPerDisk" must be a number/)
  })
})
