/**
 * The one report document: every figure of the report from one computation, so the JSON, the
 * workbook and the PDF always agree. Writers lay it out and never compute a number.
 */
import {existsSync, readFileSync} from 'node:fs'
import {limit, type Limits} from '../limits.js'
import {type OutagePlan, planOutage} from '../plan/outagePlan.js'
import {planProtection, type ProtectionPlan} from '../plan/protectionPlan.js'
import type {ReplicationOptions} from '../plan/replicationOptions.js'
import {planReplication, type ReplicationPlan} from '../plan/replicationPlan.js'
import {planWhatIf, type WhatIfPoint} from '../plan/whatIfPlan.js'
import {type ProfileSummary, summarizeProfile} from '../profile/summary.js'
import {type LoadedProfile, loadProfile} from '../store/loadProfile.js'
import {dailyTotals, sumSeries} from '../../models/churnStats.js'
import type {ProfileStore} from '../store/profileStore.js'
import type {VmCatalog} from '../vmCatalog.js'
import {buildFindings, type Finding} from './findings.js'

export const REPORT_SCHEMA = 'hvplan-report/1'

export interface ReportOptions {
  readonly replication: ReplicationOptions
  readonly bandwidthMbps: number | undefined
  readonly outageHours: number
  readonly managedDisks: boolean
}

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
  readonly whatIf: {readonly atBandwidth: WhatIfPoint | null; readonly curve: readonly WhatIfPoint[]}
  readonly protection: ProtectionPlan
  readonly outage: OutagePlan
  readonly findings: readonly Finding[]
  /** GB written per VM and UTC day (measured, no growth; days with < 50 % of windows are null). */
  readonly heatMap: {readonly days: readonly string[]; readonly vms: ReadonlyArray<{readonly vm: string; readonly gbPerDay: ReadonlyArray<number | null>}>}
  /** The limits used, each value with its source and date. */
  readonly limits: Limits
}

export function buildReport(store: ProfileStore, options: ReportOptions, limits: Limits, catalog: VmCatalog): ReportDocument {
  const loaded = loadProfile(store)
  const o = options.replication
  const bandwidth = planReplication(loaded, o)
  // The RPO-vs-bandwidth curve: 40 points from half the mean send rate to 1.5 × the first B100.
  const b100 = bandwidth.rpos[0].bandwidth100Mbps
  const from = Math.max(0.1, bandwidth.siteMeanSendMbps * 0.5)
  const to = Math.max(from * 1.01, b100 * 1.5)
  const curveBandwidths = Array.from({length: 40}, (_, i) => Math.round((from + ((to - from) * i) / 39) * 10) / 10)
  const whatIfOptions = {...o, rpoMinutes: [o.rpoMinutes[0]]}
  const curve = planWhatIf(loaded, whatIfOptions, curveBandwidths).points
  const atBandwidth = options.bandwidthMbps === undefined ? null : planWhatIf(loaded, whatIfOptions, [options.bandwidthMbps]).points[0]
  const protection = planProtection(loaded, o, limits, catalog, options.bandwidthMbps, options.managedDisks, [], bandwidth)
  const outage = planOutage(loaded, options.outageHours, o.growthPercent, limit(limits, 'hrlResyncShareOfVhd'))
  const profile = summarizeProfile(store, o.percentile, loaded)
  return {
    schema: REPORT_SCHEMA,
    generatedUtc: new Date().toISOString(),
    hvplanVersion: version(),
    assumptions: {...o, bandwidthMbps: options.bandwidthMbps ?? null, outageHours: options.outageHours, managedDisks: options.managedDisks, limitsSet: limits.set, vmCatalog: catalog.source},
    profile,
    bandwidth,
    whatIf: {atBandwidth, curve},
    protection,
    outage,
    findings: buildFindings({profile, bandwidth, protection, outage, atBandwidth: atBandwidth ?? undefined, standardChurnLimitMBps: limit(limits, 'standardChurnLimitMBps')}),
    heatMap: churnHeatMap(loaded),
    limits,
  }
}

/** Per VM (per-window sum of its disks) and UTC day: GB written, scaled to the whole day. */
function churnHeatMap(profile: LoadedProfile): ReportDocument['heatMap'] {
  const wpd = 86_400 / profile.windowSeconds
  const byVm = new Map<string, number[]>()
  profile.disks.forEach((d, i) => byVm.set(d.vm, [...(byVm.get(d.vm) ?? []), i]))
  const firstDay = Math.floor(profile.firstWindow / wpd)
  const lastDay = Math.floor((profile.firstWindow + profile.windowCount - 1) / wpd)
  const days = Array.from({length: Math.max(0, lastDay - firstDay + 1)}, (_, k) => new Date((firstDay + k) * 86_400_000).toISOString().slice(0, 10))
  const vms = [...byVm.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([vm, indices]) => {
      const totals = dailyTotals(sumSeries(indices.map((i) => profile.series[i].writeBytes), profile.windowCount), profile.firstWindow, wpd)
      const byDay = new Map(totals.map((d) => [d.day, d]))
      return {vm, gbPerDay: days.map((_, k) => {
        const d = byDay.get(firstDay + k)
        return d && d.coverage >= 0.5 ? d.total / d.coverage / 2 ** 30 : null
      })}
    })
  return {days, vms}
}

/** The package version, from the sources (src/report/) or the build (dist/src/report/). */
function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    const url = new URL(rel, import.meta.url)
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as {version?: string}).version ?? 'unknown'
  }
  return 'unknown'
}
