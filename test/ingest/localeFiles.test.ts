/**
 * Logs as hosts in other locales write them, hand-made with expected values worked out by hand:
 * ANSI code pages (CP1251, CP1250, Shift-JIS, encoded by iconv-lite, not by the platform decoder
 * hvplan reads with), a southern-hemisphere DST change, a UTC host across the EU change, and
 * zones given to --tz by Windows ID or IANA name.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCommand} from '@oclif/test'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {findIana, WINDOWS_TO_IANA_MAP} from 'windows-iana'
import {decodeHead, parseEncodingFlag} from '../../src/ingest/codePages.js'
import {ingestInputs, nothingUsable} from '../../src/ingest/ingestRun.js'
import {sniffBytes} from '../../src/ingest/sniff.js'
import {exportRows} from '../../src/profile/export.js'
import {withProfile} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let n = 0

const VSD = 'Hyper-V Virtual Storage Device'

/** A PDH-CSV: header cell, columns, rows of [timestamp, ...cells]; CRLF as Windows writes. */
function pdh(first: string, columns: string[], rows: string[][]): string {
  return [[first, ...columns], ...rows].map((cells) => `"${cells.join('","')}"`).join('\r\n') + '\r\n'
}

/** Rows one minute apart from a local start (MM/dd/yyyy HH:mm), each with the same values. */
function minutes(day: string, hhmm: string[], values: string[]): string[][] {
  return hhmm.map((t, k) => [`${day} ${t}:00.000`, ...values.map((v) => (k === 0 ? ' ' : v))])
}

function clock(from: string, to: string): string[] {
  const [h0, m0] = from.split(':').map(Number)
  const [h1, m1] = to.split(':').map(Number)
  const out: string[] = []
  for (let t = h0 * 60 + m0; t <= h1 * 60 + m1; t++) out.push(`${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`)
  return out
}

async function ingest(files: Record<string, Buffer | string>, extra: Partial<Parameters<typeof ingestInputs>[1]> = {}) {
  const dir = join(tmp, `in${++n}`)
  mkdirSync(dir, {recursive: true})
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  const profile = join(tmp, `p${n}.sqlite`)
  const run = await ingestInputs(Object.keys(files).map((f) => join(dir, f)), {profile, windowMinutes: 5, excludeInstances: [], ...extra})
  return {run, profile}
}

/** Write bytes per disk name in the profile. */
function writesByDisk(profile: string): Map<string, number> {
  return withProfile(profile, (store) => {
    const sums = new Map<string, number>()
    for (const r of exportRows(store)) sums.set(String(r.disk), (sums.get(String(r.disk)) ?? 0) + Number(r.write_bytes))
    return sums
  })
}

