/** The terminal views of the plan: the headline of `plan` and `report`, the bandwidth table, the replica-log space lines. */
import {fixFor} from '../../models/compatibility.js'
import {table} from '../profile/formatSummary.js'
import {costLine} from '../report/costText.js'
import type {ReportDocument} from '../report/document.js'
import {topActions} from '../report/findings.js'
import {count, gb} from '../text.js'
import type {AfterFixes} from './context.js'
import {irSummary, type ProtectionPlan, type VolumeSpace} from './protectionPlan.js'
import type {ReplicationPlan} from './replicationPlan.js'

/** RPO, B100, B90 for the VMs to protect, the same for all VMs after fixes, and what sets B100. */
export function formatBandwidthTable(plan: ReplicationPlan, fixed: AfterFixes | null): string {
  const headers = ['RPO min', 'B100 Mbps', 'B90 Mbps', ...(fixed ? ['all VMs after fixes: B100', 'B90'] : []), 'what sets B100']
  const rows = plan.rpos.map((r, k) => [String(r.rpoMinutes), r.bandwidth100Mbps.toFixed(1), r.bandwidth90Mbps.toFixed(1), ...(fixed ? [fixed.rpos[k].bandwidth100Mbps.toFixed(1), fixed.rpos[k].bandwidth90Mbps.toFixed(1)] : []), r.driver.text])
  return table(headers, rows, new Set(fixed ? [0, 1, 2, 3, 4] : [0, 1, 2]))
}

/** One line per host volume that is short or tight at some RPO (models/hrlSpace.ts volumeSpaceStatus). */
export function formatVolumeSpace(volumes: readonly VolumeSpace[]): string[] {
  return volumes
    .filter((v) => v.byRpo.some((r) => r.status === 'short' || r.status === 'tight'))
    .map((v) => `  ${v.volume} (${gb(v.freeGB)} free): ${v.byRpo.map((r) => `${r.rpoMinutes} min ${r.status} — needs ${gb(r.requiredGB)}${r.additionalGB > 0 ? `, add ${gb(r.additionalGB)}` : ''}`).join('; ')}`)
}

/**
 * The decision, first, as `plan` and `report` print it: the VMs the plan is for; per RPO the
 * bandwidth to order (and after fixes), the network plan and monthly cost, initial replication;
 * what cannot be protected with its fix; host volumes short or tight; how long replication may
 * stay paused; the cost; data quality; the top actions.
 */
