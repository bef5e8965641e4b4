/**
 * The start every planning command shares, computed once: the basis (filled series), each VM's
 * assessment, the scope (the VMs to protect, unless --all-vms) and the scope's send series.
 */
import type {Limits} from '../limits.js'
import type {LoadedProfile, ProfileSeries} from '../store/loadProfile.js'
import type {VmCatalog} from '../vmCatalog.js'
import {assessVms, type ProtectionScope, protectionScope, type ScopeOptions, type VmAssessment} from './assessment.js'
import {type PlanBasis, planBasis} from './basis.js'
import type {ReplicationOptions} from './replicationOptions.js'
import {type SendSeries, sendSeries, siteBandwidths} from './replicationPlan.js'

export interface PlanContext {
  readonly basis: PlanBasis
  readonly assessed: readonly VmAssessment[]
  readonly scope: ProtectionScope
  readonly send: SendSeries
}

export function planContext(profile: LoadedProfile | ProfileSeries, options: ReplicationOptions, limits: Limits, catalog: VmCatalog, scopeOptions: ScopeOptions, managedDisks: boolean): PlanContext {
  const basis = planBasis(profile, options)
  const assessed = assessVms(basis, limits, catalog, managedDisks)
  const scope = protectionScope(assessed, scopeOptions, profile.withoutData)
  return {basis, assessed, scope, send: sendSeries(basis, scope.vms)}
}

/** B100 and B90 per RPO for every profiled VM, as if each incompatible VM were fixed. */
export interface AfterFixes {
  readonly vms: number
  readonly rpos: ReadonlyArray<{readonly rpoMinutes: number; readonly bandwidth100Mbps: number; readonly bandwidth90Mbps: number}>
}

/** The "after fixes" figures beside the scope's; null when the scope is every profiled VM already (nothing to fix, or --all-vms). */
export function afterFixes(context: PlanContext): AfterFixes | null {
  const every = context.assessed.map((v) => v.vm)
  if (context.scope.vms.length === every.length) return null
  return {vms: every.length, rpos: siteBandwidths(sendSeries(context.basis, every), context.basis)}
}
