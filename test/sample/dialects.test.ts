/**
 * Each dialect is written as its Windows tool writes it, is recognised as such by the sniffer,
 * and carries the same samples: the data never depends on the dialect.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {sniffFile} from '../../src/ingest/sniff.js'
import {DIALECTS, type Dialect} from '../../src/sample/dialects.js'
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from '../../src/sample/generate.js'
import {readTruth} from '../helpers/truth.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const options = {...DEFAULT_SAMPLE_OPTIONS, vms: 3, days: 1, intervalSeconds: 60}
const firstLog = (d: Dialect) => join(tmp, d, readTruth(join(tmp, d)).files[0].path)
const bytesOf = (d: Dialect) => readFileSync(firstLog(d))
const text = (d: Dialect, encoding: BufferEncoding = 'utf8') => bytesOf(d).toString(encoding)

beforeAll(() => {
  for (const dialect of DIALECTS) generateSample({...options, dialect}, join(tmp, dialect))
})

describe('dialects of hvplan sample', () => {
  it('pdh-csv: quoted, zone and bias in the header', async () => {
    expect(text('pdh-csv')).toMatch(/^"\(PDH-CSV 4\.0\) \(W\. Europe Daylight Time\)\(-120\)","\\\\HV-CL01-N1\\Processor\(_Total\)\\% Processor Time"/)
    expect(await sniffFile(firstLog('pdh-csv'))).toMatchObject({kind: 'pdh-csv', encoding: 'utf8', timeZone: 'W. Europe Daylight Time', biasMinutes: -120, hosts: ['HV-CL01-N1']})
  })

  it('pdh-tsv: tab-separated quoted cells and a PDH-TSV header', async () => {
    const lines = text('pdh-tsv').split('\r\n')
    expect(lines[0]).toMatch(/^"\(PDH-TSV 4\.0\) \(W\. Europe Daylight Time\)\(-120\)"\t"/)
    expect(lines[1]).toMatch(/^"10\/25\/2026 00:00:0\d\.\d{3}"\t" "\t/)
    expect((await sniffFile(firstLog('pdh-tsv'))).kind).toBe('pdh-tsv')
  })

  it('typeperf: a blank first line, no zone, six decimals and the status trailer', async () => {
    const lines = text('typeperf').split('\r\n')
    expect(lines[0]).toBe('')
    expect(lines[1].startsWith('"(PDH-CSV 4.0)","')).toBe(true)
    expect(lines[3].split('","')[1]).toMatch(/^\d+\.\d{6}$/)
    expect(lines.slice(-3)).toEqual(['Exiting, please wait...                    ', 'The command completed successfully.', ''])
    expect(await sniffFile(firstLog('typeperf'))).toMatchObject({kind: 'pdh-csv-no-zone', timeZone: undefined})
  })

  it('german: localized object and counter names in Windows-1252', async () => {
    const bytes = bytesOf('german')
    expect(bytes.includes(Buffer.from('Schreibvorg\xe4nge/s', 'latin1'))).toBe(true)
    expect(bytes.includes(Buffer.from('Schreibvorgänge/s', 'utf8'))).toBe(false)
    const header = bytes.toString('latin1').split('\r\n')[0]
    expect(header).toContain('\\Virtuelle Hyper-V-Speichervorrichtung(')
    expect(header).toContain(')\\Geschriebene Bytes/s"')
    expect(header).toContain('\\Prozessor(_Total)\\Prozessorzeit (%)"')
    expect(await sniffFile(firstLog('german'))).toMatchObject({kind: 'pdh-csv', encoding: 'windows-1252'})
  })

  it('resaved: ";" separators, "," decimals, dd.MM.yyyy dates and empty blanks', async () => {
    const lines = text('resaved', 'latin1').split('\r\n')
    expect(lines[0]).toMatch(/^\(PDH-CSV 4\.0\) \(W\. Europe Daylight Time\)\(-120\);\\\\HV-CL01-N1\\/)
    expect(lines[1]).toMatch(/^25\.10\.2026 00:00:0\d,\d{3};;\d+;/)
    expect(lines[2]).toMatch(/^25\.10\.2026 00:01:0\d,\d{3};\d+(,\d+)?;/)
    expect(lines[2].slice(lines[2].indexOf(';'))).not.toContain('.')
    expect((await sniffFile(firstLog('resaved'))).kind).toBe('pdh-resaved')
  })

  it('utf16: the PDH-CSV text exactly, as UTF-16LE with a BOM', async () => {
    const bytes = bytesOf('utf16')
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe])
    expect(bytes.subarray(2).toString('utf16le')).toBe(text('pdh-csv'))
    expect(await sniffFile(firstLog('utf16'))).toMatchObject({kind: 'pdh-csv', encoding: 'utf16le'})
  })

  it('get-counter: #TYPE line, Timestamp/Path/CookedValue, lower-case paths, en-US times to the second', async () => {
    const lines = text('get-counter').split('\r\n')
    expect(lines[0]).toBe('#TYPE Selected.Microsoft.PowerShell.Commands.PerformanceCounterSample')
    expect(lines[1]).toBe('"Timestamp","Path","CookedValue"')
    expect(lines[2]).toMatch(/^"10\/25\/2026 12:0[01]:\d\d AM","\\\\hv-cl01-n1\\[a-z()_%\\ ]+","[\d.]+"$/)
    expect(lines.slice(2, -1).every((l) => l === l.toLowerCase() || /AM|PM/.test(l))).toBe(true)
    expect((await sniffFile(firstLog('get-counter'))).kind).toBe('get-counter')
  })

  it('carry the same samples: the truth is identical for every dialect with the same precision and clock', () => {
    const windows = (d: Dialect) => JSON.stringify(readTruth(join(tmp, d)).windows)
    for (const d of ['pdh-tsv', 'german', 'resaved', 'utf16'] as const) expect(windows(d), d).toBe(windows('pdh-csv'))
    // typeperf prints 6 decimals and Get-Counter whole seconds, so their truth differs by rounding only.
    const close = (d: Dialect) => {
      const a = readTruth(join(tmp, 'pdh-csv')).windows
      const b = new Map(readTruth(join(tmp, d)).windows.map((r) => [`${r[0]}:${r[1]}`, r]))
      let total = 0
      let diff = 0
      for (const r of a) {
        const other = b.get(`${r[0]}:${r[1]}`)
        if (!other) continue
        total += r[2]
        diff += Math.abs(r[2] - other[2])
      }
      return diff / total
    }
    expect(close('typeperf')).toBeLessThan(1e-6)
    expect(close('get-counter')).toBeLessThan(0.01)
  })
})
