/**
 * The Cost Estimation sheet: its formulas, evaluated by an independent Excel formula engine
 * (fast-formula-parser) over the workbook as read back, give the model's values — also after a
 * planner edits the drills, the discount and Hybrid Benefit in the sheet.
 */
import ExcelJS from 'exceljs'
import FormulaParser from 'fast-formula-parser'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_COST_OPTIONS} from '../../src/plan/costOptions.js'
import {loadPriceSheet} from '../../src/prices/priceSheet.js'
import type {ReportDocument} from '../../src/report/document.js'
import {writeReport} from '../../src/report/writeReport.js'
import {reportEstate} from '../helpers/reportEstate.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let report: Awaited<ReturnType<typeof reportEstate>>['report']
let doc: ReportDocument
let ws: ExcelJS.Worksheet
const extra = join(tmp, 'extra.csv')
const costOptions = {...DEFAULT_COST_OPTIONS, extraVmsFile: extra}

beforeAll(async () => {
  report = (await reportEstate(tmp)).report
  // Two manual rows: three Linux DCs, and one VM of a size the example sheet does not price.
  writeFileSync(extra, 'Name,Count,Size,OS,Storage,StorageGB,ChurnGBPerDay\nDC,3,Standard_B2s,Linux,Standard,64,0.5\nBIG,1,Standard_M416ms_v2,Windows,Premium,1000,20\n')
  doc = report({cost: {sheet: loadPriceSheet(), options: costOptions}})
  const file = join(tmp, 'cost.xlsx')
  await writeReport(doc, {xlsx: file})
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  ws = wb.getWorksheet('Cost Estimation')!
})

/** Evaluates every formula of the sheet from its inputs (cached results ignored), with some cells changed. */
function evaluate(sheet: ExcelJS.Worksheet, changes: Record<string, string | number> = {}): Map<string, number> {
  const values = new Map<string, unknown>()
  const parser = new FormulaParser({
    onCell: ({row, col}) => valueOf(row, col),
    onRange: ({from, to}) => {
      const out: unknown[][] = []
      for (let r = from.row; r <= to.row; r++) out.push(Array.from({length: to.col - from.col + 1}, (_, k) => valueOf(r, from.col + k)))
      return out
    },
  })
  function valueOf(row: number, col: number): unknown {
    const address = sheet.getCell(row, col).address
    if (address in changes) return changes[address]
    if (values.has(address)) return values.get(address)
    const cell = sheet.getCell(row, col)
    const v = cell.value as unknown
    const result = v !== null && typeof v === 'object' && 'formula' in v ? parser.parse((v as {formula: string}).formula, {sheet: sheet.name, row, col}) : (v ?? null)
    values.set(address, result)
    return result
  }
  const out = new Map<string, number>()
  sheet.eachRow((row, r) => row.eachCell((cell, c) => {
    if (cell.formula) out.set(cell.address, valueOf(r, c) as number)
  }))
  return out
}

/** The sheet's row holding a label in column A. */
function rowOf(label: string): number {
  let found = -1
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === label) found = r
  })
  if (found < 0) throw new Error(`no row ${label}`)
  return found
}

function inputCell(label: string): string {
  return `B${rowOf(label)}`
}

