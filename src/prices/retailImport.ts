/**
 * Azure Retail Prices API pages (JSON saved on a connected machine: `{"Items": [...]}` or a list
 * of items) into a price sheet, one market per region and currency. Only pay-as-you-go
 * ("Consumption") items are used; each item is mapped by service, product, meter and unit
 * (docs/cost.md lists the rules) or reported as not mapped, grouped, with counts.
 */
import {readFileSync} from 'node:fs'
import {HvplanError} from '../errors.js'
import {type BillingZone, zoneOfPriceItem, zoneOfRegion} from './billingZones.js'
import {type NetworkPlan, PRICE_SHEET_SCHEMA, type PriceSheet, type Redundancy} from './priceSheet.js'
import {count, firstFew} from '../text.js'

export interface RetailItem {
  readonly armRegionName?: string
  readonly serviceName?: string
  readonly productName?: string
  readonly skuName?: string
  readonly armSkuName?: string
  readonly meterName?: string
  readonly unitPrice?: number
  readonly unitOfMeasure?: string
  readonly currencyCode?: string
  readonly type?: string
  readonly effectiveStartDate?: string
  /** Last day the price applies (present on prices being retired). */
  readonly effectiveEndDate?: string
}

export interface ImportReport {
  readonly sheet: PriceSheet
  readonly items: number
  readonly mapped: Readonly<Record<string, number>>
  /** Items of other price types (reservations, dev/test) and spot or low-priority VMs, not used. */
  readonly skipped: Readonly<Record<string, number>>
  /** Consumption items no rule maps: service / product / meter (unit), with counts, most first. */
  readonly unmapped: ReadonlyArray<{readonly meter: string; readonly count: number}>
}

/** Hours in a month for hourly gateway prices (Azure's pricing convention). */
export const HOURS_PER_MONTH = 730

/** VPN gateway SKUs' aggregate bandwidth, Mbps (Microsoft's gateway SKU table). */
export const VPN_GATEWAY_MBPS: Readonly<Record<string, number>> = {Basic: 100, VpnGw1: 650, VpnGw2: 1000, VpnGw3: 1250, VpnGw4: 5000, VpnGw5: 10000}

interface MarketDraft {
  region: string
  currency: string
  vmHourly: Record<string, {linux?: number; windows?: number}>
  managedDiskMonthly: Record<string, Partial<Record<Redundancy, number>>>
  storagePerGBMonth: Partial<Record<Redundancy, number>>
  transactionsPer10k: Partial<Record<Redundancy, number>>
  snapshotPerGBMonth: Partial<Record<Redundancy, number>>
  asrLicensePerInstanceMonth?: number
  expressRoute: NetworkPlan[]
  vpnGateway: NetworkPlan[]
}

export function readRetailPages(files: readonly string[]): Array<{file: string; items: RetailItem[]}> {
  return files.map((file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      const message = (error as Error).message
      const position = Number(/position (\d+)/.exec(message)?.[1])
      const before = Number.isFinite(position) ? text.slice(0, position) : ''
      const line = Number.isFinite(position) ? before.split('\n').length : undefined
      const column = Number.isFinite(position) ? position - before.lastIndexOf('\n') : undefined
      throw new HvplanError('E_INPUT_FORMAT', `expected a JSON page of the Azure Retail Prices API (${message})`, {file, line, column})
    }
    const items = Array.isArray(parsed) ? parsed : (parsed as {Items?: unknown})?.Items
    if (!Array.isArray(items)) throw new HvplanError('E_INPUT_FORMAT', 'expected an Azure Retail Prices API page: an object with "Items": [...] (or a list of items)', {file})
    return {file, items: items as RetailItem[]}
  })
}

const REDUNDANCY = /\b(RA-GRS|GRS|ZRS|LRS)\b/

