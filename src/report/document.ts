/**
 * The one report document: every figure of the report from one computation, so the JSON, the
 * workbook and the PDF always agree. Writers lay it out and never compute a number.
 */
import {existsSync, readFileSync} from 'node:fs'
import {limit, type Limits} from '../limits.js'
import {type CostPlan, type CostPlanOptions, planCost} from '../plan/costPlan.js'
import {type OutagePlan, planOutage} from '../plan/outagePlan.js'
import type {LoadedPriceSheet} from '../prices/priceSheet.js'
import {planProtection, type ProtectionPlan} from '../plan/protectionPlan.js'
import type {ReplicationOptions} from '../plan/replicationOptions.js'
import {planReplication, type ReplicationPlan, sendSeries, sendToChurnMBps} from '../plan/replicationPlan.js'
import {planWhatIf, type WhatIfPoint} from '../plan/whatIfPlan.js'
import {type ProfileSummary, summarizeProfile} from '../profile/summary.js'
import {type LoadedProfile, loadProfile} from '../store/loadProfile.js'
import {dailyTotals, hourOfWeekMeans, sumSeries} from '../../models/churnStats.js'
import type {ProfileStore} from '../store/profileStore.js'
import type {VmCatalog} from '../vmCatalog.js'
import {buildFindings, type Finding} from './findings.js'

export const REPORT_SCHEMA = 'hvplan-report/1'

export interface ReportOptions {
  readonly replication: ReplicationOptions
  readonly bandwidthMbps: number | undefined
  readonly outageHours: number
  readonly managedDisks: boolean
  /** Churn heat map columns: UTC days (GB written per day) or the 168 hours of the week (MB/s). */
  readonly heatMap?: HeatMapBasis
  /** Prices and cost options; without them the report has no cost (cost: null). */
  readonly cost?: {readonly sheet: LoadedPriceSheet; readonly options: CostPlanOptions}
}

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
  readonly profile: ProfileSummary
  readonly bandwidth: ReplicationPlan
  /**
   * The first RPO's what-if: at the planned bandwidth (null without one), at that RPO's 90 %
   * bandwidth (the worst RPO per day a planner sees when buying B90), and the RPO-vs-bandwidth curve.
   */
  readonly whatIf: {readonly atBandwidth: WhatIfPoint | null; readonly atBandwidth90: WhatIfPoint; readonly curve: readonly WhatIfPoint[]}
  /** Site churn per window with growth, gaps filled (the series the bandwidth is computed from), MB/s. */
  readonly siteChurn: {readonly firstWindowUtc: string; readonly windowSeconds: number; readonly percentile: number; readonly percentileMBps: number; readonly churnMBps: readonly number[]}
  readonly protection: ProtectionPlan
  readonly outage: OutagePlan
  readonly findings: readonly Finding[]
  /** DR cost per VM and for the site by component and state (docs/cost.md); null without prices. */
  readonly cost: CostPlan | null
  /**
   * Churn per VM, measured (no growth): by UTC day, GB written (days with < 50 % of windows are
   * null), or by hour of the week (UTC, Monday 00 first), mean MB/s (null: no window measured).
   */
  readonly heatMap: {readonly basis: HeatMapBasis; readonly unit: 'GB/day' | 'MB/s'; readonly columns: readonly string[]; readonly vms: ReadonlyArray<{readonly vm: string; readonly values: ReadonlyArray<number | null>}>}
  /** The limits used, each value with its source and date. */
  readonly limits: Limits
}

