/**
 * The cost plan: the protected VMs of the protection plan (plus manual rows for VMs that were not
 * profiled) priced from one market of a price sheet, then models/cost.ts. Every price used is kept
 * in the result, so the workbook can show it and recompute with live formulas.
 *
 * Replication storage per VM and month = its disks (standard: provisioned GB × storage price per
 * GB-month at the chosen redundancy; premium: each disk's tier price, LRS or ZRS only) + recovery-
 * point snapshots (daily churn with growth × retention days × snapshot price per GB-month) +
 * write transactions (monthly churn uploaded in 4 MiB blocks, per 10,000).
 */
import {readFileSync} from 'node:fs'
import {parse} from 'csv-parse/sync'
import {cheapestCoveringPlan, type CostEstimate, costEstimate, type CostRow, drillHourly, monthlyWithNetworkPlan, type OsType, usesBaseRate} from '../../models/cost.js'
import {tierBySize} from '../../models/azureStorage.js'
import {HvplanError} from '../errors.js'
import {type HvplanUnit, parseQuantity} from '../units.js'
import {globToRegExp} from '../ingest/mapping.js'
import type {PremiumTier} from '../limits.js'
import {type LoadedPriceSheet, type NetworkPlan, type PriceMarket, selectMarket} from '../prices/priceSheet.js'
import type {CostPlanOptions} from './costOptions.js'
import type {ProtectionPlan} from './protectionPlan.js'

export type {CostPlanOptions} from './costOptions.js'

export interface CostPlanRow extends CostRow {
  readonly os: OsType
  readonly azureSize: string | null
  readonly storage: 'standard' | 'premium'
  readonly storageGB: number
  readonly churnGBPerDay: number
  /** Entered by hand (--extra-vms), not profiled. */
  readonly manual: boolean
  readonly hourlyWindows: number | null
  readonly hourlyLinux: number | null
  readonly diskStorageMonthly: number | null
  readonly snapshotMonthly: number | null
  readonly transactionsMonthly: number | null
  readonly replicationStoragePerVmMonthly: number | null
  /** Prices the sheet lacks for this row. */
  readonly missingPrices: readonly string[]
}

export interface CostPlan {
  readonly priceSheet: {readonly label: string; readonly date: string; readonly file: string; readonly example: boolean; readonly region: string; readonly currency: string}
  readonly options: Omit<CostPlanOptions, 'region' | 'currency' | 'extraVmsFile'> & {readonly licensePerInstanceMonthly: number; readonly extraVmsFile: string | null}
  readonly network: {readonly kind: CostPlanOptions['network']; readonly requiredMbps: number; readonly plan: string | null; readonly mbps: number | null; readonly monthlyPrice: number | null; readonly note: string}
  readonly rows: readonly CostPlanRow[]
  readonly totals: CostEstimate['totals']
  /** The monthly and yearly total with the network plan each RPO's bandwidth needs (the planned bandwidth, when given, for all). */
  readonly byRpo: ReadonlyArray<{readonly rpoMinutes: number; readonly requiredMbps: number; readonly networkPlan: string | null; readonly monthly: number; readonly yearly: number}>
  /**
   * What another bandwidth's network plan and monthly total would be (the interactive page's
   * slider): the plans chosen from (the cheapest covering one is taken, or the one forced), and
   * the monthly total without network, to which the plan is added after the discount.
   */
  readonly networkChoice: {readonly plans: ReadonlyArray<{readonly plan: string; readonly mbps: number; readonly monthly: number}>; readonly forced: boolean; readonly monthlyWithoutNetwork: number; readonly discountPercent: number}
  readonly warnings: readonly string[]
}

const BLOCK_MIB = 4
const DAYS_PER_MONTH = 365 / 12

interface RowFacts {
  name: string
  count: number
  os: OsType
  azureSize: string | undefined
  storage: 'standard' | 'premium'
  storageGB: number
  churnGBPerDay: number
  premiumTiers: ReadonlyArray<string | undefined>
  manual: boolean
}

