/**
 * Findings and actions for the report (spec §6), all about the VMs to protect: VMs left out and
 * why (with the bandwidth after fixes), inventory VMs without data, high churn, resync risk,
 * paused replication, volumes short or tight on log space (one rule, models/hrlSpace.ts), a link
 * slower than the churn, data quality, cost gaps, and the VSS snapshot error codes a planner meets
 * when app-consistent snapshots fail.
 */
import type {ProtectionScope} from '../plan/assessment.js'
import type {AfterFixes} from '../plan/context.js'
import type {CostPlan} from '../plan/costPlan.js'
import {firstLimitedVm, type OutagePlan} from '../plan/outagePlan.js'
import type {ProtectionPlan} from '../plan/protectionPlan.js'
import type {ReplicationPlan} from '../plan/replicationPlan.js'
import type {WhatIfPoint} from '../plan/whatIfPlan.js'
import type {ProfileSummary} from '../profile/summary.js'
import {count, firstFew, gb, utcMinute} from '../text.js'


export interface Finding {
  readonly id: string
  readonly severity: 'action' | 'warning' | 'info'
  readonly title: string
  readonly text: string
  readonly vms: readonly string[]
  /** What to do, in one imperative line (the top actions of page 1 and the terminal). */
  readonly action?: string
  /** The VMs or volumes concerned, one row each, when a sentence would run on (formatted cells). */
  readonly table?: FindingTable
}

export interface FindingTable {
  readonly header: readonly string[]
  readonly rows: ReadonlyArray<readonly string[]>
}

/** Up to this many items go in the sentence; more go in a table. */
const INLINE_ITEMS = 3

/** A finding's table as plain lines (the workbook's text cell, the terminal). */
export function findingTableLines(table: FindingTable): string[] {
  return table.rows.map((row) => row.map((cell, k) => (k === 0 ? cell : `${table.header[k]} ${cell}`)).join(' · '))
}

/** "8 h" (whole hours, rounded down: a limit is not to be reached), "0.4 h" below one hour. */
function hoursText(h: number): string {
  return h >= 1 ? `${Math.floor(h)} h` : `${h.toFixed(1)} h`
}

const SEVERITY_ORDER = {action: 0, warning: 1, info: 2} as const

/** The findings a planner acts on first: actions, then warnings, at most `n` titles. */
export function topActions(findings: readonly Finding[], n = 3): string[] {
  return findings.filter((f) => f.severity !== 'info' && f.action).slice(0, n).map((f) => f.action!)
}