export function buildReport(store: ProfileStore, options: ReportOptions, limits: Limits, catalog: VmCatalog): ReportDocument {
  const loaded = loadProfile(store, {coverage: false})
  const o = options.replication
  const send = sendSeries(loaded, o)
  const bandwidth = planReplication(loaded, o, send)
  // The RPO-vs-bandwidth curve: 40 points from half the mean send rate to 1.5 × the first B100.
  const b100 = bandwidth.rpos[0].bandwidth100Mbps
  const from = Math.max(0.1, bandwidth.siteMeanSendMbps * 0.5)
  const to = Math.max(from * 1.01, b100 * 1.5)
  const curveBandwidths = Array.from({length: 40}, (_, i) => Math.round((from + ((to - from) * i) / 39) * 10) / 10)
  const whatIfOptions = {...o, rpoMinutes: [o.rpoMinutes[0]]}
  // The send series does not depend on the RPO: computed once above, shared by every what-if.
  const curve = planWhatIf(loaded, whatIfOptions, curveBandwidths, send).points
  const atBandwidth = options.bandwidthMbps === undefined ? null : planWhatIf(loaded, whatIfOptions, [options.bandwidthMbps], send).points[0]
  const atBandwidth90 = planWhatIf(loaded, whatIfOptions, [bandwidth.rpos[0].bandwidth90Mbps], send).points[0]
  const protection = planProtection(loaded, o, limits, catalog, options.bandwidthMbps, options.managedDisks, [], bandwidth)
  const outage = planOutage(loaded, options.outageHours, o.growthPercent, limit(limits, 'hrlResyncShareOfVhd'))
  const profile = summarizeProfile(store, o.percentile, loaded)
  const cost = options.cost
    ? planCost(
        {
          protection,
          churnGBPerDay: new Map(bandwidth.churn.vms.map((v) => [v.vm, v.avgGBPerDay])),
          requiredMbps: options.bandwidthMbps ?? bandwidth.rpos[0].bandwidth100Mbps,
          rpoBandwidths: bandwidth.rpos.map((r) => ({rpoMinutes: r.rpoMinutes, requiredMbps: options.bandwidthMbps ?? r.bandwidth100Mbps})),
          premiumTiers: limits.premiumTiers.tiers,
        },
        options.cost.sheet,
        options.cost.options,
      )
    : null
  return {
    schema: REPORT_SCHEMA,
    generatedUtc: new Date().toISOString(),
    hvplanVersion: version(),
    assumptions: {...o, bandwidthMbps: options.bandwidthMbps ?? null, outageHours: options.outageHours, managedDisks: options.managedDisks, limitsSet: limits.set, vmCatalog: catalog.source},
    profile,
    bandwidth,
    whatIf: {atBandwidth, atBandwidth90, curve},
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
    findings: buildFindings({profile, bandwidth, protection, outage, atBandwidth: atBandwidth ?? undefined, standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps'), cost}),
    heatMap: options.heatMap === 'hour-of-week' ? hourOfWeekHeatMap(loaded) : churnHeatMap(loaded),
    limits,
  }
}

/** Per VM, the per-window sum of its disks (NaN where any disk is missing), VMs by name. */
function vmSeries(profile: LoadedProfile): Array<[string, Float64Array]> {
  const byVm = new Map<string, number[]>()
  profile.disks.forEach((d, i) => byVm.set(d.vm, [...(byVm.get(d.vm) ?? []), i]))
  return [...byVm.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([vm, indices]) => [vm, sumSeries(indices.map((i) => profile.series[i].writeBytes), profile.windowCount)])
}

/** Per VM and UTC day: GB written, scaled to the whole day. */
function churnHeatMap(profile: LoadedProfile): ReportDocument['heatMap'] {
  const wpd = 86_400 / profile.windowSeconds
  const firstDay = Math.floor(profile.firstWindow / wpd)
  const lastDay = Math.floor((profile.firstWindow + profile.windowCount - 1) / wpd)
  const days = Array.from({length: Math.max(0, lastDay - firstDay + 1)}, (_, k) => new Date((firstDay + k) * 86_400_000).toISOString().slice(0, 10))
  const vms = vmSeries(profile).map(([vm, series]) => {
    const byDay = new Map(dailyTotals(series, profile.firstWindow, wpd).map((d) => [d.day, d]))
    return {
      vm,
      values: days.map((_, k) => {
        const d = byDay.get(firstDay + k)
        return d && d.coverage >= 0.5 ? d.total / d.coverage / 2 ** 30 : null
      }),
    }
  })
  return {basis: 'day', unit: 'GB/day', columns: days, vms}
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** Per VM and hour of the week (UTC): mean MB/s over the measured windows of that hour. */
function hourOfWeekHeatMap(profile: LoadedProfile): ReportDocument['heatMap'] {
  const columns = Array.from({length: 168}, (_, k) => `${WEEKDAYS[Math.floor(k / 24)]} ${String(k % 24).padStart(2, '0')}`)
  const vms = vmSeries(profile).map(([vm, series]) => ({vm, values: Array.from(hourOfWeekMeans(series, profile.firstWindow, profile.windowSeconds), (v) => (Number.isNaN(v) ? null : v / 2 ** 20))}))
  return {basis: 'hour-of-week', unit: 'MB/s', columns, vms}
}

/** The package version, from the sources (src/report/) or the build (dist/src/report/). */
function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    const url = new URL(rel, import.meta.url)
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as {version?: string}).version ?? 'unknown'
  }
  return 'unknown'
}