export function planCost(
  input: {protection: ProtectionPlan; churnGBPerDay: ReadonlyMap<string, number>; requiredMbps: number; rpoBandwidths: ReadonlyArray<{rpoMinutes: number; requiredMbps: number}>; premiumTiers: readonly PremiumTier[]},
  sheet: LoadedPriceSheet,
  o: CostPlanOptions,
): CostPlan {
  const market = selectMarket(sheet, o.region, o.currency)
  const linux = o.linuxVms.map(globToRegExp)
  const facts: RowFacts[] = input.protection.vms
    .filter((v) => v.protect)
    .map((v) => ({
      name: v.vm,
      count: 1,
      os: linux.some((r) => r.test(v.vm)) ? 'linux' : 'windows',
      azureSize: v.azureSize,
      storage: v.storage.storage,
      storageGB: v.vhdGB,
      churnGBPerDay: input.churnGBPerDay.get(v.vm) ?? NaN,
      premiumTiers: v.storage.disks.map((d) => d.byNeed ?? d.bySize),
      manual: false,
    }))
  if (o.extraVmsFile) facts.push(...readExtraVms(o.extraVmsFile, input.premiumTiers))
  const warnings: string[] = []
  if (market.asrLicensePerInstanceMonth === undefined) throw new HvplanError('E_INPUT_FORMAT', `the price sheet has no ASR license price for ${market.region}/${market.currency}: add "asrLicensePerInstanceMonth" or import the Azure Site Recovery prices`, {file: sheet.file})
  const priced = facts.map((f) => priceRow(f, market, o))
  const network = pickNetwork(market, o, input.requiredMbps)
  if (network.plan === null && o.network !== 'none') warnings.push(network.note)
  const estimate = costEstimate(
    priced.map((p) => ({name: p.facts.name, count: p.facts.count, os: p.facts.os, hourlyWindows: p.hourlyWindows, hourlyLinux: p.hourlyLinux, replicationStoragePerVmMonthly: p.replicationStoragePerVmMonthly})),
    {drillsPerYear: o.drillsPerYear, drillDays: o.drillDays, hybridBenefit: o.hybridBenefit, discountPercent: o.discountPercent, licensePerInstanceMonthly: market.asrLicensePerInstanceMonth, networkMonthly: network.monthlyPrice},
  )
  const rows = estimate.rows.map((r, k): CostPlanRow => {
    const p = priced[k]
    return {...r, os: p.facts.os, azureSize: p.facts.azureSize ?? null, storage: p.facts.storage, storageGB: p.facts.storageGB, churnGBPerDay: p.facts.churnGBPerDay, manual: p.facts.manual, hourlyWindows: p.hourlyWindows, hourlyLinux: p.hourlyLinux, diskStorageMonthly: p.disk, snapshotMonthly: p.snapshot, transactionsMonthly: p.transactions, replicationStoragePerVmMonthly: p.replicationStoragePerVmMonthly, missingPrices: p.missing}
  })
  for (const r of rows.filter((x) => x.missingPrices.length)) warnings.push(`${r.name}: no price for ${r.missingPrices.join(', ')} in ${market.region}/${market.currency}; left out of the totals`)
  const {region, currency, extraVmsFile, ...rest} = o // the market and the file are reported apart
  const monthlyWithoutNetwork = estimate.totals.monthly - estimate.totals.network
  const byRpo = input.rpoBandwidths.map((b) => {
    const n = pickNetwork(market, o, b.requiredMbps)
    const monthly = monthlyWithNetworkPlan(monthlyWithoutNetwork, n.monthlyPrice, o.discountPercent)
    return {rpoMinutes: b.rpoMinutes, requiredMbps: b.requiredMbps, networkPlan: n.plan, monthly, yearly: monthly * 12}
  })
  return {
    priceSheet: {label: sheet.label, date: sheet.date, file: sheet.file, example: sheet.example, region: market.region, currency: market.currency},
    options: {...rest, licensePerInstanceMonthly: market.asrLicensePerInstanceMonth, extraVmsFile: extraVmsFile ?? null},
    network,
    rows,
    totals: estimate.totals,
    byRpo,
    networkChoice: {plans: networkPlans(market, o).map((p) => ({plan: p.plan, mbps: p.mbps, monthly: p.monthly})), forced: Boolean(o.networkPlan), monthlyWithoutNetwork, discountPercent: o.discountPercent},
    warnings,
  }
}

