import {diskKey} from '../../src/ingest/mapping.js'
import type {LoadedProfile} from '../../src/store/loadProfile.js'
import {ms, type Truth} from './truth.js'

/**
 * Compares a 5-minute profile with the generator's truth (kept to 1/1000): `violations` counts
 * values off by more than 1e-3 + 1e-9 × |truth|; `compared` the disk-windows compared.
 */
export function compareWithTruth(profile: LoadedProfile, truth: Truth): {violations: number; compared: number; missingDisks: string[]} {
  const windowsPerTruthWindow = truth.windowSeconds / profile.windowSeconds
  if (windowsPerTruthWindow !== 1) throw new Error('compare only 5-minute profiles')
  const origin = ms(truth.windowOriginUtc) / (truth.windowSeconds * 1000)
  const byKey = new Map(profile.disks.map((d, i) => [d.key, i]))
  const missingDisks = truth.disks.filter((d) => !byKey.has(diskKey(d.instance))).map((d) => d.instance)
  let violations = 0
  let compared = 0
  for (const [w, d, ...expected] of truth.windows) {
    const k = byKey.get(diskKey(truth.disks[d].instance))
    if (k === undefined) continue
    const s = profile.series[k]
    const i = origin + w - profile.firstWindow
    const got = [s.writeBytes[i], s.readBytes[i], s.writeOps[i], s.readOps[i], s.coveredSeconds[i]]
    for (let m = 0; m < 5; m++) if (!(Math.abs(got[m] - expected[m]) <= 1e-3 + 1e-9 * Math.abs(expected[m]))) violations++
    compared++
  }
  return {violations, compared, missingDisks}
}
