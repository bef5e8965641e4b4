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
import {loadProfile} from '../store/loadProfile.js'
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
  const protection = planProtection(loaded, o, limits, catalog, options.bandwidthMbps, options.managedDisks)
  const outage = planOutage(loaded, options.outageHours, o.growthPercent, limit(limits, 'hrlResyncShareOfVhd'))
  const profile = summarizeProfile(store, o.percentile)
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
    limits,
  }
}

/** The package version, from the sources (src/report/) or the build (dist/src/report/). */
function version(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    const url = new URL(rel, import.meta.url)
    if (existsSync(url)) return (JSON.parse(readFileSync(url, 'utf8')) as {version?: string}).version ?? 'unknown'
  }
  return 'unknown'
}