describe('code pages: found from the content, or forced', () => {
  it('the encoder is the code page: "Процесс" is CF F0 EE F6 E5 F1 F1 in CP1251, "プ" 83 76 in Shift-JIS, "ř" F8 in CP1250', () => {
    expect([...iconv.encode('Процесс', 'cp1251')]).toEqual([0xcf, 0xf0, 0xee, 0xf6, 0xe5, 0xf1, 0xf1])
    expect([...iconv.encode('プ', 'shift_jis')]).toEqual([0x83, 0x76])
    expect([...iconv.encode('ř', 'cp1250')]).toEqual([0xf8])
  })

  it('CP1251 (a Russian host): Cyrillic object and disk names decode, and the disk\'s bytes are right', async () => {
    const disk = 'D:-Hyper-V-Диски-СЕРВЕР.vhdx'
    const text = pdh('(PDH-CSV 4.0) (Russia TZ 2 Standard Time)(-180)', ['\\\\HV1\\Процессор(_Total)\\% загруженности процессора', `\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('03/10/2026', clock('10:00', '10:10'), ['12,5', '1000']).map((r) => [r[0], r[1].replace(',', '.'), r[2]]))
    const bytes = iconv.encode(text, 'cp1251')
    const sniffed = sniffBytes(bytes, false)
    expect(sniffed.encoding).toBe('windows-1251')
    expect(sniffed.encodingBy).toBe('script')
    const {run, profile} = await ingest({'ru.csv': bytes})
    expect(run.failures).toEqual([])
    const ingested = run.outcomes[0]
    expect(ingested.status === 'ingested' && ingested.quality.findings.ignoredObjects).toEqual({Процессор: 1})
    // Ten one-minute intervals at 1000 B/s: 600,000 bytes, on the disk named in Cyrillic.
    expect([...writesByDisk(profile)]).toEqual([[disk, 600_000]])
  })

  it('CP1250 (a Czech host): the localized object named in --aliases identifies the code page, "ř" and "ě" included', async () => {
    const object = 'Virtuální úložné zařízení Hyper-V'
    const counter = 'Zapsané bajty/s'
    const disk = 'D:-Hyper-V-Disky-Účetní-server.vhdx'
    const aliases = join(tmp, 'cs.json')
    writeFileSync(aliases, JSON.stringify({vsdObjects: [object], counters: {writeBytes: [counter]}}))
    const text = pdh('(PDH-CSV 4.0) (Střední Evropa (běžný čas))(-60)', [`\\\\HV1\\${object}(${disk})\\${counter}`, '\\\\HV1\\Procesor(_Total)\\% času procesoru'], minutes('01/15/2026', clock('08:00', '08:05'), ['2000', '5']))
    const bytes = iconv.encode(text, 'cp1250')
    // Without the object name the scripts cannot tell the Latin pages apart (one is guessed, and
    // said); with it, only CP1250 decodes a name it knows.
    expect(decodeHead(bytes).by).toBe('script')
    expect(decodeHead(bytes, {knownObjects: [object]})).toMatchObject({encoding: 'windows-1250', by: 'known object', sample: object})
    const {run, profile} = await ingest({'cs.csv': bytes}, {aliases})
    expect(run.failures).toEqual([])
    expect([...writesByDisk(profile)]).toEqual([[disk, 5 * 60 * 2000]])
    // The zone name is localized: read from the header's bias, said so.
    expect(run.outcomes[0].status === 'ingested' && run.outcomes[0].quality.timeZoneSource).toBe('bias only')
  })

  it('Shift-JIS (a Japanese host): katakana and kanji names decode, not half-width kana or Chinese', async () => {
    const disk = 'D:-Hyper-V-仮想ディスク-サーバー.vhdx'
    const text = pdh('(PDH-CSV 4.0) (Tokyo Standard Time)(-540)', ['\\\\HV1\\プロセッサ(_Total)\\% プロセッサ時間', `\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('06/01/2026', clock('09:00', '09:03'), ['7', '300']))
    const bytes = iconv.encode(text, 'shift_jis')
    expect(sniffBytes(bytes, false).encoding).toBe('shift_jis')
    const {run, profile} = await ingest({'ja.csv': bytes})
    expect(run.failures).toEqual([])
    expect(run.outcomes[0].status === 'ingested' && Object.keys(run.outcomes[0].quality.findings.ignoredObjects)).toEqual(['プロセッサ'])
    expect([...writesByDisk(profile)]).toEqual([[disk, 3 * 60 * 300]])
  })

  it('GBK (a Chinese host) is told from Shift-JIS by its words; Big5 can be forced', () => {
    const header = pdh('(PDH-CSV 4.0) (China Standard Time)(-480)', ['\\\\HV1\\处理器(_Total)\\% 处理器时间', '\\\\HV1\\内存\\可用字节'], [])
    expect(sniffBytes(iconv.encode(header, 'gbk'), false).encoding).toBe('gbk')
    const big5 = iconv.encode(pdh('(PDH-CSV 4.0) (Taipei Standard Time)(-480)', ['\\\\HV1\\處理器(_Total)\\% 處理器時間'], []), 'big5')
    expect(decodeHead(big5, {forced: 'big5'}).text).toContain('處理器時間')
  })

  it('--encoding forces a code page, by number, cp-name or label; a bad value names the flag', async () => {
    expect(parseEncodingFlag('1251')).toBe('windows-1251')
    expect(parseEncodingFlag('cp932')).toBe('shift_jis')
    expect(parseEncodingFlag('windows-1250')).toBe('windows-1250')
    expect(parseEncodingFlag('936')).toBe('gbk')
    expect(parseEncodingFlag('UTF-8')).toBe('utf8')
    expect(() => parseEncodingFlag('klingon')).toThrow(/code page such as 1251/)
    const disk = 'D:-Hyper-V-Диски-SQL.vhdx'
    const bytes = iconv.encode(pdh('(PDH-CSV 4.0) (UTC)(0)', [`\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('03/10/2026', clock('10:00', '10:01'), ['100'])), 'cp1251')
    // Forced to CP1252, the name comes out as the Western page has it: the user's choice.
    const {run, profile} = await ingest({'forced.csv': bytes}, {encoding: '1252'})
    expect(run.failures).toEqual([])
    expect([...writesByDisk(profile).keys()]).toEqual(['D:-Hyper-V-Äèñêè-SQL.vhdx'])
    await expect(ingest({'x.csv': bytes}, {encoding: 'klingon'})).rejects.toThrow(/code page/)
  })
})

describe('a localized Hyper-V Virtual Storage Device object hvplan does not know', () => {
  it('is named, with a ready --aliases file whose guesses, once passed, give the right bytes', async () => {
    // A French host (names made up for the test, not shipped): the object and its four counters.
    const object = 'Périphérique de stockage virtuel Hyper-V'
    const counters = ['Octets écrits/s', 'Octets lus/s', "Opérations d'écriture/s", 'Opérations de lecture/s']
    const disk = 'D:-Hyper-V-Disques-APP.vhdx'
    const text = pdh('(PDH-CSV 4.0) (Romance Standard Time)(-60)', [...counters.map((c) => `\\\\HV1\\${object}(${disk})\\${c}`), '\\\\HV1\\Processeur(_Total)\\% temps processeur'], minutes('02/10/2026', clock('10:00', '10:05'), ['4000', '3000', '20', '10', '5']))
    const out = join(tmp, 'suggest')
    mkdirSync(out)
    writeFileSync(join(out, 'hvplan-aliases.json'), '{"mine": true}') // the user's own file stays
    const first = await ingest({'fr.csv': iconv.encode(text, 'cp1252')}, {aliasSuggestionDir: out})
    const path = join(out, 'hvplan-aliases-2.json')
    expect(first.run.aliasSuggestion?.path).toBe(path)
    expect(readFileSync(join(out, 'hvplan-aliases.json'), 'utf8')).toBe('{"mine": true}')
    expect(nothingUsable(first.run)?.message).toBe(`nothing usable was ingested: "${object}" (4 counters) has virtual-disk instances (.vhdx) but an unknown name — a localized Hyper-V Virtual Storage Device? A ready alias file is in ${path} (4 of 4 counters placed by their words): check it, then pass --aliases ${path}`)
    const file = JSON.parse(readFileSync(path, 'utf8'))
    expect(file.vsdObjects).toEqual([object])
    expect(file.counters).toEqual({writeBytes: ['Octets écrits/s'], readBytes: ['Octets lus/s'], writeOps: ["Opérations d'écriture/s"], readOps: ['Opérations de lecture/s']})
    expect(file.countersSeen).toEqual({[object]: counters})
    // Passed back, the file makes the log usable: 5 minutes at 4000 B/s written, 3000 B/s read.
    const second = await ingest({'fr.csv': iconv.encode(text, 'cp1252')}, {aliases: path, aliasSuggestionDir: out})
    expect(second.run.aliasSuggestion).toBeUndefined()
    expect(nothingUsable(second.run)).toBeUndefined()
    const rows = withProfile(second.profile, (store) => [...exportRows(store)])
    const sum = (key: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + Number(r[key]), 0)
    expect([sum('write_bytes'), sum('read_bytes'), sum('write_ops'), sum('read_ops')] as number[]).toEqual([300 * 4000, 300 * 3000, 300 * 20, 300 * 10])
  })
})

describe('export formats and re-saves', () => {
  it('Get-Counter | Select -Expand CounterSamples | Export-Csv (timestamp not first, every column) is read with --tz', async () => {
    // PowerShell 5.1 writes the sample's properties in this order; paths are lower case.
    const head = '#TYPE Microsoft.PowerShell.Commands.GetCounter.PerformanceCounterSample\r\n"Path","InstanceName","CookedValue","RawValue","SecondValue","MultipleCount","CounterType","Timestamp","Timestamp100NSec","Status","DefaultScale","TimeBase"\r\n'
    const path = '\\\\hv1\\hyper-v virtual storage device(d:-vms-app.vhdx)\\write bytes/sec'
    const cpu = '\\\\hv1\\processor(_total)\\% processor time'
    const rows = ['10:00:00 AM', '10:01:00 AM', '10:02:00 AM', '10:03:00 AM'].map((t, k) => [`"${path}","d:-vms-app.vhdx","${k === 0 ? 0 : 2500}","0","0","","RateOfCountsPerSecond64","1/15/2026 ${t}","0","0","0","10000000"`, `"${cpu}","_total","12.5","0","0","","Timer100NsInverse","1/15/2026 ${t}","0","0","0","10000000"`].join('\r\n'))
    const {run, profile} = await ingest({'samples.csv': head + rows.join('\r\n') + '\r\n'}, {tz: 'W. Europe Standard Time'})
    expect(run.failures).toEqual([])
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.stats.firstUtc).toBe(Date.parse('2026-01-15T09:00:00Z')) // 10:00 CET
    // Three one-minute intervals at 2500 B/s.
    expect([...writesByDisk(profile)]).toEqual([['d:-vms-app.vhdx', 3 * 60 * 2500]])
  })

  it('an en-US spreadsheet re-save that kept only minutes and seconds ("44:32.8") is refused with what to do instead', async () => {
    const text = '(PDH-CSV 4.0) (Eastern Daylight Time)(240),\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-APP.vhdx)\\Write Bytes/sec\r\n44:32.8, \r\n44:33.8,1000\r\n'
    const {run} = await ingest({'resaved.csv': text})
    expect(run.failures).toHaveLength(1)
    expect(run.failures[0].message).toMatch(/^the timestamps have lost their date \("44:32\.8": a spreadsheet re-saved the column as it displays it, minutes and seconds only\), at .*resaved\.csv:2:1 — Use the log as Windows wrote it \(relog <file>\.blg -f csv -o <file>\.csv, or the collector's own \.csv\); or, in Excel, format column A as MM\/dd\/yyyy HH:mm:ss\.000 before saving$/)
    expect(nothingUsable(run)?.code).toBe('E_NOTHING_INGESTED')
  })

  it('an en-US spreadsheet re-save that kept minutes but not seconds ("10/25/2026 0:00" on rows 15 s apart) is refused, not thinned to one row a minute', async () => {
    const text = '(PDH-CSV 4.0) (Eastern Daylight Time)(240),\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-APP.vhdx)\\Write Bytes/sec\r\n10/25/2026 0:00, \r\n10/25/2026 0:00,1000\r\n10/25/2026 0:00,1000\r\n'
    const {run} = await ingest({'minutes.csv': text})
    expect(run.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^the timestamps have lost their seconds \("10\/25\/2026 0:00" twice in a row: a spreadsheet re-saved the column as it displays it\), at .*minutes\.csv:3:1 — Use the log as Windows wrote it/)])
  })

  it('an unquoted comma re-save with full timestamps is read like the original', async () => {
    const text = '(PDH-CSV 4.0) (Coordinated Universal Time)(0),\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-APP.vhdx)\\Write Bytes/sec\r\n03/02/2026 10:00:00.000, \r\n03/02/2026 10:01:00.000,1000\r\n03/02/2026 10:02:00.000,1000\r\n'
    const {run, profile} = await ingest({'unquoted.csv': text})
    expect(run.failures).toEqual([])
    expect([...writesByDisk(profile)]).toEqual([['D:-VMs-APP.vhdx', 120_000]])
  })

  it('a header without rows of samples is refused, not "ingested"', async () => {
    const {run} = await ingest({'header.csv': pdh('(PDH-CSV 4.0) (UTC)(0)', [`\\\\HV1\\${VSD}(D:-VMs-APP.vhdx)\\Write Bytes/sec`], [])})
    expect(run.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^no rows of samples after the header: at least two are needed to measure an interval, at .*header\.csv$/)])
    expect(nothingUsable(run)?.code).toBe('E_NOTHING_INGESTED')
  })
})

describe('time zones in logs', () => {
  it('southern hemisphere: a Sydney log through the April change (03:00 AEDT back to 02:00 AEST) counts every real minute once', async () => {
    // 02:50…02:59 AEDT, then 02:00…03:10 AEST: local time steps back an hour. Real time runs
    // 15:50Z…17:10Z on 4 April 2026: 80 one-minute intervals at 1000 B/s = 4,800,000 bytes.
    const rows = [...clock('01:50', '02:59'), ...clock('02:00', '03:10')]
    const disk = 'C:-VMs-APP.vhdx'
    const text = pdh('(PDH-CSV 4.0) (AUS Eastern Daylight Time)(-660)', [`\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('04/05/2026', rows, ['1000']))
    const {run, profile} = await ingest({'syd.csv': text})
    expect(run.failures).toEqual([])
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.timeZoneSource).toBe('header')
    expect(o.quality.clock.dstCorrections).toEqual([[Date.parse('2026-04-04T16:00:00Z'), 60]])
    expect(o.quality.stats.gaps).toBe(0)
    expect(o.quality.clock.backwardRows).toBe(0)
    expect(o.quality.stats.firstUtc).toBe(Date.parse('2026-04-04T14:50:00Z'))
    expect(o.quality.stats.lastUtc).toBe(Date.parse('2026-04-04T17:10:00Z'))
    expect([...writesByDisk(profile)]).toEqual([[disk, (rows.length - 1) * 60 * 1000]])
  })

  it('southern hemisphere: a Sydney log through the October change (02:00 AEST to 03:00 AEDT) has no gap', async () => {
    // 01:50…01:59 AEST then 03:00…03:10 AEDT: 21 rows one real minute apart (15:50Z…16:10Z, 3 October).
    const rows = [...clock('01:50', '01:59'), ...clock('03:00', '03:10')]
    const disk = 'C:-VMs-APP.vhdx'
    const text = pdh('(PDH-CSV 4.0) (AUS Eastern Standard Time)(-600)', [`\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('10/04/2026', rows, ['1000']))
    const {run, profile} = await ingest({'syd2.csv': text})
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.stats.gaps).toBe(0)
    expect(o.quality.clock.dstCorrections).toEqual([[Date.parse('2026-10-03T16:00:00Z'), -60]])
    expect([...writesByDisk(profile)]).toEqual([[disk, 20 * 60 * 1000]])
  })

  it('a UTC host (Coordinated Universal Time) through the EU change date: no correction, every minute once, on the fast path', async () => {
    const rows = clock('00:30', '01:30')
    const disk = 'C:-VMs-APP.vhdx'
    const text = pdh('(PDH-CSV 4.0) (Coordinated Universal Time)(0)', [`\\\\HV1\\${VSD}(${disk})\\Write Bytes/sec`], minutes('10/25/2026', rows, ['1000']))
    const {run, profile} = await ingest({'utc.csv': text})
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error('not ingested')
    expect(o.quality.timeZoneSource).toBe('header')
    expect(o.quality.parser).toBe('fast')
    expect(o.quality.clock.dstCorrections).toEqual([])
    expect(o.quality.stats.firstUtc).toBe(Date.parse('2026-10-25T00:30:00Z'))
    expect([...writesByDisk(profile)]).toEqual([[disk, 60 * 60 * 1000]])
  })

  it.each([
    ['Russian Standard Time', -180],
    ['China Standard Time', -480],
    ['Europe/Moscow', -180],
    ['AUS Eastern Standard Time', -600],
    ['Pacific SA Standard Time', 240],
  ])('--tz %s reads a log that names no zone (typeperf) with bias %i in July', async (tz, bias) => {
    const text = pdh('(PDH-CSV 4.0)', [`\\\\HV1\\${VSD}(C:-VMs-APP.vhdx)\\Write Bytes/sec`], minutes('07/15/2026', clock('12:00', '12:02'), ['10']))
    const {run} = await ingest({'typeperf.csv': text}, {tz})
    const o = run.outcomes[0]
    if (o.status !== 'ingested') throw new Error(run.failures[0]?.message)
    expect(o.quality.stats.firstUtc).toBe(Date.UTC(2026, 6, 15, 12, 0) + bias * 60_000)
  })

  it('every Windows zone ID round-trips through --tz: a typeperf log read in it starts at the UTC instant Intl gives for its IANA zone', async () => {
    const text = pdh('(PDH-CSV 4.0)', [`\\\\HV1\\${VSD}(C:-VMs-APP.vhdx)\\Write Bytes/sec`], minutes('07/15/2026', clock('12:00', '12:01'), ['10']))
    const dir = join(tmp, 'zones')
    mkdirSync(dir)
    writeFileSync(join(dir, 'typeperf.csv'), text)
    const local = Date.UTC(2026, 6, 15, 12, 0)
    const ids = [...new Set(WINDOWS_TO_IANA_MAP.map((r) => r.windowsName))]
    expect(ids.length).toBeGreaterThanOrEqual(139)
    for (const [k, id] of ids.entries()) {
      // Independently: the offset Intl gives for the zone's CLDR IANA name at (local − 14 h … + 14 h), the one that maps local back to itself.
      const iana = findIana(id, '001')[0]
      const f = new Intl.DateTimeFormat('en-US', {timeZone: iana, timeZoneName: 'longOffset'})
      const offsetAt = (utc: number) => {
        const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(f.formatToParts(utc).find((p) => p.type === 'timeZoneName')!.value)!
        return m[1] ? (m[1] === '+' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3])) : 0
      }
      const guess = local - offsetAt(local) * 60_000
      const expected = local - offsetAt(guess) * 60_000
      const run = await ingestInputs([join(dir, 'typeperf.csv')], {profile: join(dir, `z${k}.sqlite`), windowMinutes: 5, excludeInstances: [], tz: id})
      const o = run.outcomes[0]
      expect(o?.status === 'ingested' && o.quality.stats.firstUtc, id).toBe(expected)
    }
  }, 120_000)

  it('--tz refuses a name that is neither a Windows zone nor an IANA zone, naming the flag', async () => {
    await expect(ingest({'a.csv': 'x'}, {tz: 'Atlantis Standard Time'})).rejects.toThrow(/Windows time-zone ID or name .* or an IANA name/)
  })
})

describe('exit codes of the new refusals (docs/formats.md table)', () => {
  const root = join(import.meta.dirname, '..', '..')
  it('a header without rows, a re-save without dates and a cut zone exit 1; a bad --encoding or --tz exits 2 naming the flag; plan takes --encoding', async () => {
    const dir = join(tmp, 'exit')
    mkdirSync(dir)
    const header = join(dir, 'header.csv')
    writeFileSync(header, pdh('(PDH-CSV 4.0) (UTC)(0)', [`\\\\HV1\\${VSD}(D:-VMs-APP.vhdx)\\Write Bytes/sec`], []))
    const timeOnly = join(dir, 'timeonly.csv')
    writeFileSync(timeOnly, '(PDH-CSV 4.0) (Eastern Daylight Time)(240),\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-APP.vhdx)\\Write Bytes/sec\r\n44:32.8, \r\n44:33.8,1000\r\n')
    const cut = join(dir, 'cut.csv')
    writeFileSync(cut, pdh('(PDH-CSV 4.0) (RTZ 2 (', [`\\\\HV1\\${VSD}(D:-VMs-APP.vhdx)\\Write Bytes/sec`], minutes('03/10/2026', clock('10:00', '10:02'), ['1'])))
    for (const [file, message] of [[header, 'no rows of samples after the header'], [timeOnly, 'the timestamps have lost their date'], [cut, "the log's time-zone cell is cut off"]]) {
      const r = await runCommand(['ingest', file, '--profile', join(dir, 'p.sqlite')], {root})
      expect(r.error?.oclif?.exit, file).toBe(1)
      expect(r.error?.message, file).toContain(message)
    }
    const badEncoding = await runCommand(['ingest', cut, '--encoding', 'klingon', '--profile', join(dir, 'p.sqlite')], {root})
    expect(badEncoding.error?.oclif?.exit).toBe(2)
    expect(badEncoding.error?.message).toMatch(/^Invalid option --encoding: must be a code page such as 1251/)
    const badTz = await runCommand(['plan', cut, '--tz', 'Atlantis', '--out', join(dir, 'out1')], {root})
    expect(badTz.error?.oclif?.exit).toBe(2)
    expect(badTz.error?.message).toMatch(/^Invalid option --tz: must be a Windows time-zone ID or name/)
    // plan with --tz (an IANA name: runCommand splits arguments at spaces) and --encoding reads the cut-zone log.
    const ok = await runCommand(['plan', cut, '--tz', 'Europe/Moscow', '--encoding', '1251', '--out', join(dir, 'out2')], {root})
    expect(ok.error).toBeUndefined()
    expect(existsSync(join(dir, 'out2', 'report.pdf'))).toBe(true)
  })
})
