/** Quantities with units (src/units.ts): hand-converted values, and clear errors naming the flag or file. */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {costOptionsFromFlags} from '../../src/costFlags.js'
import {DEFAULT_COST_OPTIONS} from '../../src/plan/costOptions.js'
import {readExtraVms} from '../../src/plan/costPlan.js'
import {parseSweep} from '../../src/plan/whatIfPlan.js'
import {limit, loadLimits} from '../../src/limits.js'
import {replicationOptionsFromFlags, reportOptionsFromFlags} from '../../src/planFlags.js'
import {parseQuantity} from '../../src/units.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const flag = (name: string) => ({flag: name})

describe('parseQuantity', () => {
  it('keeps a bare number in the documented unit and converts quantities by hand-worked factors', () => {
    expect(parseQuantity('200', 'Mbps', flag('bandwidth'))).toBe(200)
    expect(parseQuantity('1Gbps', 'Mbps', flag('bandwidth'))).toBe(1000)
    expect(parseQuantity('500 Mbit/s', 'Mbps', flag('bandwidth'))).toBe(500)
    expect(parseQuantity('100 kbps', 'Mbps', flag('bandwidth'))).toBe(0.1)
    // 30 MB/s with MB = 2^20 bytes: 30 × 2^20 × 8 / 10^6 = 251.65824 Mbps.
    expect(parseQuantity('30 MB/s', 'Mbps', flag('bandwidth'))).toBeCloseTo(251.65824, 9)
    expect(parseQuantity('1.5d', 'h', flag('outage-hours'))).toBe(36)
    expect(parseQuantity('90min', 'h', flag('outage-hours'))).toBe(1.5)
    expect(parseQuantity('1h', 'min', flag('rpo'))).toBe(60)
    expect(parseQuantity('2min', 's', flag('apply-latency'))).toBe(120)
    expect(parseQuantity('168h', 'day', flag('drill-days'))).toBe(7)
    expect(parseQuantity('4 TiB', 'GB', flag('x'))).toBe(4096)
    expect(parseQuantity('4 TB', 'GB', flag('x'))).toBe(4096) // byte units are binary, as in hvplan's tables
    expect(parseQuantity('35840 GiB', 'TB', flag('x'))).toBe(35)
    expect(parseQuantity('16KiB', 'KB', flag('x'))).toBe(16)
    // ASR's churn table: 2 MB/s = 2 × 86,400 / 1,024 = 168.75 GB/day, and back.
    expect(parseQuantity('2 MB/s', 'GB/day', flag('x'))).toBe(168.75)
    expect(parseQuantity('168.75 GB/day', 'MB/s', flag('x'))).toBeCloseTo(2, 12)
  })

  it('refuses the wrong dimension or no quantity at all, naming the flag or the file and field', () => {
    expect(() => parseQuantity('1kg', 'Mbps', flag('bandwidth'))).toThrow('Invalid option --bandwidth: must be a bandwidth in Mbps or with a unit, e.g. 200, 200Mbps, 1Gbps or "500 Mbit/s"; got "1kg" (not a bandwidth)')
    expect(() => parseQuantity('1Gbps', 'h', flag('outage-hours'))).toThrow('Invalid option --outage-hours: must be a duration in h or with a unit, e.g. 4, 4h, 90min or 1.5d; got "1Gbps" (not a duration)')
    expect(() => parseQuantity('fast', 'Mbps', flag('bandwidth'))).toThrow(/^Invalid option --bandwidth: must be a bandwidth in Mbps or with a unit, .*; got "fast" \(no number\)$/)
    expect(() => parseQuantity('5 furlongs', 'Mbps', flag('bandwidth'))).toThrow(/; got "5 furlongs" \(Unit "furlongs" not found\)$/)
    expect(() => parseQuantity('', 'h', flag('hours'))).toThrow(/got ""$/)
    expect(() => parseQuantity('Mbit/s', 'Mbps', flag('bandwidth'))).toThrow(/got "Mbit\/s" \(no number\)$/)
    expect(() => parseQuantity('5 kg', 'TB', {file: 'l.json', field: 'limit "premiumAccountCapacityTB"'})).toThrow('limit "premiumAccountCapacityTB" must be a size in TB or with a unit, e.g. 35, 35TB or 35840GiB; got "5 kg" (not a size), at l.json')
  })
})

