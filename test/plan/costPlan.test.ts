/** The cost plan: prices picked from the sheet per VM, network plan, manual rows, and bad sheets. */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadLimits} from '../../src/limits.js'
import {DEFAULT_COST_OPTIONS} from '../../src/plan/costOptions.js'
import {planCost} from '../../src/plan/costPlan.js'
import type {ProtectionPlan} from '../../src/plan/protectionPlan.js'
import {checkPriceSheet, type LoadedPriceSheet, loadPriceSheet} from '../../src/prices/priceSheet.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const tiers = loadLimits().premiumTiers.tiers

function sheet(overrides: Record<string, unknown> = {}, more: Array<Record<string, unknown>> = []): LoadedPriceSheet {
  const market = {
    region: 'westeurope',
    currency: 'USD',
    vmHourly: {Standard_D2s_v3: {linux: 0.1, windows: 0.2}},
    managedDiskMonthly: {P10: {LRS: 22, ZRS: 33}, P20: {LRS: 80, ZRS: 120}},
    storagePerGBMonth: {LRS: 0.05, GRS: 0.09},
    transactionsPer10k: {LRS: 0.001, GRS: 0.002},
    snapshotPerGBMonth: {LRS: 0.1, GRS: 0.2},
    asrLicensePerInstanceMonth: 25,
    expressRoute: [{plan: 'ER 100', mbps: 100, monthly: 300}, {plan: 'ER 500', mbps: 500, monthly: 1250}, {plan: 'ER 1000', mbps: 1000, monthly: 1200}],
    vpnGateway: [{plan: 'VpnGw1', mbps: 650, monthly: 138.7}],
    ...overrides,
  }
  return {...checkPriceSheet({schema: 'hvplan-prices/1', label: 'test', date: '2026-11-01', source: 'test', markets: [market, ...more]}, 'test.json'), file: 'test.json', example: false}
}

type Vm = {vm: string; storage: 'standard' | 'premium'; vhdGB: number; tiers?: string[]; size?: string}
function protection(vms: Vm[]): ProtectionPlan {
  return {
    vms: vms.map((v) => ({vm: v.vm, protect: true, azureSize: v.size ?? 'Standard_D2s_v3', vhdGB: v.vhdGB, storage: {storage: v.storage, reasons: [], disks: (v.tiers ?? []).map((t) => ({path: 'x', bySize: t, byNeed: undefined, higherTierNeeded: false}))}})),
  } as unknown as ProtectionPlan
}

const run = (vms: Vm[], s = sheet(), o = {}, churn = 10, requiredMbps = 254) =>
  planCost({protection: protection(vms), churnGBPerDay: new Map(vms.map((v) => [v.vm, churn])), requiredMbps, rpoBandwidths: [{rpoMinutes: 15, requiredMbps}], premiumTiers: tiers}, s, {...DEFAULT_COST_OPTIONS, ...o})

