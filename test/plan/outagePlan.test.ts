import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {planOutage} from '../../src/plan/outagePlan.js'
import {type LoadedProfile, loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const MB = 2 ** 20

/** One VM, one 100 GB disk on D:\ with 30 GB free, writing a constant 1 MB/s for a week. */
function constantProfile(): LoadedProfile {
  const n = 288 * 7
  const write = new Float64Array(n).fill(MB * 300)
  return {
    windowSeconds: 300,
    firstWindow: 0,
    windowCount: n,
    disks: [{id: 1, key: 'd', vm: 'VM1', volume: 'D:\\', instance: 'D:-VM1.vhdx', mappedBy: 'inventory', hosts: ['HV1'], inventory: {maxSizeGB: 100, volume: 'D:\\', volumeFreeGB: 30, host: 'HV1', cluster: ''}}],
    series: [{writeBytes: write, readBytes: new Float64Array(0), writeOps: new Float64Array(0), readOps: new Float64Array(0), coveredSeconds: new Float64Array(n).fill(300)}],
  }
}

describe('outage tolerance plan', () => {
  it('constant churn c and VHD size S: the VM tolerates 0.5·S / c, the volume its free space / c (with growth)', () => {
    const plan = planOutage(constantProfile(), 4, 30, 0.5)
    // 50 GB at 1.3 MB/s = 51,200 MB / 1.3 = 39,384.6 s = 10.94 h; 30 GB: 6.56 h.
    expect(plan.vms[0].worstHours).toBeCloseTo(51_200 / 1.3 / 3600, 9)
    expect(plan.vms[0].typicalHours).toBeCloseTo(51_200 / 1.3 / 3600, 9)
    expect(plan.volumes[0]).toMatchObject({name: 'HV1 D:\\', capacityGB: 30})
    expect(plan.volumes[0].worstHours).toBeCloseTo(30_720 / 1.3 / 3600, 9)
    expect(plan.vms[0].verdict).toBe('survives')
    expect(planOutage(constantProfile(), 8, 30, 0.5).volumes[0].verdict).toBe('fails')
    expect(plan.profileHours).toBe(168)
  })

  it('on Contoso the pagefile VM tolerates the least, and a 12-hour outage puts it at risk', async () => {
    const tmp = tempDir()
    const path = join(tmp, 'c.sqlite')
    await ingestInputs([join(import.meta.dirname, '..', '..', 'samples', 'contoso')], {profile: path, windowMinutes: 5, excludeInstances: []})
    const store = ProfileStore.open(path, {create: false})
    const profile = loadProfile(store, {measures: ['writeBytes']})
    store.close()
    const plan = planOutage(profile, 12, 30, 0.5)
    expect(plan.vms[0].name).toBe('RDS01')
    expect(plan.vms[0].capacityGB).toBe(192) // 0.5 × (320 + 64) GB
    expect(plan.vms[0].verdict).toBe('at risk')
    expect(plan.unknown).toEqual([])
    expect(plan.volumes.map((v) => v.name)).toContain('HV04 E:\\')
  })
})
