/**
 * The one report document: every figure of the report from one computation, so the JSON, the
 * workbook and the PDF always agree. Writers lay it out and never compute a number.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dailyChurn, hourOfWeekMeans, readEach, sumSeries} from '../../models/churnStats.js'
import {curveBandwidths} from '../../models/whatIf.js'
import {limit, type Limits} from '../limits.js'
import {DEFAULT_SCOPE, type ProtectionScope, type ScopeOptions} from '../plan/assessment.js'
import {disksByVm, type PlanBasis, sumFilled} from '../plan/basis.js'
import {type AfterFixes, afterFixes, type PlanContext, planContext} from '../plan/context.js'
import {type CostPlan, type CostPlanOptions, planCost} from '../plan/costPlan.js'
import {type OutagePlan, planOutage} from '../plan/outagePlan.js'
import type {LoadedPriceSheet} from '../prices/priceSheet.js'
import {planProtection, type ProtectionPlan} from '../plan/protectionPlan.js'
import type {ReplicationOptions} from '../plan/replicationOptions.js'
import {planReplication, type ReplicationPlan, sendToChurnMBps, vmSendSeries} from '../plan/replicationPlan.js'
import {planWhatIf, type WhatIfPoint} from '../plan/whatIfPlan.js'
import {type ProfileSummary, summarizeProfile} from '../profile/summary.js'
import {MODEL_MEASURES, openProfileSeries} from '../store/loadProfile.js'
import type {ProfileStore} from '../store/profileStore.js'
import type {VmCatalog} from '../vmCatalog.js'
import {buildFindings, type Finding} from './findings.js'
import {encodePageSeries, type PageSeries} from './pageSeries.js'

export const REPORT_SCHEMA = 'hvplan-report/2'

export interface ReportOptions {
  readonly replication: ReplicationOptions
  /** Which VMs the plan is for (default: the VMs to protect). */
  readonly scope?: ScopeOptions
  readonly bandwidthMbps: number | undefined
  readonly outageHours: number
  readonly managedDisks: boolean
  /** Churn heat map columns: UTC days (GB written per day) or the 168 hours of the week (MB/s). */
  readonly heatMap?: HeatMapBasis
  /** Prices and cost options; without them the report has no cost (cost: null). */
  readonly cost?: {readonly sheet: LoadedPriceSheet; readonly options: CostPlanOptions}
  /** Ship each VM's send series for the interactive page (src/report/pageSeries.ts). */
  readonly pageSeries?: boolean
}

/** The series part of an interactive page may take this much (1,000 VMs × 31 days: 8-bit series, ~12 MB). */
export const PAGE_SERIES_BUDGET_BYTES = 12 * 2 ** 20

export type HeatMapBasis = 'day' | 'hour-of-week'

export interface ReportDocument {
  readonly schema: typeof REPORT_SCHEMA
  readonly generatedUtc: string
  readonly hvplanVersion: string
  /** The model options as used, and the report's own: planned bandwidth, outage, limits and catalog. */
  readonly assumptions: ReplicationOptions & {
    readonly bandwidthMbps: number | null
    readonly outageHours: number
    readonly managedDisks: boolean
    readonly limitsSet: string
    readonly vmCatalog: string
  }
  /** The VMs every replication figure is for, and the profiled VMs left out with why. */
  readonly scope: ProtectionScope
  readonly profile: ProfileSummary
  /** Bandwidth per RPO for the scope's VMs. */
  readonly bandwidth: ReplicationPlan
  /** The same for every profiled VM once remediated; null when the scope is already all of them. */
  readonly afterFixes: AfterFixes | null
  /**
   * The what-if of each RPO: at the planned bandwidth (null without one), at that RPO's 90 %
   * bandwidth (null when nothing churns), and the RPO-vs-bandwidth curve (the same 40 bandwidths
   * for every RPO: the worst RPO does not depend on the target, the time within it does).
   */
  readonly whatIf: ReadonlyArray<{readonly rpoMinutes: number; readonly atBandwidth: WhatIfPoint | null; readonly atBandwidth90: WhatIfPoint | null; readonly curve: readonly WhatIfPoint[]}>
  /** Site churn per window with growth, gaps filled (the series the bandwidth is computed from), MB/s. */
  readonly siteChurn: {readonly firstWindowUtc: string; readonly windowSeconds: number; readonly percentile: number; readonly percentileMBps: number; readonly churnMBps: readonly number[]}
  readonly protection: ProtectionPlan
  readonly outage: OutagePlan
  readonly findings: readonly Finding[]
  /** DR cost per VM and for the site by component and state (docs/cost.md); null without prices. */
  readonly cost: CostPlan | null
  /**
   * Churn per VM to protect, measured, without growth: by UTC day, GB written from the gap-filled
   * series (the average's series), scaled to 24 h on partly profiled days, with the share of the
   * day measured beside each value; or by hour of the week (UTC, Monday 00 first), mean MB/s of
   * the measured windows (null: never measured).
   */
  readonly heatMap: {readonly basis: HeatMapBasis; readonly unit: 'GB/day' | 'MB/s'; readonly columns: readonly string[]; readonly vms: ReadonlyArray<{readonly vm: string; readonly values: ReadonlyArray<number | null>; readonly measuredShare?: readonly number[]}>}
  /** The limits used, each value with its source and date. */
  readonly limits: Limits
  /** Every profiled VM's send series for the interactive page, when asked (never in the JSON). */
  readonly pageSeries?: PageSeries
}

