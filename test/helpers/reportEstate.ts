/**
 * A small generated estate whose first VM is named like a formula, ingested, and its report document.
 * The name is one ASR refuses (it holds `"`), so the VM is forced into the plan (--include-vm) to
 * carry the name through every table and chart.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadLimits} from '../../src/limits.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {buildReport, type ReportDocument, type ReportOptions} from '../../src/report/document.js'
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from '../../src/sample/generate.js'
import {withProfile} from '../../src/store/profileStore.js'
import {loadVmCatalog} from '../../src/vmCatalog.js'

export const EVIL = '=HYPERLINK("x")'

/** Generates and ingests the estate under dir; returns the profile path and a report builder. */
export async function reportEstate(dir: string): Promise<{profile: string; report: (options?: Partial<ReportOptions>) => ReportDocument}> {
  const estate = join(dir, 'estate')
  generateSample({...DEFAULT_SAMPLE_OPTIONS, vms: 3, days: 1, intervalSeconds: 60}, estate)
  const inventory = join(estate, 'inventory.csv')
  writeFileSync(inventory, readFileSync(inventory, 'utf8').replaceAll('"SQL01"', `"${EVIL.replaceAll('"', '""')}"`))
  const profile = join(dir, 'p.sqlite')
  await ingestInputs([estate], {profile, windowMinutes: 5, excludeInstances: []})
  const report = (options: Partial<ReportOptions> = {}) =>
    withProfile(profile, (store) => buildReport(store, {replication: normalizeReplicationOptions({}), scope: {includeVms: [EVIL], excludeVms: [], allVms: false}, bandwidthMbps: 100, outageHours: 4, managedDisks: true, ...options}, loadLimits(), loadVmCatalog()))
  return {profile, report}
}
