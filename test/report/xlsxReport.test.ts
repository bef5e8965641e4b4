/** The workbook read back with exceljs: sheets, key cells equal to the report document, text stays text. */
import ExcelJS from 'exceljs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {writeReport} from '../../src/report/writeReport.js'
import {withProfile} from '../../src/store/profileStore.js'
import {EVIL, reportEstate} from '../helpers/reportEstate.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let doc: ReportDocument
let wb: ExcelJS.Workbook
let report: Awaited<ReturnType<typeof reportEstate>>['report']

beforeAll(async () => {
  // A small estate whose first VM has a name that would be a formula if it were ever evaluated.
  report = (await reportEstate(tmp)).report
  doc = report()
  const file = join(tmp, 'report.xlsx')
  await writeReport(doc, {xlsx: file})
  wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
})

describe('report workbook', () => {
  it('has the sheets of the report', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'On-premises Summary', 'Recommendations', 'Charts', 'Compatible VMs', 'Incompatible VMs', 'VMs without Data', 'VM-Storage Placement', 'On-premises Storage',
      'IR Batching 15 min', 'IR Batching 30 min', 'IR Batching 60 min', 'What-if Bandwidth', 'Churn Heat Map', 'Data Quality', 'Findings', 'Assumptions & Limits',
    ])
  })

  it('shows the document’s bandwidth figures as numbers with units in the headers', () => {
    const ws = wb.getWorksheet('Recommendations')!
    expect(ws.getCell('B4').value).toBe('Bandwidth RPO met 100 % (Mbps)')
    expect(ws.getCell('D4').value).toBe('All VMs after fixes: 100 % (Mbps)')
    doc.bandwidth.rpos.forEach((r, k) => {
      expect(ws.getCell(5 + k, 1).value).toBe(r.rpoMinutes)
      expect(ws.getCell(5 + k, 2).value).toBe(r.bandwidth100Mbps)
      expect(ws.getCell(5 + k, 3).value).toBe(r.bandwidth90Mbps)
      expect(ws.getCell(5 + k, 4).value).toBe(doc.afterFixes!.rpos[k].bandwidth100Mbps)
      expect(ws.getCell(5 + k, 5).value).toBe(doc.afterFixes!.rpos[k].bandwidth90Mbps)
      expect(ws.getCell(5 + k, 6).value).toBe(r.driver.text)
    })
    expect(String(ws.getCell('A2').value)).toMatch(/^For 2 of 3 profiled VMs; not protected: DC01; forced in: =HYPERLINK\("x"\)\. "All VMs after fixes": every one of the 3 profiled VMs/)
    expect(ws.getColumn(2).numFmt).toBe('#,##0.0')
    expect(ws.views[0]).toMatchObject({state: 'frozen', ySplit: 4})
    expect(ws.autoFilter).toBeTruthy()
  })

  it('keeps a VM named =HYPERLINK("x") as text, never a formula, wherever it appears', () => {
    // The name holds `"`, which ASR does not accept: the VM is listed as incompatible for it.
    expect(doc.protection.vms.find((v) => v.vm === EVIL)!.compatibility.findings.map((f) => f.rule)).toContain('vm-name')
    const sheets = new Set<string>()
    let found = 0
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === EVIL || (typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value)) {
            found++
            sheets.add(ws.name)
            expect(cell.type).toBe(ExcelJS.ValueType.String)
            expect(cell.formula).toBeUndefined()
          }
        }),
      )
    }
    // Cells holding exactly the name (forced into the plan): the Incompatible VMs sheet, its premium
    // and log storage accounts, its row in each IR batching sheet, and the heat map; none is a formula.
    expect(found).toBe(7)
    expect([...sheets]).toEqual(['Incompatible VMs', 'VM-Storage Placement', 'IR Batching 15 min', 'IR Batching 30 min', 'IR Batching 60 min', 'Churn Heat Map'])
  })

  it('lists disks as grouped detail rows under their VM, and links every sheet from the summary', () => {
    const ws = wb.getWorksheet('Compatible VMs')!
    const detail: Array<number | undefined> = []
    ws.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('  └ ')) detail.push(row.outlineLevel)
    })
    expect(detail.length).toBeGreaterThan(0)
    expect(new Set(detail)).toEqual(new Set([1]))
    const links: string[] = []
    wb.getWorksheet('On-premises Summary')!.eachRow((row) => {
      const v = row.getCell(1).value as {hyperlink?: string} | null
      if (v && typeof v === 'object' && v.hyperlink) links.push(v.hyperlink)
    })
    expect(links).toHaveLength(16)
    expect(links[1]).toBe("#'Recommendations'!A1")
  })

  it('states the limits used, each with its source', () => {
    const ws = wb.getWorksheet('Assumptions & Limits')!
    const rows: string[] = []
    ws.eachRow((row) => rows.push(`${row.getCell(1).value} | ${row.getCell(3).value}`))
    expect(rows).toContain('Limits set | data/limits.json and --limits')
    expect(rows.some((r) => r.startsWith('Limit: maxDiskSizeGB | ASR Deployment Planner'))).toBe(true)
  })

  it('carries the charts as PNG images: all on Charts, the RPO curve under the what-if table on a page of its own', () => {
    const charts = wb.getWorksheet('Charts')!.getImages()
    const sheet = wb.getWorksheet('What-if Bandwidth')!
    const whatIf = sheet.getImages()
    expect(charts).toHaveLength(5)
    expect(whatIf).toHaveLength(1)
    // Under the table, in column A, after the last row with a value.
    let lastValueRow = 0
    sheet.eachRow((row, r) => {
      if (row.hasValues) lastValueRow = r
    })
    expect(whatIf[0].range.tl.nativeCol).toBe(0)
    expect(whatIf[0].range.tl.nativeRow + 1).toBeGreaterThan(lastValueRow)
    for (const image of [...charts, ...whatIf]) {
      const media = wb.getImage(Number(image.imageId))
      const png = Buffer.from(media.buffer as unknown as Uint8Array)
      expect(media.extension).toBe('png')
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      // Rendered at twice the 760 × 340 chart size.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1520, 680])
    }
  })
})

