/**
 * Large plain logs are parsed in two byte ranges on worker threads; the profile must be the same
 * as from one sequential pass, and equal the ground truth.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from '../../src/sample/generate.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {compareWithTruth} from '../helpers/profileVsTruth.js'
import {tempDir} from '../helpers/tmp.js'
import {readTruth} from '../helpers/truth.js'

const tmp = tempDir()

async function ingest(dir: string, name: string, splitMinBytes: number) {
  const profile = join(tmp, `${name}.sqlite`)
  const run = await ingestInputs([dir], {profile, windowMinutes: 5, excludeInstances: [], splitMinBytes})
  const store = ProfileStore.open(profile, {create: false})
  const loaded = loadProfile(store, {coverageThreshold: 0})
  store.close()
  return {run, loaded}
}

describe('parallel byte-range ingest', () => {
  it('gives the sequential profile and the ground truth, seams included', async () => {
    const dir = join(tmp, 'estate')
    generateSample({...DEFAULT_SAMPLE_OPTIONS, vms: 6, days: 2}, dir)
    const sequential = await ingest(dir, 'sequential', Number.MAX_SAFE_INTEGER)
    const parallel = await ingest(dir, 'parallel', 1)
    const ranges = parallel.run.outcomes.map((o) => (o.status === 'ingested' ? o.quality.ranges : 0))
    // Monday's files split in two; Sunday's middle falls in the repeated DST hour, so they may not.
    expect(ranges.filter((r) => r === 2).length).toBeGreaterThanOrEqual(4)
    expect(parallel.run.failures).toEqual([])
    parallel.loaded.series.forEach((s, k) => {
      const seq = sequential.loaded.series[k]
      for (let i = 0; i < s.writeBytes.length; i++) {
        const a = s.writeBytes[i]
        const b = seq.writeBytes[i]
        if (Number.isNaN(b)) expect(a).toBeNaN()
        else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, b))
        expect(Math.abs(s.coveredSeconds[i] - seq.coveredSeconds[i])).toBeLessThan(1e-9)
      }
    })
    const truth = readTruth(dir)
    expect(compareWithTruth(parallel.loaded, truth)).toEqual({violations: 0, compared: truth.windows.length, missingDisks: []})

    // The first range's worker hashes the whole file: the stored content hash is the file's SHA-256,
    // so a later sequential run of the same files finds every one already ingested.
    const store = ProfileStore.open(join(tmp, 'parallel.sqlite'), {create: false})
    const stored = store.files().map(({path, sha256}) => ({path, sha256}))
    store.close()
    expect(stored.length).toBe(parallel.run.outcomes.length)
    for (const f of stored) expect(f.sha256).toBe(createHash('sha256').update(readFileSync(f.path)).digest('hex'))
    const again = await ingestInputs([dir], {profile: join(tmp, 'parallel.sqlite'), windowMinutes: 5, excludeInstances: [], splitMinBytes: Number.MAX_SAFE_INTEGER})
    expect(again.outcomes.map((o) => o.status)).toEqual(parallel.run.outcomes.map(() => 'already-ingested'))
  })
})
