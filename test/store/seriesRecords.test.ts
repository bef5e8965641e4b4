/**
 * The records the plan streams a large profile through: the same values back whether held in
 * memory or read from the temporary file, and no file left behind.
 */
import {existsSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {describe, expect, it} from 'vitest'
import {SeriesRecords} from '../../src/store/seriesRecords.js'

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
})
