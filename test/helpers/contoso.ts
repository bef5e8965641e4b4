/** samples/contoso ingested into a temporary profile, and the plan context of it for given options. */
import {join} from 'node:path'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadLimits} from '../../src/limits.js'
import {DEFAULT_SCOPE, type ScopeOptions} from '../../src/plan/assessment.js'
import {type PlanContext, planContext} from '../../src/plan/context.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {type LoadedProfile, loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'
import {loadVmCatalog} from '../../src/vmCatalog.js'

export const CONTOSO = join(import.meta.dirname, '..', '..', 'samples', 'contoso')

export async function ingestContoso(dir: string): Promise<{path: string; profile: LoadedProfile}> {
  const path = join(dir, 'contoso.sqlite')
  await ingestInputs([CONTOSO], {profile: path, windowMinutes: 5, excludeInstances: []})
  return {path, profile: withProfile(path, (store) => loadProfile(store, {coverage: false}))}
}

/** The plan context (basis, assessment, scope, send series) of a loaded profile. */
export function contextOf(profile: LoadedProfile, options: Parameters<typeof normalizeReplicationOptions>[0] = {}, scope: Partial<ScopeOptions> = {}, limitsFile?: string): PlanContext {
  return planContext(profile, normalizeReplicationOptions(options), loadLimits(limitsFile), loadVmCatalog(), {...DEFAULT_SCOPE, ...scope}, true)
}
