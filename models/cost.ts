/**
 * Disaster-recovery cost (spec §4.8): per VM row and for the site, by component (compute,
 * storage, network, ASR license) and by state (replication, DR drill), per month and per year.
 * Pure arithmetic over prices already picked from a price sheet; the workbook's Cost Estimation
 * sheet writes the same formulas as live Excel formulas (docs/cost.md).
 *
 *   drill compute / month = count × hourly × 24 × drills per year × drill days ÷ 12
 *   drill storage / month = count × replication storage per VM × drills × drill days ÷ 365
 *   replication storage / month = count × replication storage per VM
 *   license / month = count × license per instance (once per protected instance)
 *   network / month = the plan's monthly price (one per site)
 *   every component × (1 − discount %)
 *
 * hourly: the Linux (base) rate for Linux VMs and for Windows VMs under Azure Hybrid Benefit,
 * else the Windows rate. A price the sheet lacks is null, never 0: that row's component is null
 * and left out of the totals, which count the rows left out.
 */

export type OsType = 'windows' | 'linux'

export interface CostRowInput {
  readonly name: string
  readonly count: number
  readonly os: OsType
  /** Hourly VM prices for the row's size, null when the sheet has none. */
  readonly hourlyWindows: number | null
  readonly hourlyLinux: number | null
  /** Replication storage per VM per month (disks, recovery-point snapshots, transactions); null when unpriced. */
  readonly replicationStoragePerVmMonthly: number | null
}

export interface CostOptions {
  readonly drillsPerYear: number
  readonly drillDays: number
  readonly hybridBenefit: boolean
  readonly discountPercent: number
  readonly licensePerInstanceMonthly: number
  /** The network plan's monthly price; null when no plan is priced or none is wanted. */
  readonly networkMonthly: number | null
}

export interface CostRow {
  readonly name: string
  readonly count: number
  /** The hourly rate used for drills (after Hybrid Benefit). */
  readonly hourly: number | null
  readonly replicationStorage: number | null
  readonly drillCompute: number | null
  readonly drillStorage: number | null
  readonly license: number
  /** Σ of the row's components; null when any is null. */
  readonly total: number | null
}

export interface CostTotals {
  readonly compute: number
  readonly replicationStorage: number
  readonly drillStorage: number
  readonly storage: number
  readonly network: number
  readonly license: number
  /** By state: replication = replication storage + network + license; DR drill = compute + drill storage. */
  readonly replication: number
  readonly drill: number
  readonly monthly: number
  readonly yearly: number
  /** Rows with a component left out for want of a price. */
  readonly rowsMissingPrices: number
}

export interface CostEstimate {
  readonly rows: readonly CostRow[]
  readonly totals: CostTotals
}

/** Linux VMs, and Windows VMs under Azure Hybrid Benefit, are priced at the base (Linux) rate. */
export function usesBaseRate(os: OsType, hybridBenefit: boolean): boolean {
  return os === 'linux' || hybridBenefit
}

export function drillHourly(os: OsType, hybridBenefit: boolean, hourlyWindows: number | null, hourlyLinux: number | null): number | null {
  return usesBaseRate(os, hybridBenefit) ? hourlyLinux : hourlyWindows
}

export function costEstimate(inputs: readonly CostRowInput[], o: CostOptions): CostEstimate {
  const f = 1 - o.discountPercent / 100
  const rows = inputs.map((r): CostRow => {
    const hourly = drillHourly(r.os, o.hybridBenefit, r.hourlyWindows, r.hourlyLinux)
    const storage = r.replicationStoragePerVmMonthly
    const drillCompute = hourly === null ? null : ((r.count * hourly * 24 * o.drillsPerYear * o.drillDays) / 12) * f
    const drillStorage = storage === null ? null : ((r.count * storage * o.drillsPerYear * o.drillDays) / 365) * f
    const replicationStorage = storage === null ? null : r.count * storage * f
    const license = r.count * o.licensePerInstanceMonthly * f
    const parts = [replicationStorage, drillCompute, drillStorage, license]
    return {name: r.name, count: r.count, hourly, replicationStorage, drillCompute, drillStorage, license, total: parts.some((p) => p === null) ? null : parts.reduce((a: number, b) => a + b!, 0)}
  })
  const sum = (pick: (r: CostRow) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0)
  const compute = sum((r) => r.drillCompute)
  const replicationStorage = sum((r) => r.replicationStorage)
  const drillStorage = sum((r) => r.drillStorage)
  const license = sum((r) => r.license)
  const network = (o.networkMonthly ?? 0) * f
  const monthly = compute + replicationStorage + drillStorage + network + license
  return {
    rows,
    totals: {
      compute,
      replicationStorage,
      drillStorage,
      storage: replicationStorage + drillStorage,
      network,
      license,
      replication: replicationStorage + network + license,
      drill: compute + drillStorage,
      monthly,
      yearly: monthly * 12,
      rowsMissingPrices: rows.filter((r) => r.total === null).length,
    },
  }
}

/** The cheapest plan whose bandwidth covers the need; undefined when none does. */
export function cheapestCoveringPlan<T extends {readonly mbps: number; readonly monthly: number}>(plans: readonly T[], requiredMbps: number): T | undefined {
  return plans.filter((p) => p.mbps >= requiredMbps).sort((a, b) => a.monthly - b.monthly || a.mbps - b.mbps)[0]
}

/** The monthly total with a network plan in place of the one priced: the rest of the estimate plus the plan after the discount. */
export function monthlyWithNetworkPlan(monthlyWithoutNetwork: number, planMonthly: number | null, discountPercent: number): number {
  return monthlyWithoutNetwork + (planMonthly ?? 0) * (1 - discountPercent / 100)
}
