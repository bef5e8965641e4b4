/** The generator's PDH-CSV is written as perfmon/relog write it (spec §2.1). */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {parsePdhCsv, parseUsTimestamp, readText, splitCounterPath} from '../helpers/logs.js'
import {readTruth} from '../helpers/truth.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const truth = readTruth(SAMPLE)
const logs = truth.files.map((f) => ({file: f, text: readText(join(SAMPLE, f.path))}))

describe('sample PDH-CSV files (samples/contoso)', () => {
  it('are one file per host per local day, plus one after the collector restart', () => {
    expect(truth.files.map((f) => f.path.split('/').at(-1)).sort()).toEqual([
      'HV-CL01-N1_20261025-000001.csv.gz',
      'HV-CL01-N1_20261026-000002.csv.gz',
      'HV-CL01-N2_20261025-000001.csv.gz',
      'HV-CL01-N2_20261026-000002.csv.gz',
      'HV03_20261025-000001.csv.gz',
      'HV03_20261026-000002.csv.gz',
      'HV03_20261026-000003.csv.gz',
      'HV04_20261025-000001.csv.gz',
      'HV04_20261026-000002.csv.gz',
    ])
  })

  it('start with a PDH-CSV 4.0 header naming the zone and the bias in force at log start', () => {
    for (const {file, text} of logs) {
      const first = text.slice(0, text.indexOf('","'))
      const startsInSummer = Date.parse(file.startUtc) < Date.parse('2026-10-25T01:00:00Z')
      expect(first).toBe(startsInSummer ? '"(PDH-CSV 4.0) (W. Europe Daylight Time)(-120)' : '"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)')
    }
  })

  it('quote every cell, end lines with CRLF and give every row as many cells as the header', () => {
    for (const {file, text} of logs) {
      expect(text.endsWith('"\r\n')).toBe(true)
      expect(text.replaceAll('\r\n', '')).not.toContain('\n')
      const lines = text.split('\r\n').slice(0, -1)
      expect(lines.length).toBe(file.rows + 1)
      const width = lines[0].split('","').length
      for (const line of lines) {
        expect(line.startsWith('"') && line.endsWith('"')).toBe(true)
        expect(line.split('","').length).toBe(width)
      }
    }
  })

  it('leave rate counters blank (" ") in the first row and fill instantaneous ones', () => {
    for (const {text} of logs) {
      const log = parsePdhCsv(text)
      log.columns.forEach((path, c) => {
        const cell = log.rows[0][c + 1]
        if (path.endsWith('\\Available MBytes')) expect(Number(cell)).toBeGreaterThan(0)
        else expect(cell).toBe(' ')
      })
    }
  })

  it('step 15.000–15.020 s between samples, with drifting milliseconds', () => {
    for (const {text} of logs) {
      const log = parsePdhCsv(text)
      const steps = log.utc.slice(1).map((t, i) => t - log.utc[i])
      expect(Math.min(...steps)).toBeGreaterThanOrEqual(15_000)
      expect(Math.max(...steps)).toBeLessThanOrEqual(15_020)
      expect(new Set(steps).size).toBeGreaterThan(10)
      const millis = new Set(log.rows.map((r) => r[0].slice(-3)))
      expect(millis.size).toBeGreaterThan(100)
    }
  })

  it('print numbers with "." decimals and nothing else', () => {
    for (const {text} of logs.slice(0, 2)) {
      const log = parsePdhCsv(text)
      for (const row of log.rows.slice(1, 200)) for (const cell of row.slice(1)) expect(cell).toMatch(/^(?: |\d+(?:\.\d+)?)$/)
    }
  })

  it('write timestamps as MM/dd/yyyy HH:mm:ss.fff local time', () => {
    const log = parsePdhCsv(logs[0].text)
    expect(log.rows[0][0]).toMatch(/^10\/25\/2026 00:00:0\d\.\d{3}$/)
    expect(parseUsTimestamp(log.rows[0][0]) + log.biasMinutes * 60_000 - Date.parse(logs[0].file.startUtc)).toBeLessThan(3_000)
  })

  it('include unrelated objects (Processor, Memory, the emulated IDE controller) and noise instances', () => {
    const paths = logs.flatMap(({text}) => parsePdhCsv(text).columns)
    const objects = new Set(paths.map((p) => splitCounterPath(p).object))
    expect([...objects].sort()).toEqual(['Hyper-V Virtual IDE Controller (Emulated)', 'Hyper-V Virtual Storage Device', 'Memory', 'Processor'])
    const instances = new Set(paths.map((p) => splitCounterPath(p).instance))
    const vmgs = [...instances].filter((i) => i?.endsWith('.vmgs'))
    expect(vmgs.length).toBe(truth.vms.filter((vm) => vm.generation === 2).length)
    for (const v of vmgs) expect(v).toMatch(/^--\?-/)
    expect([...instances].some((i) => i?.endsWith('.iso'))).toBe(true)
  })

  it('carry instance names with "-", "(1)", commas and spaces, split correctly on the last ")\\"', () => {
    const paths = logs.flatMap(({text}) => parsePdhCsv(text).columns)
    const instances = new Set(paths.map((p) => splitCounterPath(p).instance))
    expect(instances).toContain('D:-Hyper-V-FS01-Virtual Hard Disks-FS01-data (1).vhdx')
    expect(instances).toContain('E:-Hyper-V-APP02, legacy-Virtual Hard Disks-APP02 disk 0.vhdx')
  })

  it('are valid multi-member gzip that gunzip reads whole', () => {
    const raw = readFileSync(join(SAMPLE, truth.files[0].path))
    expect(raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    expect(gunzipSync(raw).toString('utf8').split('\r\n').length - 2).toBe(truth.files[0].rows)
  })
})
