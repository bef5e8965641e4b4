/**
 * Bad input: a clear error naming file, line and column and what was expected; other files still
 * ingest; nothing of the bad file is kept. Fuzzed: the parsers only ever fail with such an error.
 */
import fc from 'fast-check'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {HvplanError} from '../../src/errors.js'
import {aliasTable} from '../../src/ingest/counterNames.js'
import {WindowEngine} from '../../src/ingest/engine.js'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {EngineLogSink} from '../../src/ingest/logSink.js'
import {parsePdhCsvFast} from '../../src/ingest/pdhFast.js'
import {parsePdhGeneral} from '../../src/ingest/pdhGeneral.js'
import {sniffBytes} from '../../src/ingest/sniff.js'
import {LogClock} from '../../src/ingest/timestamps.js'
import {summarizeProfile} from '../../src/profile/summary.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const HEADER = '"(PDH-CSV 4.0) (UTC)(0)","\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-A-Virtual Hard Disks-A.vhdx)\\Write Bytes/sec","\\\\HV1\\Processor(_Total)\\% Processor Time"'
const row = (t: string, v: string) => `"10/25/2026 ${t}","${v}","5"`
const good = [HEADER, row('00:00:00.000', ' '), row('00:00:15.000', '1000'), row('00:00:30.000', '2000')].join('\r\n') + '\r\n'

