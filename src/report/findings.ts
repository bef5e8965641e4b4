/**
 * Findings and actions for the report (spec §6): high churn, resync risk, paused replication,
 * volumes short of log space, incompatible VMs, a link slower than the churn, data quality, and
 * the VSS snapshot error codes a planner meets when app-consistent snapshots fail.
 */
import type {CostPlan} from '../plan/costPlan.js'
import type {OutagePlan} from '../plan/outagePlan.js'
import type {ProtectionPlan} from '../plan/protectionPlan.js'
import type {ReplicationPlan} from '../plan/replicationPlan.js'
import type {WhatIfPoint} from '../plan/whatIfPlan.js'
import type {ProfileSummary} from '../profile/summary.js'

export interface Finding {
  readonly id: string
  readonly severity: 'action' | 'warning' | 'info'
  readonly title: string
  readonly text: string
  readonly vms: readonly string[]
}

export function buildFindings(input: {profile: ProfileSummary; bandwidth: ReplicationPlan; protection: ProtectionPlan; outage: OutagePlan; atBandwidth: WhatIfPoint | undefined; standardChurnLimitMBps: number; cost?: CostPlan | null}): Finding[] {
  const findings: Finding[] = []
  const {profile, bandwidth, protection, outage, atBandwidth} = input
  const incompatible = protection.vms.filter((v) => v.compatible === 'No')
  if (incompatible.length) {
    findings.push({id: 'incompatible', severity: 'action', title: `${incompatible.length} VM(s) cannot be protected as they are`, text: incompatible.map((v) => `${v.vm}: ${v.compatibility.findings.filter((f) => f.verdict === 'incompatible').map((f) => f.text).join('; ')}`).join('\n'), vms: incompatible.map((v) => v.vm)})
  }
  const high = bandwidth.churn.vms.filter((v) => v.avgMBps > input.standardChurnLimitMBps)
  if (high.length) {
    findings.push({id: 'high-churn', severity: 'warning', title: `${high.length} VM(s) churn more than standard storage supports`, text: `Average churn with growth above ${input.standardChurnLimitMBps} MB/s (measured with VSD Write Bytes/sec): ${high.map((v) => `${v.vm} ${v.avgMBps.toFixed(2)} MB/s`).join(', ')}. They need premium storage; after enabling protection check that none is marked for resynchronization, and exclude pagefile or temp disks where possible.`, vms: high.map((v) => v.vm)})
  }
  const atRisk = outage.vms.filter((v) => v.verdict !== 'survives' && v.verdict !== 'unknown')
  if (atRisk.length) {
    findings.push({id: 'resync-risk', severity: 'warning', title: `${atRisk.length} VM(s) would need resynchronization after a ${outage.outageHours} h outage`, text: `While nothing is uploaded (WAN outage or paused replication) the Hyper-V Replica logs keep growing; at 50 % of the VHD size the VM needs resynchronization. ${atRisk.map((v) => `${v.name}: ${v.worstHours.toFixed(1)} h from ${v.worstStartUtc?.slice(0, 16).replace('T', ' ')} UTC`).join('; ')}. Do not leave replication paused; provision more space or exclude high-churn disks.`, vms: atRisk.map((v) => v.name)})
  } else {
    // Nothing at risk for the outage assessed: still say how long replication may stay paused.
    const known = [...outage.vms, ...outage.volumes].filter((v) => v.verdict !== 'unknown' && Number.isFinite(v.worstHours)).sort((a, b) => a.worstHours - b.worstHours)
    if (known.length) {
      const first = known[0]
      findings.push({id: 'paused-replication', severity: 'info', title: `Replication can stay paused about ${Math.floor(first.worstHours)} h at worst`, text: `Paused replication or a WAN outage keeps the Hyper-V Replica logs growing on the hosts. From the worst start in the profile, ${first.name} reaches its limit first, after ${first.worstHours.toFixed(1)} h (typical start: ${first.typicalHours.toFixed(1)} h); past 50 % of a VHD's size the VM needs resynchronization. Resume replication well before then.`, vms: []})
    }
  }
  const short = protection.volumes.filter((v) => v.additionalGB > 0 || v.requiredGB > 0.75 * v.freeGB)
  if (short.length) {
    findings.push({id: 'volume-space', severity: short.some((v) => v.additionalGB > 0) ? 'action' : 'warning', title: `${short.length} host volume(s) short of replica-log space`, text: short.map((v) => `${v.volume}: needs ${v.requiredGB.toFixed(0)} GB of ${v.freeGB.toFixed(0)} GB free${v.additionalGB > 0 ? `, add ${v.additionalGB.toFixed(0)} GB before enabling protection` : ''}`).join('\n'), vms: []})
  }
  if (atBandwidth?.unstable) {
    findings.push({id: 'unstable-link', severity: 'action', title: `${atBandwidth.bandwidthMbps} Mbps is less than the mean send rate`, text: `The backlog grows without bound at ${atBandwidth.bandwidthMbps} Mbps (mean send rate ${bandwidth.siteMeanSendMbps.toFixed(1)} Mbps); B100 for ${bandwidth.rpos[0].rpoMinutes} min is ${bandwidth.rpos[0].bandwidth100Mbps.toFixed(1)} Mbps.`, vms: []})
  }
  if (profile.quality.confidence !== 'high') {
    findings.push({id: 'data-quality', severity: 'warning', title: `Data quality: ${profile.quality.confidence} confidence`, text: profile.quality.reasons.join('\n'), vms: []})
  }
  const cost = input.cost
  if (cost?.priceSheet.example) {
    findings.push({id: 'example-prices', severity: 'warning', title: 'Cost is estimated from example prices', text: `The cost uses ${cost.priceSheet.file} (${cost.priceSheet.date}): ${cost.priceSheet.label} Download current prices for your region and offer (Azure Retail Prices API) and convert them with hvplan prices import, then pass --prices.`, vms: []})
  }
  if (cost?.warnings.length) {
    findings.push({id: 'cost-gaps', severity: 'warning', title: `Cost: ${cost.warnings.length} price(s) missing`, text: cost.warnings.join('\n'), vms: cost.rows.filter((r) => r.missingPrices.length).map((r) => r.name)})
  }
  findings.push({
    id: 'vss',
    severity: 'info',
    title: 'App-consistent snapshots',
    text: 'If app-consistent snapshots fail: 0x800700EA means the VSS snapshot set failed (dynamic disks, or a concurrent backup taking VSS snapshots); 0x80070032 means an Integration Services version mismatch (update Windows and Integration Services in the VM). Dynamic disks and in-guest iSCSI disks are not supported for app-consistent snapshots.',
    vms: [],
  })
  return findings
}
