/**
 * Real perfmon logs written on other people's Windows machines (../shared/real, read from there,
 * never copied into the repository). None holds Hyper-V counters; their disk counters go through
 * the churn pipeline with the alias files shipped beside them, and the profile's sums must equal
 * an independent integration: each value × the seconds since the previous sample set, summed per
 * instance (intervals over 10 minutes are gaps, blank cells are missing).
 */
import {runCommand} from '@oclif/test'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestInputs, type IngestRunOptions, logsWithoutDisks, nothingUsable} from '../../src/ingest/ingestRun.js'
import {ingestWarnings} from '../../src/ingest/formatIngest.js'
import {exportRows} from '../../src/profile/export.js'
import {importRetailPrices, missingPriceWarnings, readRetailPages, type RetailItem} from '../../src/prices/retailImport.js'
import {withProfile} from '../../src/store/profileStore.js'
import {parseUsTimestamp, splitCounterPath} from '../helpers/logs.js'
import {tempDir} from '../helpers/tmp.js'

const REAL = join(import.meta.dirname, '..', '..', '..', 'shared', 'real')
const tmp = tempDir()
const have = existsSync(REAL)

/** An independent reading of a PDH-CSV (LF or CRLF): Σ value × Δt per instance of `object\counter`. */
function integrate(file: string, object: string, counter: string): Map<string, number> {
  const lines = readFileSync(file, 'latin1').split(/\r?\n/).filter((l) => l.length > 0)
  const separator = lines[0].includes('"\t"') ? '"\t"' : '","'
  const cells = (line: string) => line.slice(1, -1).split(separator)
  const header = cells(lines[0])
  const columns = header.slice(1).map((h, k) => ({k: k + 1, path: splitCounterPath(h)})).filter((c) => c.path.object === object && c.path.counter === counter && c.path.instance !== undefined)
  const sums = new Map<string, number>()
  let previous = NaN
  for (const line of lines.slice(1)) {
    const row = cells(line)
    const t = parseUsTimestamp(row[0])
    const dt = (t - previous) / 1000
    if (dt > 0 && dt <= 600) {
      for (const c of columns) {
        const v = row[c.k].trim()
        if (v !== '') sums.set(c.path.instance!, (sums.get(c.path.instance!) ?? 0) + Number(v) * dt)
      }
    }
    previous = t
  }
  return sums
}

/** ingestInputs' options for these tests: 5-minute windows, no excluded instances. */
function runOptions(profile: string, extra: Partial<IngestRunOptions> = {}): IngestRunOptions {
  return {profile, windowMinutes: 5, excludeInstances: [], ...extra}
}

/** The profile's write bytes summed per disk (the instance name, as no inventory maps it). */
function profileWrites(profile: string): Map<string, number> {
  return withProfile(profile, (store) => {
    const sums = new Map<string, number>()
    for (const r of exportRows(store)) sums.set(String(r.disk), (sums.get(String(r.disk)) ?? 0) + Number(r.write_bytes))
    return sums
  })
}