describe('report workbook summary', () => {
  it('gives site churn on the same basis as the send rate (MB/s × 8 × 2^20 / 10^6 = Mbps)', () => {
    const ws = wb.getWorksheet('On-premises Summary')!
    const rows = new Map<string, string>()
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)))
    const average = Number(rows.get('Site churn with growth: average / P95 / max (MB/s)')!.split(' / ')[0])
    const send = Number(rows.get('Mean send rate (Mbps)'))
    expect((average * 8 * 2 ** 20) / 1e6).toBeCloseTo(send, 0)
  })
})

describe('churn heat map', () => {
  it('holds each VM’s GB per UTC day from the document, coloured by a 3-colour scale', () => {
    const ws = wb.getWorksheet('Churn Heat Map')!
    expect(doc.heatMap.columns).toEqual(['2026-10-24', '2026-10-25'])
    doc.heatMap.vms.forEach((v, r) => {
      expect(ws.getCell(5 + r, 1).value).toBe(v.vm)
      v.values.forEach((g, k) => expect(ws.getCell(5 + r, 2 + k).value).toBe(g))
    })
    // The 24th is profiled from 22:00 UTC only: scaled to 24 h like the others and marked partial.
    expect(doc.heatMap.vms.every((v) => v.values[0] !== null && v.measuredShare![0] === 24 / 288)).toBe(true)
    expect(ws.getCell(4, 2).value).toBe('2026-10-24 (partial) (GB)')
    expect(ws.getCell(4, 3).value).toBe('2026-10-25 (partial) (GB)')
    const cf = (ws as unknown as {conditionalFormattings: Array<{ref: string; rules: Array<{type: string}>}>}).conditionalFormattings
    expect(cf.map((c) => [c.ref, c.rules[0].type])).toEqual([[`B5:C${4 + doc.heatMap.vms.length}`, 'colorScale']])
  })

  it('scales a partly profiled day to 24 h: GB = the day\'s bytes (gaps filled) × 288 ÷ its windows in the period', async () => {
    const {loadProfile} = await import('../../src/store/loadProfile.js')
    const {fillMissingWindows} = await import('../../models/fillGaps.js')
    const profile = withProfile(join(tmp, 'p.sqlite'), (store) => loadProfile(store, {measures: ['writeBytes']}))
    const dayStart = Date.parse('2026-10-25T00:00:00Z') / 300_000
    for (const v of doc.heatMap.vms) {
      const disks = profile.disks.flatMap((d, i) => (d.vm === v.vm ? [i] : []))
      const filled = disks.map((k) => fillMissingWindows(profile.series[k].writeBytes, 288, profile.firstWindow).values)
      let bytes = 0
      let windows = 0
      for (let w = dayStart; w < dayStart + 288; w++) {
        const i = w - profile.firstWindow
        if (i < 0 || i >= profile.windowCount) continue
        bytes += filled.reduce((n, f) => n + f[i], 0)
        windows++
      }
      // The estate ends at 23:00 UTC (local midnight after the DST change): 276 of 288 windows.
      expect(windows).toBe(276)
      expect(v.values[1]!).toBeCloseTo((bytes * 288) / windows / 2 ** 30, 9)
      expect(v.measuredShare![1]).toBe(276 / 288)
    }
  })

  it('can show hours of the week instead (UTC, mean MB/s over the measured windows of each hour)', async () => {
    const byHour = report({heatMap: 'hour-of-week'})
    expect(byHour.heatMap).toMatchObject({basis: 'hour-of-week', unit: 'MB/s'})
    expect(byHour.heatMap.columns).toHaveLength(168)
    expect([byHour.heatMap.columns[0], byHour.heatMap.columns[24 * 6 + 23]]).toEqual(['Mon 00', 'Sun 23'])
    // Sunday 2026-10-25 10:00–11:00 UTC is slot 6 × 24 + 10: the mean of that hour's 12 windows, by hand.
    const {loadProfile} = await import('../../src/store/loadProfile.js')
    const profile = withProfile(join(tmp, 'p.sqlite'), (store) => loadProfile(store, {measures: ['writeBytes']}))
    const from = Date.parse('2026-10-25T10:00:00Z') / 300_000 - profile.firstWindow
    for (const v of byHour.heatMap.vms) {
      const disks = profile.disks.flatMap((d, i) => (d.vm === v.vm ? [i] : []))
      let bytes = 0
      for (let i = from; i < from + 12; i++) bytes += disks.reduce((n, k) => n + profile.series[k].writeBytes[i], 0)
      expect(v.values[6 * 24 + 10]!).toBeCloseTo(bytes / 3600 / 2 ** 20, 9)
      // The estate covers one Saturday night to Monday: no Wednesday.
      expect(v.values[2 * 24 + 12]).toBeNull()
    }
    const file = join(tmp, 'by-hour.xlsx')
    await writeReport(byHour, {xlsx: file})
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const ws = book.getWorksheet('Churn Heat Map')!
    expect(ws.getCell(4, 2).value).toBe('Mon 00 (MB/s)')
    expect(ws.getCell(5, 2 + 6 * 24 + 10).value).toBe(byHour.heatMap.vms[0].values[6 * 24 + 10])
  })
})
