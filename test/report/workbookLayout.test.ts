/**
 * The workbook as a planner opens it (samples/contoso through `plan`): every styled cell names its
 * font, numbers sit under right-aligned headers, text is indented off the number to its left, no
 * name is cut, header rows stay frozen (the cost sheet's too), a sheet of charts repeats no title
 * when printed, the Recommendations sheet carries the blockers and top actions under its figures,
 * each disk row of Compatible VMs gives the disk's size, churn, IOPS and tier, and every IR
 * batching sheet has its chart.
 */
import {runCommand} from '@oclif/test'
import type ExcelJS from 'exceljs'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {CONTOSO} from '../helpers/contoso.js'
import {readWorkbook, sheetRows} from '../helpers/outputs.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const out = join(tmp, 'plan')
let wb: ExcelJS.Workbook
let json: ReportDocument

beforeAll(async () => {
  const result = await runCommand(['plan', CONTOSO, '--out', out], {root: join(import.meta.dirname, '..', '..')})
  expect(result.error).toBeUndefined()
  wb = await readWorkbook(join(out, 'report.xlsx'))
  json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
})

/** The header row: the first row whose cells are white on the header fill. */
function headerRowOf(ws: ExcelJS.Worksheet): number {
  for (let r = 1; r <= ws.rowCount; r++) if ((ws.getCell(r, 1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FF1F4E79') return r
  return 0
}

describe('workbook layout', () => {
  it('names the font of every cell that has a value (a nameless font shows as a serif in LibreOffice)', () => {
    let cells = 0
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        if (cell.value === null || cell.value === '') return
        cells++
        expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe('Calibri')
      }))
    }
    expect(cells).toBeGreaterThan(500)
  })

  it('aligns numeric headers right, over their numbers, and indents text off the number to its left', () => {
    const ws = wb.getWorksheet('Recommendations')!
    const header = headerRowOf(ws)
    expect(header).toBe(4)
    const row = ws.getRow(header)
    const titles = (row.values as unknown[]).slice(1) as string[]
    expect(ws.getCell(header, titles.indexOf('Bandwidth RPO met 100 % (Mbps)') + 1).alignment?.horizontal).toBe('right')
    const driver = titles.indexOf('What sets the 100 % bandwidth') + 1
    expect(ws.getCell(header, driver).alignment?.horizontal).toBe('left')
    expect(ws.getCell(header + 1, driver).alignment).toMatchObject({horizontal: 'left', indent: 1})
  })

  it('makes a names column as wide as its longest name: the network plan is never cut', () => {
    const ws = wb.getWorksheet('Recommendations')!
    const titles = (ws.getRow(4).values as unknown[]).slice(1) as string[]
    const k = titles.indexOf('Network plan') + 1
    expect(ws.getColumn(k).width).toBeGreaterThanOrEqual('ExpressRoute Standard Metered 200 Mbps'.length)
  })

  it('freezes each header row, the cost sheet’s under its inputs too, and prints no title row on the Charts sheet', () => {
    for (const name of ['Recommendations', 'Compatible VMs', 'Cost Estimation']) {
      const ws = wb.getWorksheet(name)!
      expect(ws.views[0]).toMatchObject({state: 'frozen', ySplit: headerRowOf(ws), xSplit: 1})
    }
    expect(headerRowOf(wb.getWorksheet('Cost Estimation')!)).toBeGreaterThan(10)
    expect(wb.getWorksheet('Charts')!.pageSetup.printTitlesRow).toBeUndefined()
    expect(wb.getWorksheet('Recommendations')!.pageSetup.printTitlesRow).toBe('4:4')
  })

  it('puts what cannot be protected (reason and fix), the top actions and the pause tolerance under the Recommendations figures', () => {
    const cells: string[] = []
    // A merged cell reads back once per column it spans: keep each master cell once.
    wb.getWorksheet('Recommendations')!.eachRow((row) => row.eachCell((c) => {
      if (c.master === c) cells.push(String(c.value))
    }))
    const at = (s: string) => cells.indexOf(s)
    expect(at('Cannot be protected as they are: reason and fix')).toBeGreaterThan(at('ExpressRoute Standard Metered 200 Mbps'))
    for (const left of json.scope.left) {
      const v = json.protection.vms.find((x) => x.vm === left.vm)!
      const reason = v.compatibility.findings.find((f) => f.verdict === 'incompatible')!
      expect(cells[at(left.vm) + 1]).toBe(reason.text)
    }
    expect(at('Top actions')).toBeGreaterThan(at('Cannot be protected as they are: reason and fix'))
    const actions = json.findings.filter((f) => f.severity !== 'info' && f.action).slice(0, 3).map((f) => f.action!)
    for (const a of actions) expect(cells).toContain(a)
    // And how long replication may stay paused: BUILD01's temp disk, the first limit any VM meets.
    const worst = json.outage.vms.filter((v) => Number.isFinite(v.worstHours)).sort((a, b) => a.worstHours - b.worstHours)[0]
    expect(at('How long replication may stay paused')).toBeGreaterThan(at('Top actions'))
    expect(cells.find((c) => c.startsWith('Replication can stay paused'))).toContain(`about ${Math.floor(worst.worstHours)} h at worst: ${worst.name} reaches its first limit, ${worst.limitedBy}`)
  })

  it('gives each disk row of Compatible VMs the disk’s size, churn, IOPS and tier (Standard SSD on a standard-storage VM)', () => {
    const [header, ...rows] = sheetRows(wb, 'Compatible VMs', 4)
    const col = (name: string) => header.indexOf(name)
    let disks = 0
    for (const v of json.protection.vms.filter((x) => x.compatible !== 'No')) {
      for (const d of v.disks) {
        const row = rows.find((r) => r[0] === `  └ ${d.path}`)!
        disks++
        expect(row[col('VHD size (GB)')]).toBe(d.sizeGB)
        expect(row[col('P95 churn (MB/s)')]).toBe(d.churn.percentileMBps)
        expect(row[col('Churn (GB/day)')]).toBe(d.churn.avgGBPerDay)
        expect(row[col('P95 R/W IOPS')]).toBe(d.churn.percentileRwIops)
        const tier = String(row[col('Storage / disk tier')])
        if (v.storage.storage === 'standard') expect(tier).toMatch(/^Standard SSD E\d+$/)
        else expect(tier).toMatch(/^P\d+( → P\d+)?$/)
      }
    }
    expect(disks).toBeGreaterThan(10)
  })

  it('draws each RPO’s batches under its IR batching table', () => {
    for (const b of json.protection.batching) expect(wb.getWorksheet(`IR Batching ${b.rpoMinutes} min`)!.getImages()).toHaveLength(1)
  })
})
