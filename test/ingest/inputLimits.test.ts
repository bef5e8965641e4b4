/**
 * Issue 16, unbounded work: a one-line gzip bomb, a header cell of more than 16 MB, a
 * 100,000-column header and a gzip bomb of blank lines are each refused at their limit
 * (data/defaults.json, `--input-limit`), located, while the good files beside them are ingested
 * as a run of the good files alone ingests them. Hand-made inputs; the sizes are the defaults'.
 */
import {runCommand} from '@oclif/test'
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_INPUT_LIMITS, inputLimits} from '../../src/ingest/inputLimits.js'
import {ingestInputs} from '../../src/ingest/ingestRun.js'
import {readInventory} from '../../src/ingest/inventory.js'
import {withProfile} from '../../src/store/profileStore.js'
import {LineSplitter} from '../../src/ingest/pdhFast.js'
import {CONTOSO} from '../helpers/contoso.js'
import {said, writes} from '../helpers/ingestRuns.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const good1 = join(CONTOSO, 'logs', 'HV03', 'HV03_20261025-000001.csv.gz')
const good2 = join(CONTOSO, 'logs', 'HV04', 'HV04_20261025-000001.csv.gz')
const MiB = 2 ** 20

const ZONE = '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)"'
const path = (disk: string, counter = 'Write Bytes/sec') => `"\\\\HVX\\Hyper-V Virtual Storage Device(D:-VMs-${disk}.vhdx)\\${counter}"`
const row = (minute: number, values: readonly number[]) => `"10/25/2026 00:${String(minute).padStart(2, '0')}:00.000",${values.map((v) => `"${v}"`).join(',')}\r\n`

let clean: Record<string, Array<number | null>>

beforeAll(async () => {
  const dir = join(tmp, 'clean')
  mkdirSync(dir)
  const {error} = await runCommand(['ingest', good1, good2, '-p', join(dir, 'p.sqlite')], {root})
  expect(error).toBeUndefined()
  clean = writes(join(dir, 'p.sqlite'))
})

/** Good, bad, good, all named: exit 1, the bad file's located message, the profile the good files' alone. */
async function mixedRun(name: string, bytes: Buffer | string, extra: string[] = []) {
  const dir = join(tmp, name.replace(/\W+/g, '-'))
  mkdirSync(dir)
  copyFileSync(good1, join(dir, 'a.csv.gz'))
  writeFileSync(join(dir, name), bytes)
  copyFileSync(good2, join(dir, 'c.csv.gz'))
  const profile = join(dir, 'p.sqlite')
  const r = await runCommand(['ingest', join(dir, 'a.csv.gz'), join(dir, name), join(dir, 'c.csv.gz'), '-p', profile, ...extra], {root})
  expect(r.error?.oclif?.exit).toBe(1)
  expect(writes(profile)).toEqual(clean)
  return {text: said(r), file: join(dir, name)}
}

