/**
 * Ingest of the committed Contoso sample equals the generator's ground truth for every disk and
 * 5-minute window: checkpoint .avhdx writes fold into their disk, SQL01's live migration does
 * not split or double it, the DST hour is placed right, noise instances stay out.
 */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ingestInputs, type IngestRunResult} from '../../src/ingest/ingestRun.js'
import {diskKey} from '../../src/ingest/mapping.js'
import {type LoadedProfile, loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {compareWithTruth} from '../helpers/profileVsTruth.js'
import {tempDir} from '../helpers/tmp.js'
import {ms, readTruth} from '../helpers/truth.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const truth = readTruth(SAMPLE)
const tmp = tempDir()
const profilePath = join(tmp, 'contoso.sqlite')
let run: IngestRunResult
let profile: LoadedProfile

beforeAll(async () => {
  run = await ingestInputs([SAMPLE], {profile: profilePath, windowMinutes: 5, excludeInstances: []})
  const store = ProfileStore.open(profilePath, {create: false})
  profile = loadProfile(store, {coverageThreshold: 0})
  store.close()
})

describe('ingest of samples/contoso against its ground truth', () => {
  it('ingests all nine logs without failures and finds the inventory', () => {
    expect(run.failures).toEqual([])
    expect(run.outcomes.map((o) => o.status)).toEqual(Array(9).fill('ingested'))
    expect(run.inventories.map((p) => p.endsWith('inventory.csv'))).toEqual([true])
  })

  it('has exactly the 22 disks of the truth, each mapped by the inventory to its VM', () => {
    expect(profile.disks.length).toBe(22)
    for (const d of truth.disks) {
      const disk = profile.disks.find((p) => p.key === diskKey(d.instance))!
      expect(disk.vm).toBe(d.vm)
      expect(disk.mappedBy).toBe('inventory')
    }
  })

  it('equals the truth in every disk-window, all four measures and coverage', () => {
    const result = compareWithTruth(profile, truth)
    expect(result).toEqual({violations: 0, compared: truth.windows.length, missingDisks: []})
  })

  it('leaves windows without samples as NaN, never 0', () => {
    const present = new Set(truth.windows.map(([w, d]) => `${w}:${diskKey(truth.disks[d].instance)}`))
    const origin = ms(truth.windowOriginUtc) / 300_000
    let missing = 0
    profile.disks.forEach((disk, k) => {
      for (let i = 0; i < profile.windowCount; i++) {
        if (present.has(`${profile.firstWindow + i - origin}:${disk.key}`)) continue
        missing++
        expect(profile.series[k].writeBytes[i]).toBeNaN()
      }
    })
    expect(missing).toBeGreaterThan(40) // HV03's collector gap alone takes 42 windows from each of its disks
  })

  it('is idempotent: ingesting the same files again changes nothing', async () => {
    const again = await ingestInputs([SAMPLE], {profile: profilePath, windowMinutes: 5, excludeInstances: []})
    expect(again.outcomes.map((o) => o.status)).toEqual(Array(9).fill('already-ingested'))
    const store = ProfileStore.open(profilePath, {create: false})
    const reloaded = loadProfile(store, {coverageThreshold: 0})
    store.close()
    expect(reloaded.series.map((s) => Array.from(s.writeBytes))).toEqual(profile.series.map((s) => Array.from(s.writeBytes)))
  })
})
