/**
 * Profile rules on small hand-made logs, with expected values worked out by hand:
 * overlapping files are not counted twice, new days append, --from/--to and --exclude-instance
 * cut what they should, instances without an inventory entry are guessed and reported,
 * localized and ASCII-mangled names and user aliases are recognised.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let n = 0

/** A PDH-CSV in UTC with one VSD Write Bytes/sec column per instance; rows: [hh:mm:ss, ...values]. */
function log(instances: string[], rows: Array<[string, ...string[]]>, options: {object?: string; counters?: string[]; day?: string} = {}): string {
  const object = options.object ?? 'Hyper-V Virtual Storage Device'
  const counters = options.counters ?? ['Write Bytes/sec']
  const header = ['(PDH-CSV 4.0) (UTC)(0)', ...instances.flatMap((i) => counters.map((c) => `\\\\HV1\\${object}(${i})\\${c}`))]
  // Each instance's value is repeated for each of its counters.
  const lines = [header, ...rows.map(([t, ...v]) => [`${options.day ?? '10/25/2026'} ${t}.000`, ...v.flatMap((x) => counters.map(() => x))])]
  return lines.map((cells) => `"${cells.join('","')}"`).join('\r\n') + '\r\n'
}

async function ingestFiles(files: Record<string, string | Buffer>, extra: Partial<Parameters<typeof ingestInputs>[1]> = {}, profile = join(tmp, `p${++n}.sqlite`)) {
  const dir = join(tmp, `in${n}-${Object.keys(files).join('-').replace(/[^a-z0-9-]/gi, '')}`)
  mkdirSync(dir, {recursive: true})
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const run = await ingestInputs([dir], {profile, windowMinutes: 5, excludeInstances: [], ...extra})
  const store = ProfileStore.open(profile, {create: false})
  const loaded = loadProfile(store, {coverageThreshold: 0})
  store.close()
  return {run, loaded, profile}
}

const A = 'D:-Hyper-V-APP-Virtual Hard Disks-APP.vhdx'
const steady = (from: number, to: number, rate: string): Array<[string, string]> => {
  const rows: Array<[string, string]> = []
  for (let s = from; s <= to; s += 60) rows.push([`${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`, rows.length === 0 ? ' ' : rate])
  return rows
}

describe('profile rules', () => {
  it('counts samples that two files share only once', async () => {
    // File 1 covers 00:00–00:10 at 1000 B/s, file 2 (another export) 00:05–00:15 at 1000 B/s.
    const {run, loaded} = await ingestFiles({'a.csv': log([A], steady(0, 600, '1000')), 'b.csv': log([A], steady(300, 900, '1000'))})
    expect(run.failures).toEqual([])
    const w = loaded.series[0].writeBytes
    // Three windows of 300 s at 1000 B/s: 300,000 bytes each, not 600,000 in the overlap.
    expect(Array.from(w)).toEqual([300_000, 300_000, 300_000])
    const clipped = run.outcomes.map((o) => (o.status === 'ingested' ? o.quality.stats.overlapClippedMs : -1))
    expect(clipped).toEqual([0, 300_000])
  })

  it('appends a new day to an existing profile', async () => {
    const first = await ingestFiles({'day1.csv': log([A], steady(0, 600, '1000'))})
    const second = await ingestFiles({'day2.csv': log([A], steady(0, 600, '2000'), {day: '10/26/2026'})}, {}, first.profile)
    expect(second.run.outcomes.map((o) => o.status)).toEqual(['ingested'])
    const w = second.loaded.series[0].writeBytes
    expect(w.length).toBe(288 + 2)
    expect(w[0]).toBe(300_000)
    expect(w[288]).toBe(600_000)
    expect(Number.isNaN(w[100])).toBe(true)
  })

  it('keeps only [--from, --to) and leaves out instances matching --exclude-instance', async () => {
    const B = 'D:-Hyper-V-APP-Virtual Hard Disks-APP-pagefile.vhdx'
    const rows = steady(0, 900, '1000').map(([t, v]) => [t, v, v] as [string, string, string])
    const {loaded} = await ingestFiles({'c.csv': log([A, B], rows)}, {from: '2026-10-25T00:05:00Z', to: '2026-10-25T00:10:00Z', excludeInstances: ['*pagefile*']})
    expect(loaded.disks.map((d) => d.instance)).toEqual([A])
    expect(Array.from(loaded.series[0].writeBytes)).toEqual([300_000])
  })

  it('guesses VM and volume without an inventory and reports each guess', async () => {
    const C = 'C:-ClusterStorage-Volume2-VMs-SQL-01-Virtual Hard Disks-SQL-01_data.vhdx'
    const {run, loaded} = await ingestFiles({'d.csv': log([C], steady(0, 300, '10'))})
    expect(loaded.disks[0]).toMatchObject({vm: '01', volume: 'C:\\ClusterStorage\\Volume2', mappedBy: 'heuristic'})
    const o = run.outcomes[0]
    expect(o.status === 'ingested' && o.quality.findings.guessedInstances).toEqual([C])
  })

  it('reads German, ASCII-mangled and user-aliased names', async () => {
    const de = Buffer.from(log([A], steady(0, 300, '1000'), {object: 'Virtuelle Hyper-V-Speichervorrichtung', counters: ['Geschriebene Bytes/s', 'Schreibvorgänge/s']}), 'latin1')
    const mangled = log([A], steady(0, 300, '1000'), {object: 'Virtuelle Hyper-V-Speichervorrichtung', counters: ['Geschriebene Bytes/s', 'Schreibvorg?nge/s']}).replaceAll('10/25/2026', '10/26/2026')
    const aliases = join(tmp, 'aliases.json')
    writeFileSync(aliases, JSON.stringify({vsdObjects: ['Périphérique de stockage virtuel Hyper-V'], counters: {writeBytes: ['Octets écrits/s']}}))
    const fr = log([A], steady(0, 300, '1000'), {object: 'Périphérique de stockage virtuel Hyper-V', counters: ['Octets écrits/s']}).replaceAll('10/25/2026', '10/27/2026')
    const {run, loaded} = await ingestFiles({'de.csv': de, 'mangled.csv': mangled, 'fr.csv': fr}, {aliases})
    expect(run.failures).toEqual([])
    const ops = loaded.series[0].writeOps
    const bytes = loaded.series[0].writeBytes
    // Every file: rows at 0, 60, …, 300 s, the first blank: 1000 per second × 300 s in window 0.
    expect([bytes[0], ops[0]]).toEqual([300_000, 300_000])
    expect([bytes[288], ops[288]]).toEqual([300_000, 300_000])
    expect(bytes[576]).toBe(300_000)
    const localized = run.outcomes.flatMap((o) => (o.status === 'ingested' ? o.quality.findings.localizedNames : []))
    expect(localized).toContain('Virtuelle Hyper-V-Speichervorrichtung\\Schreibvorgänge/s')
  })
})