describe('the four unbounded inputs, each between two good logs', () => {
  it('a one-line gzip bomb: refused where its second line passes 16 MB', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${ZONE},${path('a')}\r\n"10/25/2026 00:00:00.000","`), Buffer.alloc(40 * MiB, '1')]), {level: 9})
    const {text, file} = await mixedRun('bomb.csv.gz', bomb)
    expect(text).toContain(`a line is longer than 16 MB (maxLineMB); expected a row of samples`)
    expect(text).toContain(`${file}:2 — If the file is genuine, raise the limit: --input-limit maxLineMB=32`)
    expect(text).toMatch(/1 of 3 files failed/)
  })

  it('a header cell of 17 MB: refused as a header longer than 16 MB before it is parsed', async () => {
    const {text, file} = await mixedRun('cell.csv', `${ZONE},"\\\\HVX\\Hyper-V Virtual Storage Device(${'x'.repeat(17 * MiB)}.vhdx)\\Write Bytes/sec"\r\n${row(0, [1])}${row(1, [1])}`)
    expect(text).toContain(`${file}: line 1 is longer than 16 MB (maxHeaderMB), which no counter-log or inventory header is. If the file is genuine, raise the limit: --input-limit maxHeaderMB=32`)
  })

  it('a 100,000-column header: refused naming the count and the limit', async () => {
    const header = [ZONE, ...Array.from({length: 100_000}, (_, i) => path(`vm${i}`))].join(',')
    const {text, file} = await mixedRun('wide.csv', `${header}\r\n${row(0, new Array(100_000).fill(1))}`)
    expect(text).toContain(`the header has 100,000 columns, more than 50,000 (maxColumns)`)
    expect(text).toContain(`${file}:1 — If the file is genuine, raise the limit: --input-limit maxColumns=100000`)
  })

  it('a gzip bomb of blank lines: refused once it expands past the ratio (here after 8 MB, by --input-limit)', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${ZONE},${path('a')}\r\n${row(0, [1])}`), Buffer.alloc(64 * MiB, '\n')]), {level: 9})
    const ratio = Math.round((64 * MiB) / bomb.length)
    expect(ratio).toBeGreaterThan(250)
    const {text, file} = await mixedRun('lines.csv.gz', bomb, ['--input-limit', 'compressionRatioAfterMB=8MB'])
    expect(text).toMatch(/the gzip file expands [\d,]+ times \([\d.]+ MB from [\d.]+ MB\), more than 250 times \(maxCompressionRatio\)/)
    expect(text).toContain(`${file} — If the file is genuine, raise the limit: --input-limit maxCompressionRatio=1000`)
  })
})

describe('limits a genuine file stays within', () => {
  it('a header cell longer than PDH_MAX_COUNTER_PATH (2,048) is no counter: left out and named, the other columns ingested', async () => {
    const dir = join(tmp, 'long-cell')
    mkdirSync(dir)
    const long = `"\\\\HVX\\Hyper-V Virtual Storage Device(D:-${'y'.repeat(2100)}.vhdx)\\Write Bytes/sec"`
    writeFileSync(join(dir, 'log.csv'), `${[ZONE, path('a'), long, path('b')].join(',')}\r\n${[0, 1, 2, 3, 4, 5].map((m) => row(m, [100, 7, 200])).join('')}`)
    const run = await ingestInputs([join(dir, 'log.csv')], {profile: join(dir, 'p.sqlite'), windowMinutes: 5, excludeInstances: []})
    expect(run.failures).toEqual([])
    const outcome = run.outcomes[0]
    if (outcome.status !== 'ingested') throw new Error('not ingested')
    expect(outcome.quality.findings.nonCounterColumns).toEqual([`column 3: ${JSON.stringify(long.slice(1, 61))}`])
    // Five one-minute intervals at 100 and 200 B/s fill the first 5-minute window: 30,000 and 60,000 bytes.
    const w = writes(join(dir, 'p.sqlite'))
    expect(Object.keys(w).sort()).toEqual(['d:-vms-a', 'd:-vms-b'])
    expect(w['d:-vms-a'][0]).toBeCloseTo(30_000, 9)
    expect(w['d:-vms-b'][0]).toBeCloseTo(60_000, 9)
  })

  it('--input-limit maxColumns raises the column limit: 30 columns refused at 20, ingested at 40', async () => {
    const dir = join(tmp, 'columns')
    mkdirSync(dir)
    const file = join(dir, 'log.csv')
    writeFileSync(file, `${[ZONE, ...Array.from({length: 30}, (_, i) => path(`vm${i}`))].join(',')}\r\n${row(0, new Array(30).fill(5))}${row(1, new Array(30).fill(5))}`)
    const refused = await runCommand(['ingest', file, '-p', join(dir, 'a.sqlite'), '--input-limit', 'maxColumns=20'], {root})
    expect(refused.error?.oclif?.exit).toBe(1)
    expect(said(refused)).toContain(`the header has 30 columns, more than 20 (maxColumns)`)
    const taken = await runCommand(['ingest', file, '-p', join(dir, 'b.sqlite'), '--input-limit', 'maxColumns=40'], {root})
    expect(taken.error).toBeUndefined()
    expect(Object.keys(writes(join(dir, 'b.sqlite')))).toHaveLength(30)
  })

  it('a TSV line past maxLineMB is refused by the csv-parse path, located', async () => {
    const dir = join(tmp, 'tsv')
    mkdirSync(dir)
    const file = join(dir, 'log.tsv')
    const tsvRow = (minute: number, value: string) => `"10/25/2026 00:0${minute}:00.000"\t"${value}"\r\n`
    writeFileSync(file, `${ZONE}\t${path('a')}\r\n${tsvRow(0, '1')}${tsvRow(1, '9'.repeat(2 * MiB))}${tsvRow(2, '1')}`)
    const r = await runCommand(['ingest', file, '-p', join(dir, 'p.sqlite'), '--input-limit', 'maxLineMB=1'], {root})
    expect(r.error?.oclif?.exit).toBe(1)
    expect(said(r)).toContain(`a line is longer than 1 MB (maxLineMB); expected a row of samples`)
    expect(said(r)).toContain(`${file}:3 — If the file is genuine, raise the limit: --input-limit maxLineMB=2`)
  })

  it('a long line in a file parsed in byte ranges on workers: refused as the whole-file parse locates it', async () => {
    const dir = join(tmp, 'ranges')
    mkdirSync(dir)
    const at = (i: number) => {
      const d = new Date(Date.UTC(2026, 9, 25) + i * 15_000)
      const two = (n: number) => String(n).padStart(2, '0')
      return `"${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.000"`
    }
    const rows = Array.from({length: 40_000}, (_, i) => `${at(i)},"${i}"\r\n`)
    rows[30_000] = `${at(30_000)},"${'1'.repeat(MiB + 10)}"\r\n`
    writeFileSync(join(dir, 'log.csv'), `${ZONE},${path('a')}\r\n${rows.join('')}`)
    const run = await ingestInputs([dir], {profile: join(dir, 'p.sqlite'), windowMinutes: 5, excludeInstances: [], splitMinBytes: 1 << 20, inputLimits: inputLimits(['maxLineMB=1'])})
    expect(run.failures.map((f) => f.message)).toEqual([expect.stringContaining(`a line is longer than 1 MB (maxLineMB); expected a row of samples — no counter log Windows writes has such a line, so the file is not read further, at ${join(dir, 'log.csv')}:30002`)])
  })
})

describe('an inventory past its limits', () => {
  const header = 'VMName,VMId,Generation,HostName,ClusterName,IsClustered,DiskPath,DiskType,SizeGB,VolumeCapacityGB,VolumeFreeGB\r\n'
  const diskRow = (k: number) => `VM${k},,2,HV01,,False,D:\\VMs\\VM${k}\\disk${k}.vhdx,Dynamic,100,1000,500\r\n`

  it('larger than maxInventoryMB: refused before it is read, naming its size and the limit', async () => {
    const dir = join(tmp, 'inventory-size')
    mkdirSync(dir)
    const file = join(dir, 'inventory.csv')
    writeFileSync(file, header + Array.from({length: 30_000}, (_, k) => diskRow(k)).join(''))
    const r = await runCommand(['ingest', good1, '--inventory', file, '-p', join(dir, 'p.sqlite'), '--input-limit', 'maxInventoryMB=1'], {root})
    expect(r.error?.oclif?.exit).toBe(1)
    expect(said(r)).toMatch(/the inventory is 2\.\d+ MB, more than 1 MB \(maxInventoryMB\)/)
    expect(said(r)).toContain(`at ${file}`)
    // The whole run stops here (no log was read yet): the advice is oclif's "Try this" line.
    expect((r.error as Error & {suggestions?: string[]}).suggestions).toEqual(['If the file is genuine, raise the limit: --input-limit maxInventoryMB=3'])
  })

  it('gzipped, read as the plain file is; expanding past maxInventoryMB, refused', async () => {
    const dir = join(tmp, 'inventory-gz')
    mkdirSync(dir)
    const plain = readFileSync(join(CONTOSO, 'inventory.csv'))
    writeFileSync(join(dir, 'inventory.csv.gz'), gzipSync(plain))
    const a = await ingestInputs([good1], {profile: join(dir, 'a.sqlite'), windowMinutes: 5, excludeInstances: [], inventory: join(CONTOSO, 'inventory.csv')})
    const b = await ingestInputs([good1], {profile: join(dir, 'b.sqlite'), windowMinutes: 5, excludeInstances: [], inventory: join(dir, 'inventory.csv.gz')})
    const vms = (profile: string) => withProfile(profile, (store) => store.diskLabels().map((d) => `${d.vm} ${d.volume} ${d.inventory ? 'inventory' : 'guessed'}`).sort())
    expect(vms(join(dir, 'b.sqlite'))).toEqual(vms(join(dir, 'a.sqlite')))
    expect(vms(join(dir, 'b.sqlite')).every((v) => v.endsWith(' inventory'))).toBe(true)
    expect([a.failures, b.failures]).toEqual([[], []])
    writeFileSync(join(dir, 'big.csv.gz'), gzipSync(Buffer.concat([plain, Buffer.alloc(2 * MiB, '#')])))
    expect(() => readInventory(join(dir, 'big.csv.gz'), inputLimits(['maxInventoryMB=1']))).toThrow(/the gzip inventory expands past 1 MB \(maxInventoryMB\)/)
  })

  it('a row longer than maxLineMB: refused at its line', async () => {
    const dir = join(tmp, 'inventory-line')
    mkdirSync(dir)
    const file = join(dir, 'inventory.csv')
    writeFileSync(file, `${header}${diskRow(1)}VM2,,2,HV01,,False,D:\\${'x'.repeat(2 * MiB)}.vhdx,Dynamic,100,1000,500\r\n`)
    const r = await runCommand(['ingest', good1, '--inventory', file, '-p', join(dir, 'p.sqlite'), '--input-limit', 'maxLineMB=1'], {root})
    expect(r.error?.oclif?.exit).toBe(1)
    expect(said(r)).toContain(`a line is longer than 1 MB (maxLineMB); expected a row of samples`)
  })
})

describe('logs far apart in time', () => {
  const log = (date: string) => `${ZONE},${path('a')}\r\n${Array.from({length: 10}, (_, m) => `"${date} 00:0${m}:00.000","1000"\r\n`).join('')}`

  it('97 years apart (a clock that is off): the second is refused with both periods, the plan models the first in seconds', async () => {
    const dir = join(tmp, 'far-apart')
    mkdirSync(join(dir, 'logs'), {recursive: true})
    writeFileSync(join(dir, 'logs', 'a.csv'), log('01/01/2001'))
    writeFileSync(join(dir, 'logs', 'b.csv'), log('12/31/2098'))
    const r = await runCommand(['plan', join(dir, 'logs'), '--out', join(dir, 'out')], {root})
    expect(r.error?.oclif?.exit).toBe(1)
    expect(said(r)).toContain(`with this file's samples (2098-12-31 00:00 to 2098-12-31 00:09 UTC) the profile would span 35,794 days, 2001-01-01 to 2098-12-31, more than 92 (maxProfileDays)`)
    expect(said(r)).toContain(`at ${join(dir, 'logs', 'b.csv')} — Keep one period with --from and --to`)
    expect(said(r)).toContain('1 input file failed; the plan covers the others')
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))
    expect([report.profile.quality.files, report.profile.quality.firstUtc, report.profile.quality.lastUtc]).toEqual([1, '2001-01-01T00:00:00.000Z', '2001-01-01T00:09:00.000Z'])
  })

  it('100 days apart: refused at the default 92, ingested with --input-limit maxProfileDays=120', async () => {
    const dir = join(tmp, 'hundred-days')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a.csv'), log('01/01/2026'))
    writeFileSync(join(dir, 'b.csv'), log('04/10/2026'))
    const refused = await ingestInputs([dir], {profile: join(dir, 'a.sqlite'), windowMinutes: 5, excludeInstances: []})
    expect(refused.failures.map((f) => f.message)).toEqual([expect.stringContaining('the profile would span 100 days, 2026-01-01 to 2026-04-10, more than 92 (maxProfileDays)')])
    const taken = await ingestInputs([dir], {profile: join(dir, 'b.sqlite'), windowMinutes: 5, excludeInstances: [], inputLimits: inputLimits(['maxProfileDays=120'])})
    expect(taken.failures).toEqual([])
    expect(taken.outcomes).toHaveLength(2)
  })
})