/** The plans a bandwidth's network plan is chosen from (pickNetwork, and the page's slider): the one named with --network-plan, else the kind's (none with --network none). */
function networkPlans(market: PriceMarket, o: CostPlanOptions): readonly NetworkPlan[] {
  if (o.network === 'none') return []
  if (o.networkPlan) return [...market.expressRoute, ...market.vpnGateway].filter((p) => p.plan.toLowerCase() === o.networkPlan!.toLowerCase())
  return o.network === 'vpn' ? market.vpnGateway : market.expressRoute
}

function priceRow(f: RowFacts, market: PriceMarket, o: CostPlanOptions) {
  const missing: string[] = []
  const size = f.azureSize === undefined ? undefined : market.vmHourly[f.azureSize]
  if (f.azureSize === undefined) missing.push('an Azure size (the inventory lacks cores or memory)')
  else if (!size) missing.push(`VM size ${f.azureSize}`)
  const hourlyLinux = size?.linux ?? null
  const hourlyWindows = size?.windows ?? null
  if (size && drillHourly(f.os, o.hybridBenefit, hourlyWindows, hourlyLinux) === null) missing.push(`${f.azureSize} ${usesBaseRate(f.os, o.hybridBenefit) ? 'Linux (base)' : 'Windows'} hourly`)
  let disk: number | null = null
  if (f.storage === 'standard') {
    const perGB = market.storagePerGBMonth[o.redundancy]
    if (perGB === undefined) missing.push(`standard storage ${o.redundancy} per GB`)
    else disk = f.storageGB * perGB
  } else {
    // Premium managed disks come as LRS or ZRS; geo-redundancy is not offered for them.
    const redundancy = o.redundancy === 'ZRS' ? 'ZRS' : 'LRS'
    let sum = 0
    for (const tier of f.premiumTiers) {
      const price = tier === undefined ? undefined : market.managedDiskMonthly[tier]?.[redundancy]
      if (price === undefined) missing.push(`premium disk ${tier ?? '(size unknown)'} ${redundancy}`)
      else sum += price
    }
    disk = missing.some((m) => m.startsWith('premium disk')) ? null : sum
  }
  const snapshotPrice = market.snapshotPerGBMonth[o.redundancy]
  const transactionPrice = market.transactionsPer10k[o.redundancy]
  if (snapshotPrice === undefined) missing.push(`snapshots ${o.redundancy} per GB`)
  if (transactionPrice === undefined) missing.push(`transactions ${o.redundancy} per 10,000`)
  const churnKnown = Number.isFinite(f.churnGBPerDay)
  if (!churnKnown) missing.push('the VM’s churn')
  const snapshot = snapshotPrice === undefined || !churnKnown ? null : f.churnGBPerDay * o.retentionDays * snapshotPrice
  const transactions = transactionPrice === undefined || !churnKnown ? null : ((f.churnGBPerDay * DAYS_PER_MONTH * 1024) / BLOCK_MIB / 10_000) * transactionPrice
  const replicationStoragePerVmMonthly = disk === null || snapshot === null || transactions === null ? null : disk + snapshot + transactions
  return {facts: f, hourlyLinux, hourlyWindows, disk, snapshot, transactions, replicationStoragePerVmMonthly, missing}
}

