/** Cost options and their defaults, light enough for the commands' flag definitions (docs/cost.md). */
import {HvplanError} from '../errors.js'
import {type Redundancy, REDUNDANCIES} from '../prices/priceSheet.js'

export interface CostPlanOptions {
  readonly region?: string
  readonly currency?: string
  readonly drillsPerYear: number
  readonly drillDays: number
  readonly hybridBenefit: boolean
  readonly redundancy: Redundancy
  readonly discountPercent: number
  /** Recovery points kept, days (snapshot storage). */
  readonly retentionDays: number
  readonly network: 'expressroute' | 'vpn' | 'none'
  /** A plan by name instead of the cheapest that covers the bandwidth. */
  readonly networkPlan?: string
  /** VMs (globs) that run Linux; the others are priced as Windows. */
  readonly linuxVms: readonly string[]
  /** CSV of VMs that were not profiled: Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay. */
  readonly extraVmsFile?: string
}

export const DEFAULT_COST_OPTIONS: CostPlanOptions = {drillsPerYear: 4, drillDays: 7, hybridBenefit: true, redundancy: 'LRS', discountPercent: 0, retentionDays: 1, network: 'expressroute', linuxVms: []}

export function parseRedundancy(text: string): Redundancy {
  const r = text.toUpperCase() as Redundancy
  if (!(REDUNDANCIES as readonly string[]).includes(r)) throw new HvplanError('E_FLAG', `must be one of ${REDUNDANCIES.join(', ')}, got ${JSON.stringify(text)}`, {flag: 'redundancy'})
  return r
}