describe('--input-limit', () => {
  it('takes NAME=VALUE with a unit where the limit is a size, and names the flag when wrong', async () => {
    expect(inputLimits(['maxLineMB=32']).lineBytes).toBe(32 * MiB)
    expect(inputLimits(['maxLineMB=1GiB']).lineBytes).toBe(1024 * MiB)
    expect(inputLimits(['maxDecompressedGB=512MB']).decompressedBytes).toBe(512 * MiB)
    expect(inputLimits(['maxColumns=100000', 'maxCompressionRatio=2000'])).toMatchObject({columns: 100_000, compressionRatio: 2000, lineBytes: DEFAULT_INPUT_LIMITS.lineBytes})
    expect(() => inputLimits(['maxFoo=1'])).toThrow(/Invalid option --input-limit: must be NAME=VALUE with NAME one of maxHeaderMB, maxLineMB, maxColumns/)
    expect(() => inputLimits(['maxColumns=-5'])).toThrow(/Invalid option --input-limit: maxColumns must be a positive number, got "-5"/)
    expect(() => inputLimits(['maxLineMB=3h'])).toThrow(/Invalid option --input-limit: must be a size in MB/)
    const r = await runCommand(['ingest', good1, '-p', join(tmp, 'flag.sqlite'), '--input-limit', 'lines=5'], {root})
    expect(r.error?.oclif?.exit).toBe(2)
  })

  it('the defaults are data/defaults.json\'s: 16 MB lines and header, 50,000 columns, 2,048-character paths, 64 GB and 250:1 after 256 MB, 64 MB inventories, 92 days', () => {
    expect(DEFAULT_INPUT_LIMITS).toEqual({headerBytes: 16 * MiB, lineBytes: 16 * MiB, columns: 50_000, counterPathChars: 2048, decompressedBytes: 64 * 1024 * MiB, compressionRatio: 250, ratioAfterBytes: 256 * MiB, inventoryBytes: 64 * MiB, profileDays: 92})
  })
})

describe('LineSplitter', () => {
  const split = (chunks: string[], maxBytes: number) => {
    const lines: string[] = []
    const s = new LineSplitter(
      (buf, a, b) => lines.push(buf.toString('latin1', a, b)),
      (line) => {
        throw new Error(`too long: line ${line}`)
      },
    )
    s.maxBytes = maxBytes
    for (const c of chunks) s.push(Buffer.from(c, 'latin1'))
    s.end()
    return lines
  }

  it('joins a line cut over several chunks once, without CR, and takes a line of exactly maxBytes', () => {
    expect(split(['ab', 'cd', 'ef\r', '\nxy\r\n', 'z'], 6)).toEqual(['abcdef', 'xy', 'z'])
    expect(split(['abcdef\r\n'], 6)).toEqual(['abcdef'])
  })

  it('calls tooLong with the line number as soon as a line passes maxBytes, in one chunk or across many', () => {
    expect(() => split(['ok\r\nabcdefg\r\n'], 6)).toThrow('too long: line 2')
    expect(() => split(['ok\n', 'abc', 'def', 'gh', 'never ends'], 6)).toThrow('too long: line 2')
    expect(() => split(['ok\n', 'abcdefg'], 6)).toThrow('too long: line 2')
  })
})