describe('Cost Estimation sheet', () => {
  it('holds live formulas whose cached values are the model’s', () => {
    const cost = doc.cost!
    const formulas = evaluate(ws)
    expect(formulas.size).toBeGreaterThan(30)
    for (const [address, value] of formulas) {
      const cached = (ws.getCell(address).value as {result?: number}).result
      expect(value, address).toBeCloseTo(cached!, 6)
    }
    const total = rowOf('Total')
    expect(ws.getCell(`N${total}`).formula).toBeTruthy()
    expect(formulas.get(`N${total}`)).toBeCloseTo(cost.totals.monthly, 6)
    expect(formulas.get(`O${total}`)).toBeCloseTo(cost.totals.yearly, 6)
    expect(formulas.get(`N${rowOf('By state — replication (storage, network, license)')}`)).toBeCloseTo(cost.totals.replication, 6)
    expect(formulas.get(`N${rowOf('By state — DR drills (compute, storage)')}`)).toBeCloseTo(cost.totals.drill, 6)
  })

  it('recalculates to the model’s figures when drills, duration, discount or Hybrid Benefit change', () => {
    const changes = {[inputCell('DR drills per year')]: 2, [inputCell('Each DR drill, days')]: 3, [inputCell('Discount (%)')]: 15, [inputCell('Azure Hybrid Benefit (Windows)')]: 'No'}
    const formulas = evaluate(ws, changes)
    const edited = report({cost: {sheet: loadPriceSheet(), options: {...costOptions, drillsPerYear: 2, drillDays: 3, discountPercent: 15, hybridBenefit: false}}}).cost!
    const total = rowOf('Total')
    expect(formulas.get(`N${total}`)).toBeCloseTo(edited.totals.monthly, 6)
    expect(formulas.get(`N${rowOf('By component — compute (DR drills)')}`)).toBeCloseTo(edited.totals.compute, 6)
    expect(formulas.get(`N${rowOf('By component — storage (replication and drills)')}`)).toBeCloseTo(edited.totals.storage, 6)
    // Hybrid Benefit off changes the Windows rows' compute, not the Linux DCs'.
    expect(edited.totals.compute).toBeGreaterThan(0)
    expect(edited.totals.monthly).not.toBeCloseTo(doc.cost!.totals.monthly, 2)
  })

  it('shows a row without a price as such (not 0) and counts the license once per instance', () => {
    const big = rowOf('BIG (manual)')
    expect(ws.getCell(`K${big}`).value).toBe('no price')
    expect(ws.getCell(`N${big}`).value).toBe('no price')
    const dc = rowOf('DC (manual)')
    expect(ws.getCell(`B${dc}`).value).toBe(3)
    expect((ws.getCell(`M${dc}`).value as {result: number}).result).toBe(75)
    expect(doc.cost!.totals.license).toBe(25 * (doc.protection.vms.filter((v) => v.protect).length + 3 + 1))
  })

  it('puts the summary by component and state in the PDF and the JSON, saying the prices are an example', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const file = join(tmp, 'cost.pdf')
    await writeReport(doc, {pdf: file, json: join(tmp, 'cost.json')})
    const pdf = await pdfjs.getDocument({data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false}).promise
    let text = ''
    for (let k = 1; k <= pdf.numPages; k++) text += (await (await pdf.getPage(k)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n'
    text = text.replace(/\s+/g, ' ')
    const t = doc.cost!.totals
    const money = (v: number) => Math.round(v).toLocaleString('en-US')
    expect(text).toContain(`Cost USD ${money(t.monthly)} per month, USD ${money(t.yearly)} per year — compute USD ${money(t.compute)}, storage USD ${money(t.storage)}`)
    expect(text).toContain('EXAMPLE prices, not a quote')
    // The cover gives each RPO's monthly cost with its network plan (the planned 100 Mbps here).
    for (const r of doc.cost!.byRpo) expect(text).toMatch(new RegExp(`\\b${r.rpoMinutes} [\\d.]+ [\\d.]+ [\\d.]+ [\\d.]+ ${r.networkPlan} ${money(r.monthly)} `))
    // Two tables for one total: the components add up to it, and so do the states.
    expect(t.compute + t.storage + t.network + t.license).toBeCloseTo(t.monthly, 6)
    expect(t.replication + t.drill).toBeCloseTo(t.monthly, 6)
    const components = text.slice(text.indexOf('DR cost by component'), text.indexOf('The same total by state'))
    const states = text.slice(text.indexOf('The same total by state'), text.indexOf('DR cost per RPO'))
    for (const [label, v] of [['Compute (DR drills)', t.compute], ['ASR license', t.license], ['Total', t.monthly]] as const) expect(components).toContain(`${label} ${money(v)} ${money(v * 12)}`)
    for (const [label, v] of [['Replicating (storage, network, license)', t.replication], ['DR drills (compute, storage while a test failover runs)', t.drill], ['Total', t.monthly]] as const) expect(states).toContain(`${label} ${money(v)} ${money(v * 12)}`)
    expect(components).not.toContain('Replicating')
    for (const r of doc.cost!.byRpo) expect(text).toContain(`${r.rpoMinutes} ${r.requiredMbps.toFixed(1)} ${r.networkPlan} ${money(r.monthly)} ${money(r.yearly)}`)
    // The network plan is named in the components table and per RPO, not in a sentence as well.
    expect(text).not.toContain('With the network plan each')
    const json = JSON.parse(readFileSync(join(tmp, 'cost.json'), 'utf8')) as ReportDocument
    expect(json.cost!.totals.monthly).toBeCloseTo(t.monthly, 9)
    expect(json.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['example-prices', 'cost-gaps']))
  })

  it('keeps formulas free of input text: VM names are only ever string cells', () => {
    ws.eachRow((row) => row.eachCell((cell) => {
      // Cell references, numbers, operators and the two literals the sheet compares with.
      if (cell.formula) expect(cell.formula.replaceAll('"Linux"', '').replaceAll('"Yes"', '')).toMatch(/^[A-Z0-9$():,.*+\-/=<> ]+$/)
    }))
  })
})
