/** The terminal views of the plan: the bandwidth table and the replica-log space lines, as every command prints them. */
import {table} from '../profile/formatSummary.js'
import type {AfterFixes} from './context.js'
import type {VolumeSpace} from './protectionPlan.js'
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
    .map((v) => `  ${v.volume} (${v.freeGB.toFixed(0)} GB free): ${v.byRpo.map((r) => `${r.rpoMinutes} min ${r.status} — needs ${r.requiredGB.toFixed(0)} GB${r.additionalGB > 0 ? `, add ${r.additionalGB.toFixed(0)} GB` : ''}`).join('; ')}`)
}