describe.runIf(have)('real perfmon logs (../shared/real)', () => {
  it('cn-physicaldisk-processor: accepted with a warning naming the description column; PhysicalDisk sums equal the integration', async () => {
    const file = join(REAL, 'cn-physicaldisk-processor', 'Performance Counter.csv')
    const profile = join(tmp, 'cn.sqlite')
    const run = await ingestInputs([file], runOptions(profile, {aliases: join(REAL, 'aliases', 'cn.json')}))
    expect(run.failures).toEqual([])
    expect(run.outcomes.map((o) => o.status)).toEqual(['ingested'])
    const warnings = ingestWarnings(run)
    expect(warnings.some((w) => w.includes('1 header column that is not a counter path, ignored (column 2633: "Generate a report detailing'))).toBe(true)
    const expected = integrate(file, 'PhysicalDisk', 'Disk Write Bytes/sec')
    expect([...expected.keys()].sort()).toEqual(['0 C:', '_Total'])
    const got = profileWrites(profile)
    for (const [instance, bytes] of expected) {
      const key = [...got.keys()].find((k) => k.toLowerCase() === instance.toLowerCase())!
      expect(key, instance).toBeDefined()
      expect(Math.abs(got.get(key)! - bytes) / Math.max(1, bytes)).toBeLessThan(1e-8)
    }
  })

  it('us-process-anydesk: zone recognised; says there are no Hyper-V Virtual Storage Device counters, naming the objects it has; nothing usable', async () => {
    const run = await ingestInputs([join(REAL, 'us-process-anydesk')], runOptions(join(tmp, 'us.sqlite')))
    expect(run.failures).toEqual([])
    const empty = logsWithoutDisks(run)
    expect(empty).toHaveLength(3)
    for (const f of empty) expect(f.text).toMatch(/^no Hyper-V Virtual Storage Device counters; the log has Process \(\d+ counters?\)$/)
    // The folder's PROVENANCE.txt is skipped in one summarised line, not a failure.
    expect(ingestWarnings(run).filter((w) => w.startsWith('skipped 1 file found in the folders'))).toHaveLength(1)
    expect(nothingUsable(run)!.message).toMatch(/^nothing usable was ingested: .*DataCollector01\.csv: no Hyper-V Virtual Storage Device counters; the log has Process/)
    expect(nothingUsable(run)!.code).toBe('E_NOTHING_INGESTED')
  })

  it('ru-cp1251-process: names decode as Cyrillic (Процесс); the cut zone cell asks for --tz; --tz "Russian Standard Time" is accepted', async () => {
    const file = join(REAL, 'ru-cp1251-process', 'DataCollector01.csv')
    const without = await ingestInputs([file], runOptions(join(tmp, 'ru1.sqlite')))
    expect(without.failures.map((f) => f.message)).toEqual([`the log's time-zone cell is cut off ("(PDH-CSV 4.0) (RTZ 2 ("): pass --tz with the hosts' time zone, a Windows ID such as --tz "Russian Standard Time" or an IANA name such as --tz Europe/Moscow, at ${file}:1`])
    const run = await ingestInputs([file], runOptions(join(tmp, 'ru2.sqlite'), {tz: 'Russian Standard Time'}))
    expect(run.failures).toEqual([])
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.encoding).toMatchObject({name: 'windows-1251', by: 'script'})
    expect(o.quality.timeZoneSource).toBe('--tz')
    // Every column is a Процесс counter: 1,104 of them, by an independent count of the header.
    const header = readFileSync(file, 'latin1').split(/\r?\n/)[0]
    expect(o.quality.findings.ignoredObjects).toEqual({Процесс: header.split('","').length - 1})
    expect(ingestWarnings(run)[0]).toMatch(/read as windows-1251 \(code page 1251\), found from the words it makes \(Процесс/)
    // No disk: nothing usable, said with the object it has.
    expect(nothingUsable(run)!.message).toContain('the log has Процесс (1,104 counters)')
  })

  it('es-resaved-semicolon: a spreadsheet re-save (" ; ", decimal commas, padded cells, blank rows) is read; with aliases/es.json its sums equal the original log\'s integration', async () => {
    const file = join(REAL, 'es-resaved-semicolon', '2new_csv.csv')
    const profile = join(tmp, 'resaved.sqlite')
    const run = await ingestInputs([file], runOptions(profile, {aliases: join(REAL, 'aliases', 'es.json')}))
    expect(run.failures).toEqual([])
    expect(run.outcomes.map((o) => o.status)).toEqual(['ingested'])
    // The re-save is the uploader's copy of es-csv-cp1252's log, values rounded to 10 digits.
    const expected = integrate(join(REAL, 'es-csv-cp1252', 'DataCollector01.csv'), 'Disco físico', 'Transferencias de disco/s')
    const got = profileWrites(profile)
    expect([...got.keys()]).toEqual(['_Total'])
    expect(Math.abs(got.get('_Total')! - expected.get('_Total')!) / expected.get('_Total')!).toBeLessThan(1e-8)
  })

  it('la-perf-table-export: recognised as a Log Analytics Perf export; without Hyper-V counters says so; with aliases/la.json each sample covers the span since its counter\'s previous sample', async () => {
    const file = join(REAL, 'la-perf-table-export', 'Perf.csv')
    const bare = await ingestInputs([file], runOptions(join(tmp, 'la1.sqlite')))
    expect(nothingUsable(bare)!.message).toMatch(/Perf\.csv: no Hyper-V Virtual Storage Device counters; the log has LogicalDisk \(64 counters\), .*Logical Disk \(48 counters\)/)
    const profile = join(tmp, 'la2.sqlite')
    const run = await ingestInputs([file], runOptions(profile, {aliases: join(REAL, 'aliases', 'la.json')}))
    expect(run.failures).toEqual([])
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.timeZoneSource).toBe('header') // UTC by definition
    // Independently: per CounterPath of LogicalDisk\Disk Writes/sec, samples sorted by time,
    // Σ value × seconds since that counter's previous sample (spans over 10 minutes are gaps).
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)
    const cells = (line: string) => [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]).slice(0, -1)
    const header = cells(lines[0])
    const col = (name: string) => header.indexOf(name)
    const samples = new Map<string, Array<[number, number]>>()
    for (const line of lines.slice(1)) {
      const r = cells(line)
      if (r[col('ObjectName')] !== 'LogicalDisk' || r[col('CounterName')] !== 'Disk Writes/sec') continue
      // Each counter on its own clock: one series per host and instance.
      const key = `${r[col('Computer')]}|${r[col('InstanceName')]}`
      samples.set(key, [...(samples.get(key) ?? []), [Date.parse(r[col('TimeGenerated')]), Number(r[col('CounterValue')])]])
    }
    expect(samples.size).toBe(8) // two hosts
    // The profile keeps a disk per instance name (no inventory): the hosts' C: add up.
    const expected = new Map<string, number>()
    for (const [key, list] of samples) {
      list.sort((a, b) => a[0] - b[0])
      let sum = 0
      for (let k = 1; k < list.length; k++) if (list[k][0] - list[k - 1][0] <= 600_000) sum += list[k][1] * ((list[k][0] - list[k - 1][0]) / 1000)
      const instance = key.split('|')[1]
      expected.set(instance, (expected.get(instance) ?? 0) + sum)
    }
    expect(expected.size).toBe(5)
    expect(expected.get('C:')).toBeGreaterThan(30_000) // 28,523 + 4,260, by a separate Python check
    const got = profileWrites(profile)
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [instance, bytes] of expected) expect(Math.abs(got.get(instance)! - bytes), instance).toBeLessThanOrEqual(1e-8 * Math.max(1, bytes))
  })

  it('es-tsv-cp1252 and es-csv-cp1252: the localized zone name is read by its bias and said once for both; --tz "Romance Standard Time" gives the rules and the same sums', async () => {
    const files = [join(REAL, 'es-tsv-cp1252', 'DataCollector01.tsv'), join(REAL, 'es-csv-cp1252', 'DataCollector01.csv')]
    const aliases = join(REAL, 'aliases', 'es.json')
    const run = await ingestInputs(files, runOptions(join(tmp, 'es-zone1.sqlite'), {aliases}))
    expect(run.outcomes.map((o) => o.status === 'ingested' && o.quality.timeZoneSource)).toEqual(['bias only', 'bias only'])
    const said = ingestWarnings(run).filter((w) => w.includes('Hora de verano romance'))
    expect(said).toEqual([expect.stringMatching(/^2 logs \(.*\) name a time zone that is no Windows zone name \("Hora de verano romance", localized\?\): read with the header's bias/)])
    const withTz = await ingestInputs(files, runOptions(join(tmp, 'es-zone2.sqlite'), {aliases, tz: 'Romance Standard Time'}))
    expect(withTz.outcomes.map((o) => o.status === 'ingested' && o.quality.timeZoneSource)).toEqual(['--tz', '--tz'])
    expect(ingestWarnings(withTz).filter((w) => w.includes('Hora de verano romance'))).toEqual([])
    expect([...profileWrites(join(tmp, 'es-zone2.sqlite'))]).toEqual([...profileWrites(join(tmp, 'es-zone1.sqlite'))])
  })

  it('pal-sample-blg, a .json and a re-saved file named on the command line: each refused with what to do, nothing usable', async () => {
    const run = await ingestInputs([join(REAL, 'pal-sample-blg', 'SampleLog.blg'), join(REAL, 'aliases', 'cn.json')], runOptions(join(tmp, 'blg.sqlite')))
    expect(run.failures.map((f) => f.message)).toEqual([
      `${join(REAL, 'aliases', 'cn.json')}: line 1 is neither a PDH-CSV/TSV header, a Get-Counter export nor an inventory header`,
      `${join(REAL, 'pal-sample-blg', 'SampleLog.blg')}: a binary perfmon log: convert it with relog <file>.blg -f csv -o <file>.csv`,
    ])
    expect(nothingUsable(run)!.message).toContain('nothing usable was ingested')
  })

  it('azure-prices-list-mit: a list of items imports; prices expired on the sheet date are skipped and counted; a missing price kind is one warning', () => {
    const file = join(REAL, 'azure-prices-list-mit', 'azure_prices.json')
    const report = importRetailPrices(readRetailPages([file]), '2026-12-01')
    const items = JSON.parse(readFileSync(file, 'utf8')) as RetailItem[]
    // Counted independently: consumption prices whose last day is before the sheet's date.
    const expired = items.filter((i) => (i.type === undefined || i.type === 'Consumption') && i.effectiveEndDate !== undefined && i.effectiveEndDate.slice(0, 10) < '2026-12-01').length
    expect(expired).toBeGreaterThan(0)
    expect(report.skipped['expired prices (effective end before 2026-12-01)']).toBe(expired)
    expect(report.items).toBe(1000)
    expect(report.sheet.markets.length).toBeGreaterThan(50)
    // ExpressRoute by billing zone: the "US Gov Zone 1" circuit lands in the dump's three US Gov
    // regions; no market is named after a zone.
    expect(report.sheet.markets.filter((m) => /zone/i.test(m.region))).toEqual([])
    const zoned = items.filter((i) => /^(US Gov )?Zone \d$/.test(i.armRegionName ?? '') && i.serviceName === 'ExpressRoute' && i.unitOfMeasure === '1/Month')
    expect(zoned.map((i) => i.armRegionName)).toEqual(['US Gov Zone 1'])
    const withPlan = report.sheet.markets.filter((m) => m.expressRoute.some((p) => p.monthly === zoned[0].unitPrice && p.mbps === 10_000)).map((m) => m.region)
    expect(withPlan).toEqual(['usgovarizona', 'usgovtexas', 'usgovvirginia'])
    const warnings = missingPriceWarnings(report.sheet)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(new RegExp(`^no ASR license price in ${report.sheet.markets.length} of ${report.sheet.markets.length} markets`))
  })

  it('exit codes: ingest and plan of logs without a disk exit 1 with why, and plan writes nothing', async () => {
    const root = join(import.meta.dirname, '..', '..')
    const ingest = await runCommand(['ingest', join(REAL, 'us-process-anydesk'), '--profile', join(tmp, 'exit.sqlite')], {root})
    expect(ingest.error?.oclif?.exit).toBe(1)
    expect(ingest.error?.message).toMatch(/^nothing usable was ingested: .*no Hyper-V Virtual Storage Device counters; the log has Process/)
    const out = join(tmp, 'exit-plan')
    const plan = await runCommand(['plan', join(REAL, 'us-process-anydesk'), '--out', out], {root})
    expect(plan.error?.oclif?.exit).toBe(1)
    expect(plan.error?.message).toContain('nothing usable was ingested')
    expect(existsSync(out)).toBe(false)
    const blg = await runCommand(['ingest', join(REAL, 'pal-sample-blg', 'SampleLog.blg'), '--profile', join(tmp, 'exit2.sqlite')], {root})
    expect(blg.error?.oclif?.exit).toBe(1)
    expect(blg.error?.message).toContain('convert it with relog <file>.blg -f csv -o <file>.csv')
  })

  // Accepted with their alias files; the first alias counter of writeBytes is the one integrated.
  it.each([
    ['lk-20digit', 'perfmon.csv', 'lk', 'Processor', '% Processor Time'],
    ['es-tsv-cp1252', 'DataCollector01.tsv', 'es', 'Disco físico', 'Transferencias de disco/s'],
    ['es-csv-cp1252', 'DataCollector01.csv', 'es', 'Disco físico', 'Transferencias de disco/s'],
    ['in-logicaldisk', 'DataCollector01.csv', 'in', 'LogicalDisk', 'Avg. Disk Write Queue Length'],
  ])('%s: accepted; with aliases/%s.json the sums equal the independent integration', async (folder, name, alias, object, counter) => {
    const file = join(REAL, folder, name)
    const profile = join(tmp, `${folder}.sqlite`)
    const run = await ingestInputs([file], runOptions(profile, {aliases: join(REAL, 'aliases', `${alias}.json`)}))
    expect(run.failures).toEqual([])
    expect(run.outcomes.map((o) => o.status)).toEqual(['ingested'])
    const expected = integrate(file, object, counter)
    expect(expected.size).toBeGreaterThan(0)
    const got = profileWrites(profile)
    for (const [instance, bytes] of expected) {
      const key = [...got.keys()].find((k) => k.toLowerCase() === instance.toLowerCase())
      expect(key, `${instance} in ${[...got.keys()].join(', ')}`).toBeDefined()
      expect(Math.abs(got.get(key!)! - bytes) / Math.max(1, Math.abs(bytes))).toBeLessThan(1e-8)
    }
  })
})

