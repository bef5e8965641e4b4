/**
 * Issue 16, "counted twice": the same counter path twice in one header (also differing only in
 * case). Identical columns are read once, with a warning naming both; columns that disagree refuse
 * the file, naming both columns and the row — on the fast path, through csv-parse, and on the
 * parallel path (byte ranges on workers).
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const PATH = '\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-A-Virtual Hard Disks-A.vhdx)\\Write Bytes/sec'
const SHOUTED = PATH.toUpperCase().replace('WRITE BYTES/SEC', 'Write Bytes/sec')

/** A PDH-CSV of `rows` 15-second samples; each row's cells from `cells(k)` after the timestamp. */
function log(header: readonly string[], rows: number, cells: (k: number) => readonly number[]): string {
  const lines = [['(PDH-CSV 4.0) (UTC)(0)', ...header].map((c) => `"${c}"`).join(',')]
  for (let k = 0; k < rows; k++) {
    const t = new Date(Date.UTC(2026, 9, 25, 0, 0, 15 * k))
    const stamp = `${String(t.getUTCMonth() + 1).padStart(2, '0')}/${String(t.getUTCDate()).padStart(2, '0')}/${t.getUTCFullYear()} ${t.toISOString().slice(11, 23)}`
    lines.push([stamp, ...cells(k).map(String)].map((c) => `"${c}"`).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

/** Bytes written per window of the one disk. */
async function churn(file: string, options: {forceCsvParse?: boolean; splitMinBytes?: number} = {}): Promise<{written: number[]; run: Awaited<ReturnType<typeof ingestInputs>>}> {
  const profile = `${file}.${options.forceCsvParse ? 'csv' : options.splitMinBytes ? 'ranges' : 'fast'}.sqlite`
  const run = await ingestInputs([file], {profile, windowMinutes: 5, excludeInstances: [], ...options})
  const written = run.failures.length ? [] : withProfile(profile, (store) => Array.from(loadProfile(store, {coverageThreshold: 0}).series[0]?.writeBytes ?? []))
  return {written, run}
}

// 2,000 rows (8 h 20 min): large enough to be split into byte ranges with a small split size.
const ROWS = 2000
const paths = {fast: {}, csv: {forceCsvParse: true}, ranges: {splitMinBytes: 4096}} as const

describe('the same counter twice in one header', () => {
  const dir = join(tmp, 'dup')
  mkdirSync(dir, {recursive: true})
  const single = join(dir, 'single.csv')
  writeFileSync(single, log([PATH], ROWS, (k) => [1000 + (k % 7) * 100]))

  for (const [how, options] of Object.entries(paths)) {
    it(`identical columns (one shouted) count once, with a warning naming both (${how})`, async () => {
      const twice = join(dir, `twice-${how}.csv`)
      writeFileSync(twice, log([PATH, SHOUTED], ROWS, (k) => [1000 + (k % 7) * 100, 1000 + (k % 7) * 100]))
      const [a, b] = [await churn(single, options), await churn(twice, options)]
      expect(a.run.failures).toEqual([])
      expect(b.run.failures).toEqual([])
      expect(b.written).toEqual(a.written)
      // By hand: 20 samples of 15 s per 5-minute window, each value × 15 s.
      let byHand = 0
      for (let k = 1; k <= 20; k++) byHand += (1000 + (k % 7) * 100) * 15
      expect(a.written[0]).toBeCloseTo(byHand, 6)
      const ingested = b.run.outcomes.find((o) => o.status === 'ingested')!
      expect(ingested.status === 'ingested' && ingested.quality.findings.duplicateColumns).toEqual([`column 3 repeats column 2 (${SHOUTED})`])
    })

    it(`columns that disagree refuse the file, naming both and the row; the good file still ingests (${how})`, async () => {
      const sub = join(dir, `disagree-${how}`)
      mkdirSync(sub)
      const bad = join(sub, 'b.csv')
      writeFileSync(bad, log([PATH, PATH], ROWS, (k) => [1000, k === 1500 ? 999 : 1000]))
      writeFileSync(join(sub, 'a.csv'), log([PATH], ROWS, () => [1000]))
      const run = await ingestInputs([sub], {profile: join(sub, 'p.sqlite'), windowMinutes: 5, excludeInstances: [], ...options})
      expect(run.failures.map((f) => f.path)).toEqual([bad])
      // Row 1,500 is line 1,502 (the header is line 1); column 3 is the repeat.
      expect(run.failures[0].message).toMatch(/^columns 2 and 3 name the same counter but hold different values \(1000 and 999\); expected each counter once .*, at .*b\.csv:1502:3$/)
      expect(run.outcomes.filter((o) => o.status === 'ingested').map((o) => o.path)).toEqual([join(sub, 'a.csv')])
    })
  }
})
