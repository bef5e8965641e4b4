/**
 * Speed work must not move a figure: `hvplan plan samples/contoso` gives the report.json that the
 * commit before the scale work (96e1fff) gave, every number to 1e-9 relative and every string
 * equal (test/fixtures/contoso-report.before.json.gz, made with that commit's
 * `hvplan plan samples/contoso --out …`). A deliberate change of a figure replaces the fixture in
 * the same commit, saying why.
 */
import {runCommand} from '@oclif/test'
import {readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()

/**
 * Every leaf that differs: numbers beyond the tolerance, other values unequal; the run's date and
 * version aside. A field the fixture lacks is new (added after it, e.g. the cost's network choice
 * for the interactive page) and not a change of a figure; a field it has must still be there.
 */
function differences(before: unknown, after: unknown, path: string, out: string[]): void {
  if (/^\.(generatedUtc|hvplanVersion)$/.test(path)) return
  if (typeof before === 'number' && typeof after === 'number') {
    if (!(Math.abs(before - after) <= 1e-9 * Math.max(1, Math.abs(before))) && !(Number.isNaN(before) && Number.isNaN(after))) out.push(`${path}: ${before} → ${after}`)
    return
  }
  if (before !== null && after !== null && typeof before === 'object' && typeof after === 'object') {
    // An array must keep its length; an object may gain keys (new fields), never lose one.
    const keys = new Set([...Object.keys(before), ...(Array.isArray(before) ? Object.keys(after) : [])])
    for (const k of keys) differences((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${path}.${k}`, out)
    return
  }
  if (before !== after) out.push(`${path}: ${JSON.stringify(before)?.slice(0, 60)} → ${JSON.stringify(after)?.slice(0, 60)}`)
}

describe('the report\'s figures on samples/contoso', () => {
  const before = () => JSON.parse(gunzipSync(readFileSync(join(root, 'test', 'fixtures', 'contoso-report.before.json.gz'))).toString('utf8'))
  const plan = async (out: string) => {
    const {error} = await runCommand(['plan', join(root, 'samples', 'contoso'), '--out', out], {root})
    expect(error).toBeUndefined()
    return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  }

  it('are the ones the commit before the scale work gave, to 1e-9', async () => {
    const found: string[] = []
    differences(before(), await plan(join(tmp, 'out')), '', found)
    expect(found.slice(0, 20)).toEqual([])
  })

  it('are the same when the series are read back from a temporary file (the path of a 10,000-VM estate)', async () => {
    process.env.HVPLAN_RESIDENT_SERIES_MB = '0'
    try {
      const found: string[] = []
      differences(before(), await plan(join(tmp, 'out-file')), '', found)
      expect(found.slice(0, 20)).toEqual([])
    } finally {
      delete process.env.HVPLAN_RESIDENT_SERIES_MB
    }
    // Nothing is left behind in the temporary folder.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('hvplan-series-'))).toEqual([])
  })
})
