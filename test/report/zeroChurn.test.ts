/** An estate that writes nothing: 0 Mbps and a note in every figure, no error anywhere (it crashed with "bandwidthBytesPerSec must be positive"). */
import {runCommand} from '@oclif/test'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadLimits} from '../../src/limits.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'
import {buildReport} from '../../src/report/document.js'
import {writeReport} from '../../src/report/writeReport.js'
import {ProfileStore, withProfile} from '../../src/store/profileStore.js'
import {loadVmCatalog} from '../../src/vmCatalog.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()

/** Two VMs, one disk each, a day of 5-minute windows that write and read nothing. */
function zeroProfile(): string {
  const path = join(tmp, 'zero.sqlite')
  const store = ProfileStore.open(path, {create: true, windowSeconds: 300})
  const day = Math.floor(Date.UTC(2026, 9, 26) / 86_400_000)
  store.transaction(() => {
    for (const vm of ['VMA', 'VMB']) {
      const inventory = {host: 'HV1', cluster: '', vm, generation: 2, vcpus: 2, memoryMB: 4096, nics: 1, path: `D:\\${vm}.vhdx`, diskRole: 'OS', maxSizeGB: 127, fileSizeGB: 40, sharedVhdx: false, virtualFibreChannel: false, volume: 'D:\\', volumeFreeGB: 500}
      const id = store.diskId({key: `d:-${vm.toLowerCase()}.vhdx`, vm, volume: 'D:\\', instance: `D:-${vm}.vhdx`, mappedBy: 'inventory', inventory})
      const zero = new Float64Array(288)
      store.addDay(id, day, [zero, zero, zero, zero, new Float64Array(288).fill(300)])
      store.noteHost(id, 'HV1', day * 86_400_000, (day + 1) * 86_400_000)
    }
  })
  store.close()
  return path
}

describe('zero churn', () => {
  it('gives 0 Mbps with "no churn" as what sets it, batches and outage without an error, and writes every output', async () => {
    const path = zeroProfile()
    const doc = withProfile(path, (store) => buildReport(store, {replication: normalizeReplicationOptions({}), bandwidthMbps: undefined, outageHours: 4, managedDisks: true}, loadLimits(), loadVmCatalog()))
    expect(doc.scope.vms).toEqual(['VMA', 'VMB'])
    expect(doc.bandwidth.rpos.map((r) => [r.bandwidth100Mbps, r.bandwidth90Mbps, r.driver.kind])).toEqual([[0, 0, 'no churn'], [0, 0, 'no churn'], [0, 0, 'no churn']])
    expect(doc.whatIf.map((w) => w.atBandwidth90)).toEqual([null, null, null])
    // Nothing written: no log space is needed, whatever the IR takes.
    for (const v of doc.protection.volumes) for (const r of v.byRpo) expect([r.requiredGB, r.status]).toEqual([0, 'ok'])
    expect(doc.outage.vms.map((v) => v.worstHours)).toEqual([Infinity, Infinity])
    await writeReport(doc, {xlsx: join(tmp, 'z.xlsx'), pdf: join(tmp, 'z.pdf'), json: join(tmp, 'z.json')})
    // The commands that crashed: bandwidth and plan-protection.
    const root = join(import.meta.dirname, '..', '..')
    const bandwidth = await runCommand(['bandwidth', '--profile', path], {root})
    expect(bandwidth.error).toBeUndefined()
    expect(bandwidth.stdout).toMatch(/\n +15 +0\.0 +0\.0 +no churn in the profile: nothing to replicate\n/)
    const protection = await runCommand(['plan-protection', '--profile', path], {root})
    expect(protection.error).toBeUndefined()
    expect(protection.stdout).toContain('IR batches for RPO 15 min at 0.0 Mbps')
  })
})
