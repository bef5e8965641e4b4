/**
 * The records the plan streams a large profile through: the same values back whether held in
 * memory or read from the temporary file, and no file left behind.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SeriesRecords} from '../../src/store/seriesRecords.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const spillDirs = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('hvplan-series-')))

describe('SeriesRecords', () => {
  for (const resident of [true, false]) {
    it(`gives back what was written, whole or a window range (${resident ? 'in memory' : 'temporary file'})`, () => {
      const before = spillDirs()
      const records = new SeriesRecords(3, 5, resident)
      expect(records.resident).toBe(resident)
      records.write(2, Float64Array.of(1.5, NaN, -0, 1e300, 5e-324))
      records.write(0, Float64Array.of(0, 1, 2, 3, 4))
      expect(Array.from(records.read(2))).toEqual([1.5, NaN, -0, 1e300, 5e-324])
      expect(Array.from(records.read(0, 1, 3))).toEqual([1, 2, 3])
      // Read into a caller's buffer of the right length (from the file) or as a view (in memory).
      const into = new Float64Array(3)
      const got = records.read(0, 2, 3, into)
      expect(Array.from(got)).toEqual([2, 3, 4])
      expect(got === into).toBe(!resident)
      expect(() => records.write(1, new Float64Array(4))).toThrow(/holds 5 values, got 4/)
      const spilled = [...spillDirs()].filter((d) => !before.has(d))
      expect(spilled.length).toBe(resident ? 0 : 1)
      records.close()
      for (const d of spilled) expect(existsSync(`${tmpdir()}/${d}`)).toBe(false)
    })
  }

  it('says so when a record was never written to the file', () => {
    const records = new SeriesRecords(2, 4, false)
    records.write(0, new Float64Array(4))
    expect(() => records.read(1)).toThrow(/series record 1 is not in the temporary file/)
    records.close()
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it.skipIf(process.platform === 'win32')(`a run stopped by ${signal} ends by it at once; the next run that spills removes its file, and no running process's`, async () => {
      // Child processes with a temporary folder of their own: the first writes a record to the file and is stopped.
      const dir = mkdtempSync(join(tmp, 'child-'))
      const module = new URL('../../src/store/seriesRecords.ts', import.meta.url).href
      const script = (then: string) => `import {SeriesRecords} from ${JSON.stringify(module)}; const r = new SeriesRecords(2, 1000, false); r.write(1, new Float64Array(1000)); console.log('ready'); ${then}`
      const run = (then: string) => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(then)], {env: {...process.env, TMPDIR: dir}, stdio: ['ignore', 'pipe', 'inherit']})
      const exited = (child: ReturnType<typeof run>) => new Promise<{code: number | null; signal: string | null}>((resolve) => child.on('exit', (code, sig) => resolve({code, signal: sig})))
      const spills = () => readdirSync(dir).filter((f) => f.startsWith('hvplan-series-')).sort()
      // A folder of this (running) test process, named as a spill: never another run's to remove.
      mkdirSync(join(dir, `hvplan-series-${process.pid}-live`))
      const stopped = run('setInterval(() => {}, 1000)')
      await new Promise<void>((resolve) => stopped.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()))
      const ended = exited(stopped)
      stopped.kill(signal)
      expect(await ended).toEqual({code: null, signal})
      expect(spills().filter((f) => f !== `hvplan-series-${process.pid}-live`)).toEqual([expect.stringMatching(new RegExp(`^hvplan-series-${stopped.pid}-`))])
      // The next run that spills removes what the stopped one left, then its own file when it closes.
      const next = run('r.close()')
      expect(await exited(next)).toEqual({code: 0, signal: null})
      expect(spills()).toEqual([`hvplan-series-${process.pid}-live`])
    })
  }
})
