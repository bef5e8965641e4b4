import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SAMPLE_OPTIONS, generateSample, type SampleOptions} from '../../src/sample/generate.js'
import {tempDir} from '../helpers/tmp.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const small: SampleOptions = {...DEFAULT_SAMPLE_OPTIONS, vms: 6, days: 1, intervalSeconds: 60}

function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(dir, p).replaceAll('\\', '/'))
    }
  }
  walk(dir)
  return out
}

/** File content, decompressed (gzip headers may differ by platform, the text may not). */
const content = (path: string) => {
  const raw = readFileSync(path)
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw
}

describe('sample generator determinism', () => {
  const tmp = tempDir()

  it('writes byte-identical files for the same seed and options', () => {
    generateSample(small, join(tmp, 'a'))
    generateSample(small, join(tmp, 'b'))
    const files = listFiles(join(tmp, 'a'))
    expect(files).toEqual(listFiles(join(tmp, 'b')))
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) expect(readFileSync(join(tmp, 'b', f)).equals(readFileSync(join(tmp, 'a', f))), f).toBe(true)
  })

  it('writes different data for another seed', () => {
    generateSample({...small, seed: 7}, join(tmp, 'c'))
    const a = readFileSync(join(tmp, 'a', 'truth.json'), 'utf8')
    const c = readFileSync(join(tmp, 'c', 'truth.json'), 'utf8')
    expect(c).not.toBe(a)
  })

  it('reproduces the committed samples/contoso from `npm run sample:contoso` options', () => {
    const out = join(tmp, 'contoso')
    generateSample({...DEFAULT_SAMPLE_OPTIONS, gzip: true, decimals: 1}, out)
    const files = listFiles(SAMPLE).filter((f) => f !== 'README.md')
    expect(listFiles(out)).toEqual(files)
    for (const f of files) expect(content(join(out, f)).equals(content(join(SAMPLE, f))), f).toBe(true)
  })

  it('refuses to write into a non-empty folder without force, and replaces it with force', () => {
    expect(() => generateSample(small, join(tmp, 'a'))).toThrow(/already exists and is not empty; pass --force/)
    generateSample({...small, seed: 7}, join(tmp, 'a'), true)
    expect(readFileSync(join(tmp, 'a', 'truth.json'), 'utf8')).toBe(readFileSync(join(tmp, 'c', 'truth.json'), 'utf8'))
    expect(readdirSync(tmp).filter((e) => e.includes('.partial'))).toEqual([])
  })

  it('keeps memory flat: the disk-windows held at once do not grow with the days generated', () => {
    // Peak RSS for 1,000 VMs is measured by npm run bench:sample; this checks the structure behind it.
    const one = generateSample(small, join(tmp, 'd1'))
    const four = generateSample({...small, days: 4}, join(tmp, 'd4'))
    expect(four.truthWindows).toBeGreaterThan(3.9 * one.truthWindows)
    expect(four.peakPendingWindows).toBeLessThanOrEqual(one.peakPendingWindows + one.disks)
    // Hosts advance an hour at a time: at most ~13 five-minute windows per disk are open.
    expect(four.peakPendingWindows).toBeLessThanOrEqual(14 * four.disks)
  })
})
