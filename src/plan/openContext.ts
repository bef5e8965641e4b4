/**
 * What the planning commands (bandwidth, whatif bandwidth, whatif outage, plan-protection) do
 * first, in one place: open the profile, load the limits and the VM catalog, lay a newer inventory
 * over the profile if given, and compute the plan context for the scope the flags ask for.
 */
import {readInventory} from '../ingest/inventory.js'
import {type Limits, loadLimits} from '../limits.js'
import {MODEL_MEASURES, openProfileSeries, withInventory} from '../store/loadProfile.js'
import {withProfile} from '../store/profileStore.js'
import {loadVmCatalog, type VmCatalog} from '../vmCatalog.js'
import type {ScopeOptions} from './assessment.js'
import {type PlanContext, planContext} from './context.js'
import type {ReplicationOptions} from './replicationOptions.js'

export interface OpenPlanOptions {
  readonly profile: string
  readonly limits?: string
  readonly vmSizes?: string
  /** An inventory CSV whose facts replace those ingested with the profile. */
  readonly inventory?: string
  readonly scope: ScopeOptions
  readonly managedDisks: boolean
}

export function withPlanContext<T>(open: OpenPlanOptions, options: ReplicationOptions, fn: (context: PlanContext, limits: Limits, catalog: VmCatalog) => T): T {
  const limits = loadLimits(open.limits)
  const catalog = loadVmCatalog(open.vmSizes)
  const inventory = open.inventory ? readInventory(open.inventory).disks : undefined
  return withProfile(open.profile, (store) => {
    const loaded = openProfileSeries(store, {measures: MODEL_MEASURES})
    try {
      const context = planContext(inventory ? withInventory(loaded, inventory) : loaded, options, limits, catalog, open.scope, open.managedDisks)
      try {
        return fn(context, limits, catalog)
      } finally {
        context.basis.close()
      }
    } finally {
      loaded.close()
    }
  })
}