/** Findings sorted by severity (action, warning, info), in the order they are built within each. */
export function buildFindings(input: {scope: ProtectionScope; profile: ProfileSummary; bandwidth: ReplicationPlan; afterFixes: AfterFixes | null; protection: ProtectionPlan; outage: OutagePlan; atBandwidth: WhatIfPoint | undefined; standardChurnLimitMBps: number; resyncShareOfVhd: number; percentile: number; cost?: CostPlan | null}): Finding[] {
  const share = (x: number) => `${Math.round(x * 100)} %`
  const findings: Finding[] = []
  const {scope, profile, bandwidth, protection, outage, atBandwidth} = input
  const first = bandwidth.rpos[0]
  if (scope.left.length) {
    const after = input.afterFixes?.rpos[0]
    findings.push({
      id: 'not-protected',
      severity: 'action',
      title: `${count(scope.left.length, 'VM')} of ${scope.profiledVms} cannot be protected as they are`,
      text: `${scope.left.map((l) => `${l.vm}: ${l.reason}`).join('\n')}${after ? `\nEvery figure of this plan is for the ${count(scope.vms.length, 'VM')} to protect. Fixed and protected too, all ${count(input.afterFixes!.vms, 'VM')} would need ${after.bandwidth100Mbps.toFixed(1)} Mbps for a ${after.rpoMinutes}-minute RPO (${first.bandwidth100Mbps.toFixed(1)} Mbps as planned).` : ''}`,
      vms: scope.left.map((l) => l.vm),
      action: `Fix ${firstFew(scope.left.map((l) => l.vm), 3)} (each reason has its fix), or plan without ${scope.left.length === 1 ? 'it' : 'them'}`,
    })
  }
  const noData = scope.withoutData.filter((v) => !v.profiled)
  if (noData.length) {
    findings.push({
      id: 'no-data',
      severity: 'warning',
      title: `${count(noData.length, 'VM')} of the inventory ${noData.length === 1 ? 'has' : 'have'} no counter data`,
      text: `Not planned (never counted as zero churn): ${noData.map((v) => `${v.vm} on ${v.host || 'an unknown host'} (${count(v.disks.length, 'disk')})`).join('; ')}. Collect counters on their hosts for the same period (the VMs may have been off) and ingest them.`,
      vms: noData.map((v) => v.vm),
      action: `Collect counters for ${firstFew(noData.map((v) => v.vm), 3)} and ingest them`,
    })
  }
  const high = bandwidth.churn.vms.filter((v) => v.avgMBps > input.standardChurnLimitMBps)
  if (high.length) {
    const inline = high.length <= INLINE_ITEMS
    findings.push({
      id: 'high-churn',
      severity: 'warning',
      title: `${count(high.length, 'VM')} to protect churn more than standard storage supports`,
      text: `Average churn with growth above ${input.standardChurnLimitMBps} MB/s (measured with VSD Write Bytes/sec)${inline ? `: ${high.map((v) => `${v.vm} ${v.avgMBps.toFixed(2)} MB/s`).join(', ')}` : ', in the table'}. They need premium storage; after enabling protection check that none is marked for resynchronization, and exclude pagefile or temp disks where possible.`,
      vms: high.map((v) => v.vm),
      action: `Replicate ${firstFew(high.map((v) => v.vm), 3)} to premium storage; leave pagefile and temp disks out (--exclude-disk)`,
      ...(inline ? {} : {table: {header: ['VM', 'Average churn (MB/s)', `P${input.percentile} churn (MB/s)`], rows: high.map((v) => [v.vm, v.avgMBps.toFixed(2), v.percentileMBps.toFixed(2)])}}),
    })
  }
  const atRisk = outage.vms.filter((v) => v.verdict !== 'survives' && v.verdict !== 'unknown')
  if (atRisk.length) {
    const inline = atRisk.length <= INLINE_ITEMS
    const start = (v: (typeof atRisk)[number]) => `${utcMinute(v.worstStartUtc)} UTC`
    findings.push({
      id: 'resync-risk',
      severity: 'warning',
      title: `${count(atRisk.length, 'VM')} would need resynchronization after a ${outage.outageHours} h outage`,
      text: `While nothing is uploaded (WAN outage or paused replication) each VHD's Hyper-V Replica log (HRL) keeps growing; when one reaches ${share(input.resyncShareOfVhd)} of its VHD's size, or the volume fills, the VM needs resynchronization.${inline ? ` ${atRisk.map((v) => `${v.name}: ${v.worstHours.toFixed(1)} h from ${start(v)} (${v.limitedBy})`).join('; ')}.` : ' The table gives each VM\'s time to its first limit from the worst start.'} Do not leave replication paused; provision more space or exclude high-churn disks.`,
      vms: atRisk.map((v) => v.name),
      action: `Keep outages under ${hoursText(Math.min(...atRisk.map((v) => v.worstHours)))} or give more log space to ${firstFew(atRisk.map((v) => v.name), 3)}`,
      ...(inline ? {} : {table: {header: ['VM', 'Hours to the limit', 'Worst start', 'First limit'], rows: atRisk.map((v) => [v.name, v.worstHours.toFixed(1), start(v), v.limitedBy])}}),
    })
  } else {
    // Nothing at risk for the outage assessed: still say how long replication may stay paused.
    const worst = firstLimitedVm(outage)
    if (worst) {
      findings.push({id: 'paused-replication', severity: 'info', title: `Replication can stay paused about ${Math.floor(worst.worstHours)} h at worst`, text: `Paused replication or a WAN outage keeps each VHD's Hyper-V Replica log growing on the hosts. From the worst start in the profile, ${worst.name} reaches its first limit — ${worst.limitedBy} — after ${worst.worstHours.toFixed(1)} h (typical start: ${worst.typicalHours.toFixed(1)} h); past ${share(input.resyncShareOfVhd)} of a VHD's size the VM needs resynchronization. Resume replication well before then.`, vms: [worst.name]})
    }
  }
  const flagged = protection.volumes.filter((v) => v.byRpo.some((r) => r.status === 'short' || r.status === 'tight'))
  if (flagged.length) {
    const short = flagged.some((v) => v.byRpo.some((r) => r.status === 'short'))
    findings.push({
      id: 'volume-space',
      severity: short ? 'action' : 'warning',
      title: `${count(flagged.length, 'host volume')} ${short ? 'short of' : 'tight on'} space for the Hyper-V Replica logs (HRL)`,
      text: flagged
        .map((v) => `${v.volume} (${gb(v.freeGB)} free): ${v.byRpo.filter((r) => r.status !== 'ok').map((r) => `${r.rpoMinutes} min ${r.status}, needs ${gb(r.requiredGB)}${r.status === 'short' ? `, add ${gb(r.additionalGB)} before enabling protection` : ''}`).join('; ')}`)
        .join('\n'),
      vms: [],
      action: short
        ? `Add space on ${firstFew(flagged.filter((v) => v.byRpo.some((r) => r.status === 'short')).map((v) => v.volume), 3)} before enabling protection`
        : `Watch the Hyper-V Replica log (HRL) space on ${firstFew(flagged.map((v) => v.volume), 3)}: more than half the free space`,
    })
  }
  if (atBandwidth?.unstable) {
    findings.push({id: 'unstable-link', severity: 'action', title: `${atBandwidth.bandwidthMbps} Mbps is less than the mean send rate`, text: `The backlog grows without bound at ${atBandwidth.bandwidthMbps} Mbps (mean send rate ${bandwidth.siteMeanSendMbps.toFixed(1)} Mbps); B100 for ${first.rpoMinutes} min is ${first.bandwidth100Mbps.toFixed(1)} Mbps.`, vms: [], action: `Plan at least ${first.bandwidth100Mbps.toFixed(0)} Mbps, not ${atBandwidth.bandwidthMbps}`})
  }
  if (profile.quality.confidence !== 'high') {
    findings.push({id: 'data-quality', severity: 'warning', title: `Data quality: ${profile.quality.confidence} confidence`, text: profile.quality.reasons.join('\n'), vms: [], action: profile.quality.daysProfiled < profile.quality.recommendedDays ? `Profile at least ${profile.quality.recommendedDays} days (ideally ${profile.quality.idealDays}) including the busiest, then plan again` : 'Fill the data gaps named under data quality, then plan again'})
  }
  const cost = input.cost
  if (cost?.priceSheet.example) {
    findings.push({id: 'example-prices', severity: 'warning', title: 'Cost is estimated from example prices', text: `The cost uses ${cost.priceSheet.file} (${cost.priceSheet.date}): ${cost.priceSheet.label} The command reads the Azure Retail Prices API's answer for your region and offer; pass the file it writes with --prices.`, vms: [], action: 'Import current prices (hvplan prices import) before quoting the cost'})
  }
  if (cost?.warnings.length) {
    findings.push({id: 'cost-gaps', severity: 'warning', title: `Cost: ${count(cost.warnings.length, 'price')} missing`, text: cost.warnings.join('\n'), vms: cost.rows.filter((r) => r.missingPrices.length).map((r) => r.name)})
  }
  findings.push({
    id: 'vss',
    severity: 'info',
    title: 'App-consistent snapshots',
    text: 'If app-consistent snapshots fail: 0x800700EA means the VSS snapshot set failed (dynamic disks, or a concurrent backup taking VSS snapshots); 0x80070032 means an Integration Services version mismatch (update Windows and Integration Services in the VM). Dynamic disks and in-guest iSCSI disks are not supported for app-consistent snapshots.',
    vms: [],
  })
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) // stable: built order within a severity
}