export function importRetailPrices(pages: ReadonlyArray<{file: string; items: readonly RetailItem[]}>, today: string): ImportReport {
  const markets = new Map<string, MarketDraft>()
  const mapped: Record<string, number> = {}
  const skipped: Record<string, number> = {}
  const unmapped = new Map<string, number>()
  let items = 0
  const market = (item: RetailItem): MarketDraft => {
    const region = (item.armRegionName ?? '').toLowerCase()
    const currency = (item.currencyCode ?? '').toUpperCase()
    const key = `${region}/${currency}`
    let m = markets.get(key)
    if (!m) {
      m = {region, currency, vmHourly: {}, managedDiskMonthly: {}, storagePerGBMonth: {}, transactionsPer10k: {}, snapshotPerGBMonth: {}, expressRoute: [], vpnGateway: []}
      markets.set(key, m)
    }
    return m
  }
  const note = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1)
  const zonePlans: Array<{zone: BillingZone; currency: string; plan: NetworkPlan}> = []

  for (const page of pages) {
    for (const item of page.items) {
      items++
      const price = item.unitPrice
      if (item.type !== undefined && item.type !== 'Consumption') {
        note(skipped, `${item.type} prices`)
        continue
      }
      // A price that no longer applies on the sheet's date is not a price to plan with.
      if (item.effectiveEndDate && item.effectiveEndDate.slice(0, 10) < today) {
        note(skipped, `expired prices (effective end before ${today})`)
        continue
      }
      if (typeof price !== 'number' || !Number.isFinite(price) || price < 0 || !item.armRegionName || !item.currencyCode) {
        note(skipped, 'items without a region, currency or price')
        continue
      }
      // A price per billing zone ("Zone 1", "US Gov Zone 1"), not per region: an ExpressRoute
      // plan goes to every region of its zone once all regions are known; others are not used.
      const zone = zoneOfPriceItem(item.armRegionName)
      if (zone) {
        const plan = item.serviceName === 'ExpressRoute' && item.unitOfMeasure === '1/Month' ? expressRoutePlan(item, price) : undefined
        if (plan) zonePlans.push({zone, currency: item.currencyCode.toUpperCase(), plan})
        else note(skipped, 'prices per billing zone other than ExpressRoute plans')
        continue
      }
      const service = item.serviceName ?? ''
      const product = item.productName ?? ''
      const meter = item.meterName ?? ''
      const sku = item.skuName ?? ''
      const unit = item.unitOfMeasure ?? ''
      const redundancy = (REDUNDANCY.exec(meter)?.[1] ?? REDUNDANCY.exec(sku)?.[1]) as Redundancy | undefined
      const m = () => market(item)
      if (service === 'Virtual Machines' && unit === '1 Hour' && item.armSkuName) {
        if (/spot|low priority/i.test(`${sku} ${meter}`)) {
          note(skipped, 'spot and low-priority VM prices')
          continue
        }
        const os = /windows/i.test(product) ? 'windows' : 'linux'
        const entry = (m().vmHourly[item.armSkuName] ??= {})
        entry[os] = price
        note(mapped, 'VM hourly prices')
        continue
      }
      if (service === 'Storage' && unit === '1/Month' && /Managed Disks/i.test(product)) {
        const disk = /^([PSE]\d+) (LRS|ZRS) Disk$/.exec(meter)
        if (disk) {
          ;(m().managedDiskMonthly[disk[1]] ??= {})[disk[2] as Redundancy] = price
          note(mapped, 'managed-disk tiers')
          continue
        }
      }
      if (service === 'Storage' && /GB\/Month/i.test(unit) && /Snapshots?$/i.test(meter) && !/premium/i.test(`${product} ${meter}`) && redundancy) {
        m().snapshotPerGBMonth[redundancy] = price
        note(mapped, 'snapshot storage per GB')
        continue
      }
      if (service === 'Storage' && /Page Blob/i.test(product) && redundancy) {
        if (/GB\/Month/i.test(unit) && /Data Stored$/i.test(meter)) {
          m().storagePerGBMonth[redundancy] ??= price
          note(mapped, 'storage per GB')
          continue
        }
        if (unit === '10K' && /Write Operations$/i.test(meter)) {
          m().transactionsPer10k[redundancy] ??= price
          note(mapped, 'storage transactions')
          continue
        }
      }
      if (/Site Recovery/i.test(service) && unit === '1/Month' && /to Azure/i.test(meter)) {
        // Tiered meters price the first days of an instance at 0: the license is the highest tier.
        const current = m().asrLicensePerInstanceMonth
        m().asrLicensePerInstanceMonth = current === undefined ? price : Math.max(current, price)
        note(mapped, 'ASR license')
        continue
      }
      if (service === 'ExpressRoute' && unit === '1/Month') {
        const plan = expressRoutePlan(item, price)
        if (plan) {
          m().expressRoute.push(plan)
          note(mapped, 'ExpressRoute plans')
          continue
        }
      }
      if (service === 'VPN Gateway' && unit === '1 Hour') {
        // The gateway's own meter is named after its SKU; connection meters share the SKU name.
        const gw = /^(Basic|VpnGw[1-5])(AZ)?$/.exec(meter)
        if (gw) {
          m().vpnGateway.push({plan: `VPN Gateway ${gw[0]}`, mbps: VPN_GATEWAY_MBPS[gw[1]], monthly: Math.round(price * HOURS_PER_MONTH * 100) / 100})
          note(mapped, 'VPN gateway SKUs')
          continue
        }
      }
      const key = `${service || '?'} / ${product || '?'} / ${meter || '?'} (${unit || '?'})`
      unmapped.set(key, (unmapped.get(key) ?? 0) + 1)
    }
  }
  for (const {zone, currency, plan} of zonePlans) {
    const regions = [...markets.values()].filter((m) => m.currency === currency && zoneOfRegion(m.region) === zone)
    for (const m of regions) m.expressRoute.push(plan)
    note(mapped, regions.length ? `ExpressRoute plans priced per billing zone (${zone}: ${count(regions.length, 'region')})` : `ExpressRoute plans priced per billing zone (${zone}: no region of it in the sheet)`)
  }
  const byName = (a: NetworkPlan, b: NetworkPlan) => a.mbps - b.mbps || a.monthly - b.monthly
  const dedupe = (plans: NetworkPlan[]) => plans.filter((p, k) => plans.findIndex((q) => q.plan === p.plan) === k).sort(byName)
  const sheet: PriceSheet = {
    schema: PRICE_SHEET_SCHEMA,
    label: `Azure Retail Prices (pay-as-you-go list prices) imported by hvplan from ${count(pages.length, 'file')}: ${pages.map((p) => p.file).join(', ')}`,
    date: today,
    source: 'Azure Retail Prices API (https://prices.azure.com/api/retail/prices)',
    markets: [...markets.values()]
      .sort((a, b) => a.region.localeCompare(b.region) || a.currency.localeCompare(b.currency))
      .map((m) => ({...m, expressRoute: dedupe(m.expressRoute), vpnGateway: dedupe(m.vpnGateway)})),
  }
  return {sheet, items, mapped, skipped, unmapped: [...unmapped.entries()].map(([meter, n]) => ({meter, count: n})).sort((a, b) => b.count - a.count || a.meter.localeCompare(b.meter))}
}

/** An ExpressRoute circuit's monthly plan, when its meter or SKU names a bandwidth ("50 Mbps", "10 Gbps"). */
function expressRoutePlan(item: RetailItem, price: number): NetworkPlan | undefined {
  const meter = item.meterName ?? ''
  const bw = /(\d+(?:\.\d+)?)\s*(Mbps|Gbps)/i.exec(`${meter} ${item.skuName ?? ''}`)
  if (!bw) return undefined
  const mbps = Number(bw[1]) * (bw[2].toLowerCase() === 'gbps' ? 1000 : 1)
  return {plan: /expressroute/i.test(meter) ? meter : `ExpressRoute ${meter}`, mbps, monthly: price}
}

/** One line per kind of price the sheet lacks, with the markets that lack it (not one line per market). */
export function missingPriceWarnings(sheet: PriceSheet): string[] {
  const noLicense = sheet.markets.filter((m) => m.asrLicensePerInstanceMonth === undefined).map((m) => `${m.region}/${m.currency}`)
  return noLicense.length ? [`no ASR license price in ${noLicense.length} of ${sheet.markets.length} markets (${firstFew(noLicense, 3)}): import the Azure Site Recovery prices or add asrLicensePerInstanceMonth`] : []
}
