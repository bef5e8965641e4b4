/** The Retail Prices importer on hand-written API pages: several currencies and regions, unknown meters. */
import {runCommand} from '@oclif/test'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {checkPriceSheet} from '../../src/prices/priceSheet.js'
import {importRetailPrices, type ImportReport, readRetailPages} from '../../src/prices/retailImport.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const we = {armRegionName: 'westeurope', currencyCode: 'USD', type: 'Consumption'}
const usd = [
  {...we, serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series Windows', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 0.199, unitOfMeasure: '1 Hour'},
  {...we, serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 0.107, unitOfMeasure: '1 Hour'},
  {...we, serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series', skuName: 'D2s v3 Spot', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3 Spot', unitPrice: 0.02, unitOfMeasure: '1 Hour'},
  {...we, type: 'Reservation', serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 560, unitOfMeasure: '1 Hour'},
  {...we, type: 'DevTestConsumption', serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series Windows', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 0.107, unitOfMeasure: '1 Hour'},
  {...we, serviceName: 'Storage', productName: 'Premium SSD Managed Disks', skuName: 'P10 LRS', meterName: 'P10 LRS Disk', unitPrice: 22.27, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'Storage', productName: 'Premium SSD Managed Disks', skuName: 'P10 ZRS', meterName: 'P10 ZRS Disk', unitPrice: 33.41, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'Storage', productName: 'Premium SSD Managed Disks', skuName: 'P10 LRS', meterName: 'P10 LRS Disk Mount', unitPrice: 1.5, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'Storage', productName: 'Standard Page Blob', skuName: 'Standard LRS', meterName: 'LRS Data Stored', unitPrice: 0.045, unitOfMeasure: '1 GB/Month'},
  {...we, serviceName: 'Storage', productName: 'Standard Page Blob', skuName: 'Standard GRS', meterName: 'GRS Data Stored', unitPrice: 0.09, unitOfMeasure: '1 GB/Month'},
  {...we, serviceName: 'Storage', productName: 'Standard Page Blob', skuName: 'Standard LRS', meterName: 'Write Operations', unitPrice: 0.0005, unitOfMeasure: '10K'},
  {...we, serviceName: 'Storage', productName: 'Standard HDD Managed Disks', skuName: 'Snapshots LRS', meterName: 'LRS Snapshots', unitPrice: 0.05, unitOfMeasure: '1 GB/Month'},
  {...we, serviceName: 'Storage', productName: 'Premium SSD Managed Disks', skuName: 'Snapshots LRS', meterName: 'Premium LRS Snapshots', unitPrice: 0.132, unitOfMeasure: '1 GB/Month'},
  {...we, serviceName: 'Azure Site Recovery', productName: 'Azure Site Recovery', skuName: 'Standard', meterName: 'VM Replicated to Azure', unitPrice: 0, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'Azure Site Recovery', productName: 'Azure Site Recovery', skuName: 'Standard', meterName: 'VM Replicated to Azure', unitPrice: 25, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'Azure Site Recovery', productName: 'Azure Site Recovery', skuName: 'Standard', meterName: 'VM Replicated to System Center', unitPrice: 16, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'ExpressRoute', productName: 'ExpressRoute', skuName: 'Standard Metered Data', meterName: 'Standard Metered Data 50 Mbps Circuit', unitPrice: 55, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'ExpressRoute', productName: 'ExpressRoute', skuName: 'Standard Metered Data', meterName: 'Standard Metered Data 1 Gbps Circuit', unitPrice: 2750, unitOfMeasure: '1/Month'},
  {...we, serviceName: 'ExpressRoute', productName: 'ExpressRoute', skuName: 'Standard Metered Data', meterName: 'Standard Data Transfer Out', unitPrice: 0.025, unitOfMeasure: '1 GB'},
  {...we, serviceName: 'VPN Gateway', productName: 'VPN Gateway', skuName: 'VpnGw1', meterName: 'VpnGw1', unitPrice: 0.19, unitOfMeasure: '1 Hour'},
  {...we, serviceName: 'VPN Gateway', productName: 'VPN Gateway', skuName: 'VpnGw1', meterName: 'S2S Connection', unitPrice: 0.015, unitOfMeasure: '1 Hour'},
  {...we, serviceName: 'Azure Bastion', productName: 'Azure Bastion', skuName: 'Basic', meterName: 'Basic Gateway', unitPrice: 0.19, unitOfMeasure: '1 Hour'},
]
const eur = [
  {armRegionName: 'westeurope', currencyCode: 'EUR', type: 'Consumption', serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series Windows', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 0.184, unitOfMeasure: '1 Hour'},
  {armRegionName: 'westeurope', currencyCode: 'EUR', type: 'Consumption', serviceName: 'Azure Site Recovery', productName: 'Azure Site Recovery', skuName: 'Standard', meterName: 'VM Replicated to Azure', unitPrice: 23.1, unitOfMeasure: '1/Month'},
]
const north = [{armRegionName: 'northeurope', currencyCode: 'USD', type: 'Consumption', serviceName: 'Virtual Machines', productName: 'Virtual Machines DSv3 Series', skuName: 'D2s v3', armSkuName: 'Standard_D2s_v3', meterName: 'D2s v3', unitPrice: 0.1, unitOfMeasure: '1 Hour'}]
let files: string[]
let report: ImportReport

beforeAll(() => {
  files = [join(tmp, 'usd.json'), join(tmp, 'eur.json'), join(tmp, 'north.json')]
  writeFileSync(files[0], JSON.stringify({BillingCurrency: 'USD', Items: usd, NextPageLink: null, Count: usd.length}))
  writeFileSync(files[1], JSON.stringify({BillingCurrency: 'EUR', Items: eur, Count: eur.length}))
  writeFileSync(files[2], JSON.stringify(north)) // a bare list of items works too
  report = importRetailPrices(readRetailPages(files), '2026-11-30')
})

describe('importRetailPrices', () => {
  it('makes one market per region and currency', () => {
    expect(report.sheet.markets.map((m) => `${m.region}/${m.currency}`)).toEqual(['northeurope/USD', 'westeurope/EUR', 'westeurope/USD'])
    expect(report.items).toBe(usd.length + eur.length + north.length)
    expect(report.sheet.date).toBe('2026-11-30')
  })

  it('maps pay-as-you-go VM, disk, storage, snapshot, license and network prices', () => {
    const m = report.sheet.markets.find((x) => x.region === 'westeurope' && x.currency === 'USD')!
    expect(m.vmHourly).toEqual({Standard_D2s_v3: {windows: 0.199, linux: 0.107}})
    expect(m.managedDiskMonthly).toEqual({P10: {LRS: 22.27, ZRS: 33.41}})
    expect(m.storagePerGBMonth).toEqual({LRS: 0.045, GRS: 0.09})
    expect(m.transactionsPer10k).toEqual({LRS: 0.0005})
    expect(m.snapshotPerGBMonth).toEqual({LRS: 0.05})
    expect(m.asrLicensePerInstanceMonth).toBe(25) // the priced tier, not the free first days
    expect(m.expressRoute).toEqual([
      {plan: 'ExpressRoute Standard Metered Data 50 Mbps Circuit', mbps: 50, monthly: 55},
      {plan: 'ExpressRoute Standard Metered Data 1 Gbps Circuit', mbps: 1000, monthly: 2750},
    ])
    expect(m.vpnGateway).toEqual([{plan: 'VPN Gateway VpnGw1', mbps: 650, monthly: 138.7}]) // 0.19 × 730 h
    const e = report.sheet.markets.find((x) => x.currency === 'EUR')!
    expect([e.vmHourly.Standard_D2s_v3, e.asrLicensePerInstanceMonth]).toEqual([{windows: 0.184}, 23.1])
  })

  it('skips other price types and spot VMs, and reports every meter it could not map', () => {
    expect(report.skipped).toEqual({'Reservation prices': 1, 'DevTestConsumption prices': 1, 'spot and low-priority VM prices': 1})
    expect(report.unmapped).toEqual([
      {meter: 'Azure Bastion / Azure Bastion / Basic Gateway (1 Hour)', count: 1},
      {meter: 'Azure Site Recovery / Azure Site Recovery / VM Replicated to System Center (1/Month)', count: 1},
      {meter: 'ExpressRoute / ExpressRoute / Standard Data Transfer Out (1 GB)', count: 1},
      {meter: 'Storage / Premium SSD Managed Disks / P10 LRS Disk Mount (1/Month)', count: 1},
      {meter: 'Storage / Premium SSD Managed Disks / Premium LRS Snapshots (1 GB/Month)', count: 1},
      {meter: 'VPN Gateway / VPN Gateway / S2S Connection (1 Hour)', count: 1},
    ])
    const total = Object.values(report.mapped).reduce((a, b) => a + b, 0) + Object.values(report.skipped).reduce((a, b) => a + b, 0) + report.unmapped.length
    expect(total).toBe(report.items)
  })

  it('writes a sheet that loads', () => {
    expect(() => checkPriceSheet(JSON.parse(JSON.stringify(report.sheet)), 'x.json')).not.toThrow()
  })
})

describe('prices per billing zone', () => {
  it('an ExpressRoute plan priced for "Zone 1" or "US Gov Zone 1" lands in every region of that zone and currency, never as a market of its own', () => {
    const region = (armRegionName: string, currencyCode = 'USD') => ({armRegionName, currencyCode, type: 'Consumption', serviceName: 'Azure Site Recovery', productName: 'Azure Site Recovery', skuName: 'Standard', meterName: 'VM Replicated to Azure', unitPrice: 25, unitOfMeasure: '1/Month'})
    const zonePlan = (armRegionName: string, meterName: string, unitPrice: number) => ({armRegionName, currencyCode: 'USD', type: 'Consumption', serviceName: 'ExpressRoute', productName: 'ExpressRoute', skuName: 'Standard Metered Data', meterName, unitPrice, unitOfMeasure: '1/Month'})
    const report = importRetailPrices(
      [{file: 'zones.json', items: [
        region('eastus'), region('westeurope'), region('japaneast'), region('brazilsouth'), region('usgovvirginia'), region('westeurope', 'EUR'),
        zonePlan('Zone 1', 'Standard Metered Data 200 Mbps Circuit', 575),
        zonePlan('Zone 2', 'Standard Metered Data 200 Mbps Circuit', 690),
        zonePlan('US Gov Zone 1', 'Premium Unlimited Data 10 Gbps Circuit', 20000),
        {...zonePlan('Zone 1', 'Standard Data Transfer Out', 0.025), unitOfMeasure: '1 GB'},
      ]}],
      '2026-12-01',
    )
    const plans = (key: string) => report.sheet.markets.find((m) => `${m.region}/${m.currency}` === key)?.expressRoute.map((p) => `${p.plan} ${p.monthly}`)
    expect(report.sheet.markets.map((m) => `${m.region}/${m.currency}`)).toEqual(['brazilsouth/USD', 'eastus/USD', 'japaneast/USD', 'usgovvirginia/USD', 'westeurope/EUR', 'westeurope/USD'])
    expect(plans('eastus/USD')).toEqual(['ExpressRoute Standard Metered Data 200 Mbps Circuit 575'])
    expect(plans('westeurope/USD')).toEqual(['ExpressRoute Standard Metered Data 200 Mbps Circuit 575'])
    expect(plans('japaneast/USD')).toEqual(['ExpressRoute Standard Metered Data 200 Mbps Circuit 690'])
    expect(plans('usgovvirginia/USD')).toEqual(['ExpressRoute Premium Unlimited Data 10 Gbps Circuit 20000'])
    expect(plans('brazilsouth/USD')).toEqual([]) // Zone 3: no plan in these pages
    expect(plans('westeurope/EUR')).toEqual([]) // a USD price is not a EUR one
    expect(report.mapped).toMatchObject({'ExpressRoute plans priced per billing zone (Zone 1: 2 regions)': 1, 'ExpressRoute plans priced per billing zone (Zone 2: 1 region)': 1, 'ExpressRoute plans priced per billing zone (US Gov Zone 1: 1 region)': 1})
    expect(report.skipped['prices per billing zone other than ExpressRoute plans']).toBe(1)
  })
})

describe('hvplan prices import', () => {
  it('writes the sheet, lists what it could not map, and keeps an existing file without --force', async () => {
    const out = join(tmp, 'prices.json')
    const {stdout, error} = await runCommand(['prices', 'import', ...files, '--out', out], {root})
    expect(error).toBeUndefined()
    expect(stdout).toContain(`Read ${report.items} items from 3 files; wrote ${out} with northeurope/USD, westeurope/EUR, westeurope/USD.`)
    expect(stdout).toContain('Azure Bastion / Azure Bastion / Basic Gateway (1 Hour)')
    expect(JSON.parse(readFileSync(out, 'utf8')).markets).toHaveLength(3)
    writeFileSync(out, 'mine')
    expect((await runCommand(['prices', 'import', ...files, '--out', out], {root})).error?.message).toContain('already exists')
    expect(readFileSync(out, 'utf8')).toBe('mine')
  })

  it('names the file, line and column of a page that is not JSON', async () => {
    const bad = join(tmp, 'bad.json')
    writeFileSync(bad, '{"Items": [\n  {"unitPrice": 1,}\n]}')
    const {error} = await runCommand(['prices', 'import', bad, '--out', join(tmp, 'p2.json')], {root})
    expect(error?.message).toMatch(/^expected a JSON page of the Azure Retail Prices API \(.*\), at .*bad\.json:2:19$/)
  })
})