/** onPhase hears each step as it starts (for a progress display: the whole takes seconds to a minute). */
export function buildReport(store: ProfileStore, options: ReportOptions, limits: Limits, catalog: VmCatalog, onPhase?: (phase: string) => void): ReportDocument {
  onPhase?.('loading the profile')
  const loaded = openProfileSeries(store, {measures: MODEL_MEASURES})
  try {
    onPhase?.('assessing the VMs')
    const context = planContext(loaded, options.replication, limits, catalog, options.scope ?? DEFAULT_SCOPE, options.managedDisks)
    try {
      return reportOf(store, context, options, limits, catalog, onPhase)
    } finally {
      context.basis.close()
    }
  } finally {
    loaded.close()
  }
}

function reportOf(store: ProfileStore, context: PlanContext, options: ReportOptions, limits: Limits, catalog: VmCatalog, onPhase?: (phase: string) => void): ReportDocument {
  const o = options.replication
  const {basis, assessed, scope, send} = context
  const loaded = basis.profile
  onPhase?.('sizing the bandwidth')
  const bandwidth = planReplication(basis, scope.vms, send)
  const fixed = afterFixes(context)
  // The RPO-vs-bandwidth curve: 40 points from half the mean send rate to 1.5 × the first B100.
  const first = bandwidth.rpos[0]
  const curve = curveBandwidths(bandwidth.siteMeanSendMbps, first.bandwidth100Mbps)
  // The send series does not depend on the RPO: computed once above, shared by every what-if.
  onPhase?.('what-if curves')
  const whatIf = bandwidth.rpos.map((r) => {
    const at = (mbps: number) => planWhatIf(basis, send, r.rpoMinutes, [mbps]).points[0]
    return {rpoMinutes: r.rpoMinutes, atBandwidth: options.bandwidthMbps === undefined ? null : at(options.bandwidthMbps), atBandwidth90: r.bandwidth90Mbps > 0 ? at(r.bandwidth90Mbps) : null, curve: planWhatIf(basis, send, r.rpoMinutes, curve).points}
  })
  onPhase?.('planning protection and IR batches')
  const protection = planProtection(basis, assessed, scope, bandwidth, limits, catalog, {bandwidthMbps: options.bandwidthMbps, managedDisks: options.managedDisks})
  onPhase?.('outage tolerance')
  const outage = planOutage(basis, scope.vms, options.outageHours, limit(limits, 'hrlResyncShareOfVhd'))
  onPhase?.('profile summary and data quality')
  const profile = summarizeProfile(store, o.percentile, basis.profile, basis.filled)
  onPhase?.('cost')
  const cost = options.cost
    ? planCost(
        {
          protection,
          churnGBPerDay: new Map(bandwidth.churn.vms.map((v) => [v.vm, v.avgGBPerDay])),
          requiredMbps: options.bandwidthMbps ?? first.bandwidth100Mbps,
          rpoBandwidths: bandwidth.rpos.map((r) => ({rpoMinutes: r.rpoMinutes, requiredMbps: options.bandwidthMbps ?? r.bandwidth100Mbps})),
          premiumTiers: limits.premiumTiers.tiers,
        },
        options.cost.sheet,
        options.cost.options,
      )
    : null
  onPhase?.('findings and heat map')
  const findings = buildFindings({scope, profile, bandwidth, afterFixes: fixed, protection, outage, atBandwidth: whatIf[0].atBandwidth ?? undefined, standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps'), resyncShareOfVhd: limit(limits, 'hrlResyncShareOfVhd'), percentile: o.percentile, cost})
  const heatMap = options.heatMap === 'hour-of-week' ? hourOfWeekHeatMap(basis, scope.vms) : churnHeatMap(basis, scope.vms)
  let pageSeries: PageSeries | undefined
  if (options.pageSeries) {
    onPhase?.('series for the interactive page')
    const every = assessed.map((v) => v.vm)
    pageSeries = encodePageSeries(send.site, every, vmSendSeries(basis), PAGE_SERIES_BUDGET_BYTES)
  }
  return {
    schema: REPORT_SCHEMA,
    generatedUtc: new Date().toISOString(),
    hvplanVersion: version(),
    assumptions: {...o, bandwidthMbps: options.bandwidthMbps ?? null, outageHours: options.outageHours, managedDisks: options.managedDisks, limitsSet: limits.set, vmCatalog: catalog.source},
    scope,
    profile,
    bandwidth,
    afterFixes: fixed,
    whatIf,
    siteChurn: {
      firstWindowUtc: new Date(loaded.firstWindow * loaded.windowSeconds * 1000).toISOString(),
      windowSeconds: loaded.windowSeconds,
      percentile: o.percentile,
      percentileMBps: bandwidth.siteChurn.percentileMBps,
      churnMBps: Array.from(send.site, (b) => Math.round(sendToChurnMBps(b, loaded.windowSeconds, o.wireFactor) * 1e6) / 1e6),
    },
    protection,
    outage,
    cost,
    findings,
    heatMap,
    limits,
    ...(pageSeries ? {pageSeries} : {}),
  }
}

/** Per VM of the scope, by name: its disks. */
function scopeDisks(basis: PlanBasis, vms: readonly string[]): Array<[string, number[]]> {
  return [...disksByVm(basis, new Set(vms)).entries()].sort(([a], [b]) => a.localeCompare(b))
}

/** Per VM and UTC day: GB written (models/churnStats.ts dailyChurn: the average's filled series, scaled to 24 h). */
function churnHeatMap(basis: PlanBasis, vms: readonly string[]): ReportDocument['heatMap'] {
  const {profile} = basis
  const wpd = 86_400 / profile.windowSeconds
  const firstDay = Math.floor(profile.firstWindow / wpd)
  const lastDay = Math.floor((profile.firstWindow + profile.windowCount - 1) / wpd)
  const days = Array.from({length: Math.max(0, lastDay - firstDay + 1)}, (_, k) => new Date((firstDay + k) * 86_400_000).toISOString().slice(0, 10))
  const buffer = new Float64Array(profile.windowCount)
  const rows = scopeDisks(basis, vms).map(([vm, disks]) => {
    const measured = sumSeries(readEach(disks, (i, into) => profile.measure(i, 'writeBytes', into), buffer), profile.windowCount)
    const byDay = new Map(dailyChurn(sumFilled(basis, disks), measured, profile.firstWindow, wpd).map((d) => [d.day, d]))
    const cells = days.map((_, k) => byDay.get(firstDay + k))
    return {vm, values: cells.map((d) => (d ? d.bytes / 2 ** 30 : null)), measuredShare: cells.map((d) => (d ? d.measured / wpd : 0))}
  })
  return {basis: 'day', unit: 'GB/day', columns: days, vms: rows}
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** Per VM and hour of the week (UTC): mean MB/s over the measured windows of that hour. */
function hourOfWeekHeatMap(basis: PlanBasis, vms: readonly string[]): ReportDocument['heatMap'] {
  const {profile} = basis
  const columns = Array.from({length: 168}, (_, k) => `${WEEKDAYS[Math.floor(k / 24)]} ${String(k % 24).padStart(2, '0')}`)
  const buffer = new Float64Array(profile.windowCount)
  const rows = scopeDisks(basis, vms).map(([vm, disks]) => ({vm, values: Array.from(hourOfWeekMeans(sumSeries(readEach(disks, (i, into) => profile.measure(i, 'writeBytes', into), buffer), profile.windowCount), profile.firstWindow, profile.windowSeconds), (v) => (Number.isNaN(v) ? null : v / 2 ** 20))}))
  return {basis: 'hour-of-week', unit: 'MB/s', columns, vms: rows}
}

/** The package version, from the sources (src/report/) or the build (dist/src/report/). */
function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    const url = new URL(rel, import.meta.url)
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as {version?: string}).version ?? 'unknown'
  }
  return 'unknown'
}