describe('every flag that takes a quantity', () => {
  const model = {growth: 30, percentile: 95, 'copy-frequency': '5m', 'wire-factor': '1', 'apply-latency': '0', 'all-vms': false, 'managed-disks': true}

  it('--bandwidth and --outage-hours (report, plan, plan-protection)', () => {
    expect(reportOptionsFromFlags({bandwidth: '0.5 Gbit/s', 'outage-hours': '1.5d', 'heat-map': 'day'})).toEqual({bandwidthMbps: 500, outageHours: 36, heatMap: 'day'})
    expect(reportOptionsFromFlags({bandwidth: '200', 'outage-hours': '4', 'heat-map': 'day'})).toMatchObject({bandwidthMbps: 200, outageHours: 4})
    expect(() => reportOptionsFromFlags({bandwidth: '1kg', 'outage-hours': '4', 'heat-map': 'day'})).toThrow(/^Invalid option --bandwidth: .*not a bandwidth/)
    expect(() => reportOptionsFromFlags({bandwidth: '-5Mbps', 'outage-hours': '4', 'heat-map': 'day'})).toThrow(/^Invalid option --bandwidth: must be a positive bandwidth/)
    expect(() => reportOptionsFromFlags({'outage-hours': '2GB', 'heat-map': 'day'})).toThrow(/^Invalid option --outage-hours: .*not a duration/)
  })

  it('--rpo and --apply-latency (every planning command)', () => {
    expect(replicationOptionsFromFlags({...model, rpo: ['1h', '15', '30min'], 'apply-latency': '1min'})).toMatchObject({rpoMinutes: [15, 30, 60], applyLatencySeconds: 60})
    expect(() => replicationOptionsFromFlags({...model, rpo: ['1Gbps']})).toThrow(/^Invalid option --rpo: must be a duration in min/)
    expect(() => replicationOptionsFromFlags({...model, 'apply-latency': '3 MB'})).toThrow(/^Invalid option --apply-latency: must be a duration in s/)
  })

  it('--sweep (whatif bandwidth): each part in Mbps or with a unit', () => {
    expect(parseSweep('100Mbps:0.3Gbps:100Mbps')).toEqual([100, 200, 300])
    expect(parseSweep('10:30:10')).toEqual([10, 20, 30])
    expect(() => parseSweep('1h:2h:1h')).toThrow(/^Invalid option --sweep: must be a bandwidth in Mbps/)
  })

  it('--drill-days and --retention-days (cost)', () => {
    const flags = {'drills-per-year': '4', 'drill-days': '36h', 'hybrid-benefit': true, redundancy: 'LRS', discount: '0', 'retention-days': '2d', network: 'expressroute'}
    expect(costOptionsFromFlags(flags)).toMatchObject({drillDays: 1.5, retentionDays: 2})
    expect(() => costOptionsFromFlags({...flags, 'drill-days': '7 kg'})).toThrow(/^Invalid option --drill-days: must be a duration in day/)
    expect(DEFAULT_COST_OPTIONS.drillDays).toBe(7)
  })
})

describe('quantities in data files', () => {
  it('a limits file may give a value with a unit: converted to the limit\'s unit', () => {
    const file = join(tmp, 'limits.json')
    writeFileSync(file, JSON.stringify({values: {maxDiskSizeGB: '8 TiB', premiumAccountCapacityTB: {value: '40 TB', source: 'my account'}, premiumChurnLimitSmallIoMBps: '421.875 GB/day'}}))
    const l = loadLimits(file)
    expect(limit(l, 'maxDiskSizeGB')).toBe(8192)
    expect(limit(l, 'premiumAccountCapacityTB')).toBe(40)
    expect(limit(l, 'premiumChurnLimitSmallIoMBps')).toBe(5) // 421.875 GB/day = 5 MB/s
    writeFileSync(file, JSON.stringify({values: {maxDiskSizeGB: '8 Mbps'}}))
    expect(() => loadLimits(file)).toThrow(`limit "maxDiskSizeGB" must be a size in GB or with a unit, e.g. 4095, 4095GB or 4TiB; got "8 Mbps" (not a size), at ${file}`)
  })

  it('the extra-VMs CSV may give StorageGB and ChurnGBPerDay with units, located on error', () => {
    const file = join(tmp, 'extra.csv')
    writeFileSync(file, 'Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay\nERP,1,Standard_D4s_v5,Windows,Standard,2 TiB,2 MB/s\n')
    const [row] = readExtraVms(file, loadLimits().premiumTiers.tiers)
    expect([row.storageGB, row.churnGBPerDay]).toEqual([2048, 168.75])
    writeFileSync(file, 'Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay\nERP,1,Standard_D4s_v5,Windows,Standard,2 TiB,2 h\n')
    expect(() => readExtraVms(file, loadLimits().premiumTiers.tiers)).toThrow(`ChurnGBPerDay must be a data rate in GB/day or with a unit, e.g. 168, 168GB/day or 2MB/s; got "2 h" (not a data rate), at ${file}:2:7`)
  })
})
