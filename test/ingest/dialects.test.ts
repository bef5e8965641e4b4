/**
 * Every dialect the sample generator writes ingests to that estate's ground truth, and the fast
 * path and the csv-parse path agree exactly on the same files.
 */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {DIALECTS, type Dialect} from '../../src/sample/dialects.js'
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from '../../src/sample/generate.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {compareWithTruth} from '../helpers/profileVsTruth.js'
import {tempDir} from '../helpers/tmp.js'
import {readTruth} from '../helpers/truth.js'

const tmp = tempDir()
const options = {...DEFAULT_SAMPLE_OPTIONS, vms: 5, days: 2, intervalSeconds: 60}

async function ingestTo(dir: string, name: string, extra: {tz?: string; forceCsvParse?: boolean} = {}) {
  const profile = join(tmp, `${name}.sqlite`)
  const run = await ingestInputs([dir], {profile, windowMinutes: 5, excludeInstances: [], ...extra})
  const store = ProfileStore.open(profile, {create: false})
  const loaded = loadProfile(store, {coverageThreshold: 0})
  store.close()
  return {run, loaded}
}

describe('ingest of every dialect', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect} equals its ground truth`, async () => {
      const dir = join(tmp, dialect)
      // The long format repeats timestamp and path on every value: one day keeps the test quick.
      generateSample({...options, dialect, days: dialect === 'get-counter' ? 1 : options.days}, dir)
      const needsZone = dialect === 'typeperf' || dialect === 'get-counter'
      const {run, loaded} = await ingestTo(dir, dialect, needsZone ? {tz: 'W. Europe Standard Time'} : {})
      expect(run.failures).toEqual([])
      const truth = readTruth(dir)
      const result = compareWithTruth(loaded, truth)
      expect(result.missingDisks).toEqual([])
      expect(result.compared).toBe(truth.windows.length)
      expect(result.violations).toBe(0)
    })
  }

  it('without --tz a log that names no zone fails with a clear message, and the others still ingest', async () => {
    const {run} = await ingestTo(join(tmp, 'typeperf'), 'typeperf-no-tz')
    expect(run.failures.length).toBeGreaterThan(0)
    expect(run.failures[0].message).toMatch(/the log names no time zone \(pdh-csv-no-zone\): pass --tz/)
  })

  it('the fast path and csv-parse give identical profiles for the same PDH-CSV files', async () => {
    const dir = join(tmp, 'pdh-csv')
    const fast = await ingestTo(dir, 'fast')
    const general = await ingestTo(dir, 'general', {forceCsvParse: true})
    expect(general.run.outcomes.every((o) => o.status === 'ingested' && o.quality.parser === 'csv-parse')).toBe(true)
    expect(fast.run.outcomes.every((o) => o.status === 'ingested' && o.quality.parser === 'fast')).toBe(true)
    expect(general.loaded.firstWindow).toBe(fast.loaded.firstWindow)
    general.loaded.series.forEach((s, k) => {
      expect(Array.from(s.writeBytes)).toEqual(Array.from(fast.loaded.series[k].writeBytes))
      expect(Array.from(s.readOps)).toEqual(Array.from(fast.loaded.series[k].readOps))
      expect(Array.from(s.coveredSeconds)).toEqual(Array.from(fast.loaded.series[k].coveredSeconds))
    })
  })
})

export type {Dialect}