function pickNetwork(market: PriceMarket, o: CostPlanOptions, requiredMbps: number): CostPlan['network'] {
  const none = (note: string) => ({kind: o.network, requiredMbps, plan: null, mbps: null, monthlyPrice: null, note})
  if (o.network === 'none') return none('no network plan priced (--network none)')
  const plans = networkPlans(market, o)
  if (o.networkPlan && plans.length === 0) throw new HvplanError('E_FLAG', `must name a plan of the price sheet (${[...market.expressRoute, ...market.vpnGateway].map((p) => p.plan).join('; ')}), got ${JSON.stringify(o.networkPlan)}`, {flag: 'network-plan'})
  const plan = o.networkPlan ? plans[0] : cheapestCoveringPlan(plans, requiredMbps)
  if (!plan) return none(`no ${o.network === 'vpn' ? 'VPN gateway' : 'ExpressRoute'} plan in the price sheet covers ${requiredMbps.toFixed(1)} Mbps; network cost left out`)
  return {kind: o.network, requiredMbps, plan: plan.plan, mbps: plan.mbps, monthlyPrice: plan.monthly, note: o.networkPlan ? 'chosen with --network-plan' : `the cheapest plan of at least ${requiredMbps.toFixed(1)} Mbps`}
}

const EXTRA_COLUMNS = ['Name', 'Count', 'Size', 'OS', 'Storage', 'StorageGB', 'ChurnGBPerDay']

/** Manual rows for VMs that were not profiled (docs/cost.md). */
export function readExtraVms(file: string, tiers: readonly PremiumTier[]): RowFacts[] {
  let records: string[][]
  try {
    records = parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {skip_empty_lines: true, trim: true, relax_column_count: true})
  } catch (error) {
    throw new HvplanError('E_INPUT_FORMAT', `extra VMs file is not a readable CSV (${(error as Error).message})`, {file})
  }
  const header = records[0] ?? []
  const at = EXTRA_COLUMNS.map((c) => header.findIndex((h) => h.toLowerCase() === c.toLowerCase()))
  const lacking = EXTRA_COLUMNS.filter((_, k) => at[k] === -1)
  if (lacking.length) throw new HvplanError('E_INPUT_FORMAT', `expected the columns ${EXTRA_COLUMNS.join(', ')}; missing ${lacking.join(', ')}`, {file, line: 1})
  return records.slice(1).map((r, k) => {
    const line = k + 2
    const cell = (name: string) => r[at[EXTRA_COLUMNS.indexOf(name)]] ?? ''
    const column = (name: string) => at[EXTRA_COLUMNS.indexOf(name)] + 1
    /** A number ≥ min; in a quantity column (StorageGB, ChurnGBPerDay) also with a unit ("2 TiB", "5 MB/s"). */
    const number = (name: string, min: number, unit?: HvplanUnit) => {
      const v = unit && cell(name) !== '' ? parseQuantity(cell(name), unit, {file, line, column: column(name), field: name}) : Number(cell(name))
      if (cell(name) === '' || !Number.isFinite(v) || v < min) throw new HvplanError('E_INPUT_FORMAT', `${name} must be a number ≥ ${min}${unit ? ` (${unit}, or with a unit)` : ''}, got ${JSON.stringify(cell(name))}`, {file, line, column: column(name)})
      return v
    }
    const os = cell('OS').toLowerCase()
    if (os !== 'windows' && os !== 'linux') throw new HvplanError('E_INPUT_FORMAT', `OS must be Windows or Linux, got ${JSON.stringify(cell('OS'))}`, {file, line, column: column('OS')})
    const storage = cell('Storage').toLowerCase()
    if (storage !== 'standard' && storage !== 'premium') throw new HvplanError('E_INPUT_FORMAT', `Storage must be Standard or Premium, got ${JSON.stringify(cell('Storage'))}`, {file, line, column: column('Storage')})
    const count = number('Count', 1)
    if (!Number.isInteger(count)) throw new HvplanError('E_INPUT_FORMAT', `Count must be a whole number ≥ 1, got ${JSON.stringify(cell('Count'))}`, {file, line, column: column('Count')})
    const storageGB = number('StorageGB', 0, 'GB')
    return {
      name: cell('Name') || `row ${line}`,
      count,
      os,
      azureSize: cell('Size') || undefined,
      storage,
      storageGB,
      churnGBPerDay: number('ChurnGBPerDay', 0, 'GB/day'),
      // A manual premium row is priced as one disk of the smallest tier that holds its storage.
      premiumTiers: storage === 'premium' ? [tierBySize(storageGB, tiers)?.tier] : [],
      manual: true,
    }
  })
}