describe('planCost', () => {
  it('prices standard storage per GB from the sheet, plus recovery-point snapshots and transactions', () => {
    const plan = run([{vm: 'A', storage: 'standard', vhdGB: 100}])
    const r = plan.rows[0]
    expect(r.diskStorageMonthly).toBeCloseTo(100 * 0.05, 12)
    expect(r.snapshotMonthly).toBeCloseTo(10 * 1 * 0.1, 12) // 10 GB/day kept 1 day
    // 10 GB/day × 365/12 days × 1024 MiB / 4 MiB per write = 77,866.7 writes; × 0.001 per 10,000
    expect(r.transactionsMonthly).toBeCloseTo((10 * (365 / 12) * 256 * 0.001) / 10_000, 12)
    expect(r.replicationStoragePerVmMonthly).toBeCloseTo(5 + 1 + 0.0077866667, 9)
    // A dearer GB in the sheet is a dearer VM: not a constant.
    const geo = run([{vm: 'A', storage: 'standard', vhdGB: 100}], sheet(), {redundancy: 'GRS'})
    expect(geo.rows[0].diskStorageMonthly).toBeCloseTo(9, 12)
    expect(geo.rows[0].snapshotMonthly).toBeCloseTo(2, 12)
  })

  it('prices premium storage per disk tier, LRS or ZRS only', () => {
    const vm: Vm = {vm: 'P', storage: 'premium', vhdGB: 612, tiers: ['P10', 'P20']}
    expect(run([vm]).rows[0].diskStorageMonthly).toBe(102)
    expect(run([vm], sheet(), {redundancy: 'ZRS'}).rows[0].missingPrices).toContain('snapshots ZRS per GB')
    expect(run([vm], sheet(), {redundancy: 'ZRS'}).rows[0].diskStorageMonthly).toBe(153)
    // Geo-redundancy is not offered for premium disks: their LRS price is used.
    expect(run([vm], sheet(), {redundancy: 'GRS'}).rows[0].diskStorageMonthly).toBe(102)
  })

  it('names a missing price and leaves it out of the totals', () => {
    const plan = run([{vm: 'A', storage: 'standard', vhdGB: 100}, {vm: 'B', storage: 'standard', vhdGB: 100, size: 'Standard_M416ms_v2'}])
    expect(plan.rows[1].missingPrices).toEqual(['VM size Standard_M416ms_v2'])
    expect(plan.rows[1].drillCompute).toBeNull()
    expect(plan.totals.rowsMissingPrices).toBe(1)
    expect(plan.warnings).toEqual(['B: no price for VM size Standard_M416ms_v2 in westeurope/USD; left out of the totals'])
  })

  it('picks the cheapest network plan covering the bandwidth, or the one named, or none', () => {
    expect(run([{vm: 'A', storage: 'standard', vhdGB: 1}]).network).toMatchObject({plan: 'ER 1000', monthlyPrice: 1200, requiredMbps: 254})
    expect(run([{vm: 'A', storage: 'standard', vhdGB: 1}], sheet(), {network: 'vpn'}).network).toMatchObject({plan: 'VpnGw1', monthlyPrice: 138.7})
    expect(run([{vm: 'A', storage: 'standard', vhdGB: 1}], sheet(), {networkPlan: 'er 500'}).network).toMatchObject({plan: 'ER 500', monthlyPrice: 1250})
    const none = run([{vm: 'A', storage: 'standard', vhdGB: 1}], sheet(), {network: 'none'})
    expect([none.network.plan, none.totals.network]).toEqual([null, 0])
    const short = run([{vm: 'A', storage: 'standard', vhdGB: 1}], sheet(), {}, 10, 5000)
    expect(short.warnings).toEqual(['no ExpressRoute plan in the price sheet covers 5000.0 Mbps; network cost left out'])
    expect(() => run([{vm: 'A', storage: 'standard', vhdGB: 1}], sheet(), {networkPlan: 'T1'})).toThrow(/--network-plan|must name a plan of the price sheet/)
  })

  it('adds manual rows for VMs that were not profiled, and marks Linux VMs by name', () => {
    const file = join(tmp, 'extra.csv')
    writeFileSync(file, 'Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay\nDC,3,Standard_D2s_v3,Linux,Premium,100,1\n')
    const plan = run([{vm: 'WEB01', storage: 'standard', vhdGB: 100}], sheet(), {extraVmsFile: file, linuxVms: ['web*']})
    expect(plan.rows.map((r) => [r.name, r.count, r.os, r.manual])).toEqual([['WEB01', 1, 'linux', false], ['DC', 3, 'linux', true]])
    // One P10 (the smallest tier of 100 GB) per VM: 22 + 1 × 1 × 0.1 + transactions.
    expect(plan.rows[1].diskStorageMonthly).toBe(22)
    expect(plan.rows[1].license).toBe(75)
    writeFileSync(file, 'Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay\nDC,two,Standard_D2s_v3,Linux,Premium,100,1\n')
    expect(() => run([], sheet(), {extraVmsFile: file})).toThrow(/Count must be a number ≥ 1, got "two"/)
    try {
      run([], sheet(), {extraVmsFile: file})
    } catch (error) {
      expect((error as {location?: unknown}).location ?? error).toMatchObject({line: 2, column: 2})
    }
  })
})

describe('price sheets', () => {
  it('name the JSON path and what was expected for a bad value', () => {
    expect(() => sheet({vmHourly: {Standard_D2s_v3: {windows: 'cheap'}}})).toThrow('markets[0].vmHourly.Standard_D2s_v3.windows must be a price (a number ≥ 0), got "cheap"')
    expect(() => sheet({storagePerGBMonth: {LRSS: 1}})).toThrow('markets[0].storagePerGBMonth.LRSS must be one of LRS, ZRS, GRS, RA-GRS')
  })

  it('need a market chosen by region and currency when they hold several', () => {
    const two = sheet({}, [{region: 'westeurope', currency: 'EUR', asrLicensePerInstanceMonth: 23, expressRoute: [], vpnGateway: []}])
    expect(() => run([{vm: 'A', storage: 'standard', vhdGB: 1}], two)).toThrow(/must choose one of the price sheet's markets \(westeurope\/USD, westeurope\/EUR\)/)
    const eur = run([{vm: 'A', storage: 'standard', vhdGB: 1}], two, {currency: 'eur', network: 'none'})
    expect([eur.priceSheet.currency, eur.options.licensePerInstanceMonthly]).toEqual(['EUR', 23])
    expect(eur.rows[0].missingPrices).toContain('VM size Standard_D2s_v3')
  })

  it('ship an example sheet that prices every size of the built-in VM catalog', async () => {
    const example = loadPriceSheet()
    expect(example.example).toBe(true)
    expect(example.label).toMatch(/^EXAMPLE list prices, not a quote/)
    const {loadVmCatalog} = await import('../../src/vmCatalog.js')
    const market = example.markets[0]
    for (const size of loadVmCatalog().sizes) expect(market.vmHourly[size.name], size.name).toMatchObject({linux: expect.any(Number), windows: expect.any(Number)})
    for (const tier of tiers) expect(market.managedDiskMonthly[tier.tier]?.LRS, tier.tier).toBeGreaterThan(0)
  })
})
