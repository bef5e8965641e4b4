/** Loading without the seconds covered gives the same windows (gaps included) with less memory. */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const profile = join(tmp, 'c.sqlite')

beforeAll(async () => {
  await ingestInputs([join(root, 'samples', 'contoso')], {profile, windowMinutes: 5, excludeInstances: []})
})

describe('loadProfile without coverage', () => {
  it('gives the same measures, NaN where coverage is under the threshold, and no coverage arrays', () => {
    const [full, lean] = withProfile(profile, (store) => [loadProfile(store, {coverageThreshold: 0.9}), loadProfile(store, {coverageThreshold: 0.9, measures: ['writeBytes', 'writeOps'], coverage: false})])
    expect([lean.firstWindow, lean.windowCount]).toEqual([full.firstWindow, full.windowCount])
    let gaps = 0
    full.series.forEach((s, k) => {
      const l = lean.series[k]
      expect(l.coveredSeconds).toHaveLength(0)
      expect(l.readBytes).toHaveLength(0)
      for (let i = 0; i < s.writeBytes.length; i++) {
        // Under 90 % of 300 s covered, or no sample at all: a gap in both.
        const gap = !(s.coveredSeconds[i] >= 270)
        if (gap) gaps++
        expect(Number.isNaN(s.writeBytes[i])).toBe(gap)
        expect(Object.is(l.writeBytes[i], s.writeBytes[i]) || l.writeBytes[i] === s.writeBytes[i]).toBe(true)
        expect(Object.is(l.writeOps[i], s.writeOps[i]) || l.writeOps[i] === s.writeOps[i]).toBe(true)
      }
    })
    // Contoso has a collector gap, a VM switched off and partial first and last windows.
    expect(gaps).toBeGreaterThan(100)
  })
})
