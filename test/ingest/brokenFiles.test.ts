/**
 * Issue 16, first classes: one bad file never costs the good ones. Hand-made broken inputs beside
 * two good Contoso logs: a truncated and a corrupt .gz, links to nothing, in a loop and to a
 * parent folder, an empty .gz, a gzip of NUL bytes, a file of NUL bytes. Each bad file gets its
 * message, every good file is ingested, the profile holds exactly what a run of the good files
 * alone gives, and the run exits non-zero when a named input failed.
 */
import {runCommand} from '@oclif/test'
import {copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {CONTOSO} from '../helpers/contoso.js'
import {said, writes} from '../helpers/ingestRuns.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const good1 = join(CONTOSO, 'logs', 'HV03', 'HV03_20261025-000001.csv.gz')
const good2 = join(CONTOSO, 'logs', 'HV04', 'HV04_20261025-000001.csv.gz')
const other = readFileSync(join(CONTOSO, 'logs', 'HV03', 'HV03_20261026-000002.csv.gz'))

let clean: Record<string, Array<number | null>>

beforeAll(async () => {
  const dir = join(tmp, 'clean')
  mkdirSync(dir)
  copyFileSync(good1, join(dir, 'a.csv.gz'))
  copyFileSync(good2, join(dir, 'c.csv.gz'))
  const {error} = await runCommand(['ingest', dir, '-p', join(tmp, 'clean.sqlite')], {root})
  expect(error).toBeUndefined()
  clean = writes(join(tmp, 'clean.sqlite'))
  expect(Object.keys(clean).length).toBeGreaterThan(5)
})

describe('a broken file between two good ones', () => {
  const corrupt = Buffer.from(other)
  for (let i = 2000; i < 2400; i++) corrupt[i] ^= 0x5a // the deflate stream damaged mid-file
  const cases: Array<[string, Buffer, RegExp]> = [
    ['truncated .gz', other.subarray(0, 30_000), /b\.csv\.gz: the gzip file ends too early \(truncated\)/],
    ['corrupt .gz', corrupt, /b\.csv\.gz: the gzip file is corrupt/],
  ]
  for (const [name, bytes, message] of cases) {
    it(`${name}: named or found in a folder, the good files are ingested and the bad one named, exit 1`, async () => {
      const dir = join(tmp, name.replace(/\W+/g, '-'))
      mkdirSync(dir)
      copyFileSync(good1, join(dir, 'a.csv.gz'))
      writeFileSync(join(dir, 'b.csv.gz'), bytes)
      copyFileSync(good2, join(dir, 'c.csv.gz'))
      for (const [how, args] of [['folder', [dir]], ['named', ['a.csv.gz', 'b.csv.gz', 'c.csv.gz'].map((f) => join(dir, f))]] as const) {
        const profile = join(dir, `${how}.sqlite`)
        const r = await runCommand(['ingest', ...args, '-p', profile], {root})
        expect(r.error?.oclif?.exit, how).toBe(1)
        expect(said(r)).toMatch(message)
        expect(said(r)).toMatch(/1 of 3 files failed; the others are in/)
        // Nothing of the broken file is kept: the profile is the good files' alone.
        expect(writes(profile)).toEqual(clean)
      }
    })
  }
})

describe('a refused file between two good ones', () => {
  const header = '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\HVX\\Hyper-V Virtual Storage Device(D:-VMs-x.vhdx)\\Write Bytes/sec","\\\\HVX\\Hyper-V Virtual Storage Device(D:-VMs-X.VHDX)\\Write Bytes/sec"'
  const rows = (stamps: readonly string[], second = (k: number) => String(k)) => stamps.map((t, k) => `"${t}","${k}","${second(k)}"`).join('\r\n')
  const cases: Array<[string, string, RegExp]> = [
    ['a sample dated February 30', `${header}\r\n${rows(['02/28/2026 00:00:00.000', '02/30/2026 00:00:15.000'])}\r\n`, /expected a real calendar date from 2000 to 2099 .*b\.csv:3/],
    ['a sample dated 2999', `${header}\r\n${rows(['10/25/2999 00:00:00.000', '10/25/2999 00:00:15.000'])}\r\n`, /expected a real calendar date from 2000 to 2099 .*b\.csv:2/],
    ['one counter twice with different values', `${header}\r\n${rows(['10/25/2026 00:00:00.000', '10/25/2026 00:00:15.000'], (k) => String(k + 1))}\r\n`, /columns 2 and 3 name the same counter but hold different values .*b\.csv:2:/],
  ]
  for (const [name, text, message] of cases) {
    it(`${name}: that file fails, located; the good files are ingested as alone; exit 1`, async () => {
      const dir = join(tmp, name.replace(/\W+/g, '-'))
      mkdirSync(dir)
      copyFileSync(good1, join(dir, 'a.csv.gz'))
      writeFileSync(join(dir, 'b.csv'), text)
      copyFileSync(good2, join(dir, 'c.csv.gz'))
      const profile = join(dir, 'p.sqlite')
      const r = await runCommand(['ingest', ...['a.csv.gz', 'b.csv', 'c.csv.gz'].map((f) => join(dir, f)), '-p', profile], {root})
      expect(r.error?.oclif?.exit).toBe(1)
      expect(said(r)).toMatch(message)
      expect(said(r)).toMatch(/1 of 3 files failed; the others are in/)
      expect(writes(profile)).toEqual(clean)
    })
  }
})

describe('a folder of links and junk', () => {
  it('skips links to nothing, loops and a link to a parent, refuses empty and NUL files, and ingests the good ones', async () => {
    const dir = join(tmp, 'links')
    mkdirSync(join(dir, 'sub'), {recursive: true})
    copyFileSync(good1, join(dir, 'a.csv.gz'))
    copyFileSync(good2, join(dir, 'sub', 'c.csv.gz'))
    symlinkSync('..', join(dir, 'sub', 'parent')) // the folder again, through a link
    symlinkSync(join(tmp, 'nowhere', 'x.csv'), join(dir, 'dangling.csv'))
    symlinkSync('loop2', join(dir, 'loop1'))
    symlinkSync('loop1', join(dir, 'loop2'))
    writeFileSync(join(dir, 'empty.csv.gz'), gzipSync(Buffer.alloc(0)))
    writeFileSync(join(dir, 'nul.csv.gz'), gzipSync(Buffer.alloc(100_000)))
    writeFileSync(join(dir, 'nul.csv'), Buffer.alloc(1_000_000))
    const profile = join(dir, 'p.sqlite')
    const r = await runCommand(['ingest', dir, '-p', profile], {root})
    // Found in a folder, the bad entries are skipped with a reason; the run succeeds on the good files.
    expect(r.error).toBeUndefined()
    expect(said(r)).toMatch(/dangling\.csv\): does not exist \(a symbolic link to nothing/)
    expect(said(r)).toMatch(/loop1, \S*loop2\): is a loop of symbolic links/)
    expect(said(r)).toMatch(/empty\.csv\.gz\): the file is empty/)
    expect(said(r)).toMatch(/nul\.csv, \S*nul\.csv\.gz\)/)
    expect(r.stdout).toMatch(/Ingested 2 files/)
    expect(writes(profile)).toEqual(clean)
  })

  it('refuses each junk file named on the command line, exit 1, and still ingests the good one', async () => {
    const dir = join(tmp, 'named-junk')
    mkdirSync(dir)
    copyFileSync(good1, join(dir, 'a.csv.gz'))
    const junk = {'empty.csv.gz': gzipSync(Buffer.alloc(0)), 'nul.csv.gz': gzipSync(Buffer.alloc(100_000)), 'nul.csv': Buffer.alloc(1_000_000), 'png.csv.gz': gzipSync(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))}
    for (const [name, bytes] of Object.entries(junk)) writeFileSync(join(dir, name), bytes)
    const r = await runCommand(['ingest', join(dir, 'a.csv.gz'), ...Object.keys(junk).map((f) => join(dir, f)), '-p', join(dir, 'p.sqlite')], {root})
    expect(r.error?.oclif?.exit).toBe(1)
    for (const name of Object.keys(junk)) expect(said(r), name).toContain(join(dir, name))
    expect(r.stdout).toMatch(/Ingested 1 file/)
  })
})