describe('bad input', () => {
  it('skips a cell that is no rate as missing, says where the first is, and counts it; both files ingest (issue 16)', async () => {
    const dir = join(tmp, 'mixed')
    const {mkdirSync} = await import('node:fs')
    mkdirSync(dir)
    writeFileSync(join(dir, 'good.csv'), good)
    // "12x4", a hex value, a "+" sign and Infinity: none is a rate; 1e400 and 2e11 B/s are no plausible ones.
    const cells = ['12x4', '0x1F', '+1000', 'Infinity', '1e400', '2e11']
    writeFileSync(join(dir, 'bad.csv'), [HEADER, row('00:00:00.000', ' '), row('00:00:15.000', '1000'), ...cells.map((c, k) => row(`00:00:${String(30 + 5 * k).padStart(2, '0')}.000`, c)), row('00:01:00.000', '3000')].join('\r\n') + '\r\n')
    const profile = join(tmp, 'mixed.sqlite')
    const run = await ingestInputs([dir], {profile, windowMinutes: 5, excludeInstances: []})
    expect(run.failures).toEqual([])
    expect(run.outcomes).toHaveLength(2)
    const bad = run.outcomes.find((o) => o.path.endsWith('bad.csv'))!
    if (bad.status !== 'ingested') throw new Error('bad.csv not ingested')
    expect(bad.quality.stats.invalidCells).toBe(4)
    expect(bad.quality.stats.implausibleCells).toBe(2)
    expect(bad.quality.findings.badCells).toBe('6 cells are no rate (4 not a decimal number, 2 above a plausible rate; skipped as missing, never zero), the first in column 2 at 2026-10-25T00:00:30.000Z (not a number)')
    const store = ProfileStore.open(profile, {create: false})
    const p = loadProfile(store, {coverageThreshold: 0})
    // The same disk: good.csv gives 1000 B/s × 15 s + 2000 B/s × 15 s up to 00:00:30; bad.csv's
    // first interval lies in that time (already covered, not counted twice), its six broken cells
    // are missing (not zero, not infinite), then 3000 B/s × 5 s (00:00:55 → 00:01:00).
    expect(p.series).toHaveLength(1)
    expect(p.series[0].writeBytes[0]).toBe(45_000 + 15_000)
    // Counted in the data-quality rating.
    const quality = summarizeProfile(store).quality
    expect(quality.badCells).toBe(6)
    expect(quality.reasons).toContain('6 cells were no rate (not a decimal number, or above a plausible rate) and were skipped as missing')
    expect(quality.confidence).not.toBe('high')
    store.close()
  })

  it('reports a row with missing cells with its line and column', async () => {
    const file = join(tmp, 'short.csv')
    writeFileSync(file, [HEADER, row('00:00:00.000', ' '), '"10/25/2026 00:00:15.000","1000"'].join('\r\n') + '\r\n')
    const run = await ingestInputs([file], {profile: join(tmp, 'short.sqlite'), windowMinutes: 5, excludeInstances: []})
    expect(run.failures[0].message).toMatch(/^expected 3 quoted cells, this row ends after 2, got "", at .*short\.csv:3:33 — Check the file was exported with relog -f csv or perfmon, not edited by hand$/)
  })

  it('reports a bad timestamp', async () => {
    const file = join(tmp, 'time.csv')
    writeFileSync(file, [HEADER, row('00:00:00.000', ' '), '"25/10/2026 00:00:15.000","1000","5"'].join('\r\n') + '\r\n')
    const run = await ingestInputs([file], {profile: join(tmp, 'time.sqlite'), windowMinutes: 5, excludeInstances: []})
    expect(run.failures[0].message).toMatch(/^expected a real calendar date from 2000 to 2099 \(MM\/dd\/yyyy HH:mm:ss\.fff\), got "25\/10\/2026 00:00:15\.000", at .*time\.csv:3:2 — Check the file was exported with relog -f csv or perfmon, not edited by hand$/)
  })

  for (const [name, stamp] of [['February 30', '02/30/2026 00:00:15.000'], ['year 2999', '10/25/2999 00:00:15.000'], ['year 1601 (Windows zero time)', '01/01/1601 00:00:15.000']]) {
    it(`refuses a sample dated ${name}, located, on the fast path and through csv-parse (issue 16)`, async () => {
      const file = join(tmp, `date-${name.replace(/\W+/g, '-')}.csv`)
      writeFileSync(file, [HEADER, row('00:00:00.000', ' '), `"${stamp}","1000","5"`].join('\r\n') + '\r\n')
      for (const forceCsvParse of [false, true]) {
        const run = await ingestInputs([file], {profile: join(tmp, `date-${forceCsvParse}-${name.length}.sqlite`), windowMinutes: 5, excludeInstances: [], forceCsvParse})
        expect(run.outcomes, `${name} ${forceCsvParse ? 'csv-parse' : 'fast'}`).toEqual([])
        expect(run.failures[0].message).toMatch(/expected (a timestamp such as 10\/25\/2026 14:05:00\.000 \()?a real calendar date from 2000 to 2099/)
        expect(run.failures[0].message).toMatch(/time|date/)
        expect(run.failures[0].message).toMatch(/\.csv:3(:\d+)?/)
      }
    })
  }
})

/** Parses bytes in memory with one of the two parsers; resolves, or rejects with whatever was thrown. */
async function parse(bytes: Buffer, parser: 'fast' | 'general'): Promise<void> {
  const engine = new WindowEngine({windowMs: 300_000, maxIntervalMs: 600_000, emit: () => {}})
  const sink = new EngineLogSink(engine, new LogClock(0, undefined), {aliases: aliasTable(), inventory: undefined, excludes: []}, 'fuzz.csv')
  async function* chunks() {
    // Odd chunk sizes put line breaks at every possible place.
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7)
  }
  if (parser === 'fast') await parsePdhCsvFast(chunks(), 'fuzz.csv', sink)
  else await parsePdhGeneral(chunks(), 'fuzz.csv', {...sniffBytes(bytes, false), kind: 'pdh-csv'}, sink, {maxIntervalMs: 600_000})
  engine.finish()
}

describe('parser fuzzing', () => {
  const mutated = fc
    .tuple(fc.array(fc.tuple(fc.nat(good.length), fc.nat(6), fc.string({maxLength: 6})), {minLength: 1, maxLength: 6}))
    .map(([edits]) => {
      let text = good
      for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove)
      return Buffer.from(text, 'utf8')
    })

  for (const parser of ['fast', 'general'] as const) {
    it(`${parser}: mutated logs either parse or fail with a located input error, never anything else`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated, async (bytes) => {
          try {
            await parse(bytes, parser)
          } catch (error) {
            expect(error).toBeInstanceOf(HvplanError)
            expect((error as HvplanError).location.file).toBe('fuzz.csv')
          }
        }),
        {numRuns: 300},
      )
    })
  }
})