export function formatHeadline(doc: ReportDocument): string {
  const out: string[] = []
  const o = doc.assumptions
  out.push(`The plan is for ${doc.scope.text}.`)
  for (const v of doc.scope.withoutData.filter((x) => !x.profiled)) out.push(`  ${v.vm} on ${v.host || '?'}: no data (${count(v.disks.length, 'disk')} in the inventory, no counters); not planned`)
  out.push('')
  out.push(`Bandwidth to order for the VMs to protect (growth ${o.growthPercent} %, copy frequency ${o.copyFrequencySeconds / 60} min, mean send rate ${doc.bandwidth.siteMeanSendMbps.toFixed(1)} Mbps):`)
  const fixed = doc.afterFixes
  const rows = doc.bandwidth.rpos.map((r, k) => {
    const cost = doc.cost?.byRpo[k]
    return [
      String(r.rpoMinutes),
      r.bandwidth100Mbps.toFixed(1),
      r.bandwidth90Mbps.toFixed(1),
      ...(fixed ? [fixed.rpos[k].bandwidth100Mbps.toFixed(1), fixed.rpos[k].bandwidth90Mbps.toFixed(1)] : []),
      ...(doc.cost ? [cost?.networkPlan ?? 'none covers it', cost ? Math.round(cost.monthly).toLocaleString('en-US') : '—'] : []),
      irSummary(doc.protection.batching[k]?.plan),
    ]
  })
  const headers = ['RPO min', 'B100 Mbps', 'B90 Mbps', ...(fixed ? ['all VMs after fixes: B100', 'B90'] : []), ...(doc.cost ? ['network plan', `${doc.cost.priceSheet.currency}/month`] : []), 'initial replication']
  const numeric = new Set(headers.flatMap((h, k) => (/Mbps|B100|B90|RPO|month/.test(h) ? [k] : [])))
  out.push(table(headers, rows, numeric))
  for (const r of doc.bandwidth.rpos) out.push(`  ${r.rpoMinutes} min: ${r.driver.text}`)
  const planned = doc.whatIf[0]?.atBandwidth
  if (planned) out.push(`At the planned ${planned.bandwidthMbps} Mbps: worst RPO ${planned.achievableRpoMinutes.toFixed(1)} min, ${(planned.withinTargetShare * 100).toFixed(1)} % of the time within ${doc.bandwidth.rpos[0].rpoMinutes} min${planned.unstable ? ' — less than the mean send rate: the backlog grows without bound' : ''}; IR batches and the network plan are for it.`)
  const left = doc.scope.left
  if (left.length) {
    out.push('')
    out.push('Cannot be protected as they are (fix, then plan again):')
    for (const v of doc.protection.vms.filter((x) => left.some((l) => l.vm === x.vm))) {
      const reasons = v.compatibility.findings.filter((f) => f.verdict === 'incompatible')
      if (reasons.length === 0) out.push(`  ${v.vm}: ${left.find((l) => l.vm === v.vm)!.reason}`)
      for (const f of reasons) out.push(`  ${v.vm}: ${f.text} — fix: ${fixFor(f.rule)}`)
    }
  }
  const volumes = formatVolumeSpace(doc.protection.volumes)
  if (volumes.length) {
    out.push('')
    out.push(`Host volumes and the Hyper-V Replica logs (HRL) they must hold (short: add space; tight: more than ${Math.round(doc.limits.values.hrlTightShareOfFreeSpace.value * 100)} % of the free space):`)
    out.push(...volumes)
  }
  const paused = doc.findings.find((f) => f.id === 'paused-replication' || f.id === 'resync-risk')
  out.push('')
  out.push(`${doc.protection.vms.filter((v) => v.protect).length} VMs to protect: ${doc.protection.coresToRequest} Azure cores, ${count(doc.protection.storageAccounts.filter((a) => a.storage !== 'log').length, 'storage account')}.`)
  if (paused) out.push(`${paused.title}.`)
  if (doc.cost) out.push(costLine(doc.cost))
  out.push(`Data quality: ${doc.profile.quality.confidence} confidence${doc.profile.quality.reasons.length ? ` — ${doc.profile.quality.reasons.join('; ')}` : ''}.`)
  const actions = topActions(doc.findings)
  if (actions.length) {
    out.push('')
    out.push('Next actions:')
    actions.forEach((a, k) => out.push(`  ${k + 1}. ${a}`))
  }
  return out.join('\n')
}

/** Each RPO's IR batches and, per VM, its IR and DR bandwidth, needs and deficit (as hvplan plan-protection prints them). */
export function formatBatches(plan: ProtectionPlan): string {
  const n = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—')
  const out: string[] = []
  for (const b of plan.batching) {
    if (out.length) out.push('')
    out.push(`IR batches for RPO ${b.rpoMinutes} min at ${b.totalBandwidthMbps.toFixed(1)} Mbps:`)
    out.push(table(['batch', 'VMs', 'IR Mbps', 'DR Mbps kept', 'IR time h'], b.plan.batches.map((x) => [String(x.batch), x.vms.join(', '), n((x.availableBytesPerSec * 8) / 1e6, 1), n((x.drBytesPerSec * 8) / 1e6, 1), n(x.irSeconds / 3600, 1)]), new Set([0, 2, 3, 4])))
    const gb = (r: (typeof b.plan.vms)[number], pick: (v: (typeof r.volumes)[number]) => number) => n(r.volumes.reduce((s, v) => s + pick(v), 0) / 2 ** 30, 1)
    out.push(table(['VM', 'batch', 'IR min Mbps', 'DR Mbps kept', 'IR need GB', 'DR need GB', 'deficit GB', 'comment'], b.plan.vms.map((r) => [r.vm, String(r.batch), n((r.irMinBytesPerSec * 8) / 1e6, 1), n((r.drBytesPerSec * 8) / 1e6, 1), gb(r, (v) => v.irNeedBytes), gb(r, (v) => v.drNeedBytes), gb(r, (v) => v.deficitBytes), r.comment]), new Set([1, 2, 3, 4, 5, 6])))
  }
  return out.join('\n')
}
