/** What the ingest tests read back from a run: what it said, and what the profile holds. */
import {loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'

/** What a CLI run printed and failed with, unwrapped (oclif wraps warnings at the terminal's width). */
export const said = (r: {stdout: string; stderr: string; error?: Error}) => `${r.stdout} ${r.stderr} ${r.error?.message ?? ''}`.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')

/** Every disk's write bytes per window, by disk key (NaN as null), for comparing two profiles. */
export function writes(profile: string): Record<string, Array<number | null>> {
  return withProfile(profile, (store) => {
    const p = loadProfile(store, {measures: ['writeBytes']})
    return Object.fromEntries(p.disks.map((d, k) => [d.key, Array.from(p.series[k].writeBytes, (v) => (Number.isNaN(v) ? null : v))]))
  })
}
