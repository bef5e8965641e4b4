/** The cost flags `hvplan report` and `hvplan plan` share, and their normalization (docs/cost.md). */
import {Flags} from '@oclif/core'
import {flagError} from './errors.js'
import {parseQuantity, UNITS} from './units.js'
import {type CostPlanOptions, DEFAULT_COST_OPTIONS, parseRedundancy} from './plan/costOptions.js'
import {type LoadedPriceSheet, loadPriceSheet} from './prices/priceSheet.js'

const d = DEFAULT_COST_OPTIONS

export const costFlags = {
  prices: Flags.string({summary: 'Price sheet (JSON, docs/cost.md; build one with hvplan prices import) [default: the example sheet in data/].'}),
  region: Flags.string({summary: 'Azure region of the price sheet to use, e.g. westeurope (needed when the sheet has several).'}),
  currency: Flags.string({summary: 'Currency of the price sheet to use, e.g. EUR (needed when the sheet has several).'}),
  'drills-per-year': Flags.string({summary: 'DR drills (test failovers) per year.', default: String(d.drillsPerYear)}),
  'drill-days': Flags.string({summary: 'Length of each DR drill, days or with a unit (7, 7d, 36h).', default: String(d.drillDays)}),
  'hybrid-benefit': Flags.boolean({summary: 'Azure Hybrid Benefit for Windows VMs (price them at the base rate).', default: d.hybridBenefit, allowNo: true}),
  redundancy: Flags.string({summary: 'Storage redundancy.', options: ['LRS', 'ZRS', 'GRS', 'RA-GRS'], default: d.redundancy}),
  discount: Flags.string({summary: 'Discount on every component, percent.', default: String(d.discountPercent)}),
  'retention-days': Flags.string({summary: 'Recovery points kept, days or with a unit (snapshot storage).', default: String(d.retentionDays)}),
  network: Flags.string({summary: 'Network priced for replication.', options: ['expressroute', 'vpn', 'none'], default: d.network}),
  'network-plan': Flags.string({summary: 'Network plan by its name in the price sheet [default: the cheapest that covers the bandwidth].'}),
  'linux-vm': Flags.string({summary: 'VMs (glob) that run Linux, priced without Windows licence (repeatable); others are Windows.', multiple: true}),
  'extra-vms': Flags.string({summary: 'CSV of VMs that were not profiled: Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay.'}),
}

export interface CostFlagValues {
  prices?: string
  region?: string
  currency?: string
  'drills-per-year': string
  'drill-days': string
  'hybrid-benefit': boolean
  redundancy: string
  discount: string
  'retention-days': string
  network: string
  'network-plan'?: string
  'linux-vm'?: string[]
  'extra-vms'?: string
}

function numberFlag(flag: string, text: string, expected: string, ok: (v: number) => boolean): number {
  const v = Number(text)
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) throw flagError(flag, expected, text)
  return v
}

/** A duration flag in days that may carry a unit (7, 7d, 168h) and must not be negative. */
function nonNegativeQuantity(flag: string, text: string, unit: 'day'): number {
  const v = parseQuantity(text, unit, {flag})
  if (!(v >= 0) || !Number.isFinite(v)) throw flagError(flag, `a number of days ≥ 0 (or with a unit: ${UNITS[unit].example})`, text)
  return v
}

export function costOptionsFromFlags(flags: CostFlagValues): CostPlanOptions {
  return {
    region: flags.region,
    currency: flags.currency,
    drillsPerYear: numberFlag('drills-per-year', flags['drills-per-year'], 'a whole number of drills ≥ 0', (v) => Number.isInteger(v) && v >= 0),
    drillDays: nonNegativeQuantity('drill-days', flags['drill-days'], 'day'),
    hybridBenefit: flags['hybrid-benefit'],
    redundancy: parseRedundancy(flags.redundancy),
    discountPercent: numberFlag('discount', flags.discount, 'a percentage from 0 to 100', (v) => v >= 0 && v <= 100),
    retentionDays: nonNegativeQuantity('retention-days', flags['retention-days'], 'day'),
    network: flags.network as CostPlanOptions['network'],
    networkPlan: flags['network-plan'],
    linuxVms: flags['linux-vm'] ?? [],
    extraVmsFile: flags['extra-vms'],
  }
}

/** The price sheet (--prices, else the example) and the cost options, as buildReport takes them. */
export function costFromFlags(flags: CostFlagValues): {sheet: LoadedPriceSheet; options: CostPlanOptions} {
  return {sheet: loadPriceSheet(flags.prices), options: costOptionsFromFlags(flags)}
}
