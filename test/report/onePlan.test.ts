/**
 * One plan: the terminal, the JSON, the workbook and the PDF of `hvplan plan samples/contoso` show
 * the same number for the same thing, every figure for the same VMs. Each output is read back on
 * its own (stdout, JSON.parse, exceljs, pdf.js) and compared with the others.
 */
import {runCommand} from '@oclif/test'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixFor} from '../../models/compatibility.js'
import type {ReportDocument} from '../../src/report/document.js'
import {CONTOSO} from '../helpers/contoso.js'
import {pdfPageTexts, readWorkbook, sheetRows} from '../helpers/outputs.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const out = join(tmp, 'plan')
let terminal: string
let json: ReportDocument
let wb: Awaited<ReturnType<typeof readWorkbook>>
let pdf: string[]
const one = (x: number) => x.toFixed(1)

beforeAll(async () => {
  const result = await runCommand(['plan', CONTOSO, '--out', out], {root: join(import.meta.dirname, '..', '..')})
  expect(result.error).toBeUndefined()
  terminal = result.stdout
  json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  wb = await readWorkbook(join(out, 'report.xlsx'))
  pdf = await pdfPageTexts(readFileSync(join(out, 'report.pdf')))
})

/** Recommendations sheet: header row 4, one row per RPO. */
const recommendations = () => {
  const [header, ...rows] = sheetRows(wb, 'Recommendations', 4).filter((r) => r.length > 0)
  const col = (name: string) => header.indexOf(name)
  return {rows: rows.slice(0, 3), col}
}

describe('one plan in four outputs (samples/contoso)', () => {
  it('names the same VMs everywhere: 9 of 12, the 3 not protected', () => {
    const text = '9 of 12 profiled VMs; not protected: DC01, FS01, RDS01'
    expect(json.scope.text).toBe(text)
    expect(terminal).toContain(`The plan is for ${text}.`)
    const summary = new Map(sheetRows(wb, 'On-premises Summary', 3).map((r) => [r[0], r[1]]))
    expect(summary.get('VMs the plan is for')).toBe(text)
    expect(pdf[0]).toContain(`The plan is for ${text}`)
  })

  it('decides on page 1: per RPO bandwidth, network plan, cost and IR; blockers with reason and fix; top three actions; how long replication may pause', () => {
    const page = pdf[0]
    const squeezed = page.replace(/\s+/g, '') // wrapped cells may split a path at a hyphen
    const left = json.scope.left.map((l) => l.vm)
    expect(left).toEqual(['DC01', 'FS01', 'RDS01'])
    for (const v of json.protection.vms.filter((x) => left.includes(x.vm))) {
      for (const f of v.compatibility.findings.filter((x) => x.verdict === 'incompatible')) {
        expect(squeezed).toContain(`${v.vm}${f.text}${fixFor(f.rule)}`.replace(/\s+/g, ''))
      }
    }
    const actions = json.findings.filter((f) => f.severity !== 'info' && f.action).map((f) => f.action!)
    expect(actions.length).toBeGreaterThanOrEqual(3)
    actions.slice(0, 3).forEach((a, k) => expect(squeezed).toContain(`${k + 1}${a}`.replace(/\s+/g, '')))
    expect(squeezed).not.toContain(`4${actions[3] ?? 'none'}`.replace(/\s+/g, ''))
    // The shortest outage any protected VM survives (BUILD01's temp disk at 50 % of 256 GB).
    const worst = json.outage.vms.filter((v) => Number.isFinite(v.worstHours)).sort((a, b) => a.worstHours - b.worstHours)[0]
    expect(worst.name).toBe('BUILD01')
    expect(page).toContain(`How long replication may stay paused Replication can stay paused about ${Math.floor(worst.worstHours)} h at worst: BUILD01`)
  })

  it('gives the same B100, B90 and "after fixes" per RPO', () => {
    const {rows, col} = recommendations()
    json.bandwidth.rpos.forEach((r, k) => {
      const fixed = json.afterFixes!.rpos[k]
      expect(rows[k][col('RPO (min)')]).toBe(r.rpoMinutes)
      expect(rows[k][col('Bandwidth RPO met 100 % (Mbps)')]).toBe(r.bandwidth100Mbps)
      expect(rows[k][col('Bandwidth RPO met 90 % (Mbps)')]).toBe(r.bandwidth90Mbps)
      expect(rows[k][col('All VMs after fixes: 100 % (Mbps)')]).toBe(fixed.bandwidth100Mbps)
      expect(rows[k][col('All VMs after fixes: 90 % (Mbps)')]).toBe(fixed.bandwidth90Mbps)
      expect(rows[k][col('What sets the 100 % bandwidth')]).toBe(r.driver.text)
      const b = json.protection.batching[k]
      const irHours = b.plan.batches.reduce((n, x) => n + x.irSeconds, 0) / 3600
      const cost = json.cost!.byRpo[k]
      expect(terminal).toMatch(new RegExp(`\\n +${r.rpoMinutes} +${one(r.bandwidth100Mbps)} +${one(r.bandwidth90Mbps)} +${one(fixed.bandwidth100Mbps)} +${one(fixed.bandwidth90Mbps)} +${cost.networkPlan} +${Math.round(cost.monthly).toLocaleString('en-US')} +${b.plan.batches.length} batch(es)?, ${irHours.toFixed(1)} h\\n`))
      expect(terminal).toContain(`\n  ${r.rpoMinutes} min: ${r.driver.text}\n`)
      // Page 1 decides: bandwidth to order, its plan and cost, IR; page 2 says what sets it.
      expect(pdf[0]).toContain(`${r.rpoMinutes} ${one(r.bandwidth100Mbps)} ${one(r.bandwidth90Mbps)} ${one(fixed.bandwidth100Mbps)} ${cost.networkPlan} ${Math.round(cost.monthly).toLocaleString('en-US')} ${b.plan.batches.length} batch${b.plan.batches.length === 1 ? '' : 'es'}, ${irHours.toFixed(1)} h`)
      expect(pdf[1]).toContain(`${r.rpoMinutes} ${one(r.bandwidth100Mbps)} ${r.driver.text}`)
    })
    // The figures recomputed independently in issue 11, within 0.5 %.
    expect(json.bandwidth.rpos.map((r) => Math.round(r.bandwidth100Mbps))).toEqual([188, 165, 146])
  })

  it('prices the network plan that covers the protected B100 and no more, the same in every output', () => {
    const cost = json.cost!
    expect(cost.network).toMatchObject({plan: 'ExpressRoute Standard Metered 200 Mbps', mbps: 200, monthlyPrice: 575})
    expect(cost.network.requiredMbps).toBe(json.bandwidth.rpos[0].bandwidth100Mbps)
    const {rows, col} = recommendations()
    cost.byRpo.forEach((b, k) => {
      expect(rows[k][col('Network plan')]).toBe(b.networkPlan)
      expect(rows[k][col('DR cost (USD/month)')]).toBe(b.monthly)
    })
    const money = (v: number) => Math.round(v).toLocaleString('en-US')
    expect(terminal).toContain(`: USD ${money(cost.totals.monthly)} per month, USD ${money(cost.totals.yearly)} per year — compute USD ${money(cost.totals.compute)}, storage USD ${money(cost.totals.storage)}, network USD ${money(cost.totals.network)}, ASR license USD ${money(cost.totals.license)} per month`)
    expect(pdf[0]).toContain(`Cost USD ${money(cost.totals.monthly)} per month, USD ${money(cost.totals.yearly)} per year`)
    expect(pdf.join(' ')).toContain(`Network (ExpressRoute Standard Metered 200 Mbps) ${money(cost.totals.network)}`)
  })

  it('gives the cores, the IR batches and the storage to add from one computation', () => {
    const {rows, col} = recommendations()
    json.protection.batching.forEach((b, k) => {
      expect(rows[k][col('Cores to request')]).toBe(json.protection.coresToRequest)
      expect(rows[k][col('IR batches')]).toBe(b.plan.batches.length)
      expect(rows[k][col('IR time, all batches (h)')]).toBe(b.plan.batches.reduce((n, x) => n + x.irSeconds, 0) / 3600)
      expect(rows[k][col('On-premises storage to add (GB)')]).toBe(json.protection.volumes.reduce((n, v) => n + v.byRpo[k].additionalGB, 0))
    })
    expect(terminal).toContain(`9 VMs to protect: ${json.protection.coresToRequest} Azure cores`)
    expect(pdf[0]).toContain(`Azure ${json.protection.coresToRequest} cores to request`)
  })

  it('says the same about each host volume\'s replica-log space at each RPO', () => {
    const sheet = sheetRows(wb, 'On-premises Storage', 4)
    const [header, ...rows] = sheet
    const col = (name: string) => header.indexOf(name)
    const pdfText = pdf.join(' ')
    for (const v of json.protection.volumes) {
      for (const r of v.byRpo) {
        const row = rows.find((x) => x[col('Host volume')] === v.volume && x[col('RPO (min)')] === r.rpoMinutes)!
        expect([row[col('Required (GB)')], row[col('Additional to provision (GB)')], row[col('Status')]]).toEqual([r.requiredGB, r.additionalGB, r.status])
        expect(pdfText).toContain(`${r.rpoMinutes} ${v.vms.length} ${Math.round(v.freeGB).toLocaleString('en-US')} ${r.drNeedGB.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} ${r.irNeedGB.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} ${r.requiredGB.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} ${r.additionalGB.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} ${r.status}`)
      }
      const flagged = v.byRpo.filter((r) => r.status !== 'ok')
      if (flagged.length) expect(terminal).toContain(`  ${v.volume} (${Math.round(v.freeGB).toLocaleString('en-US')} GB free): ${v.byRpo.map((r) => `${r.rpoMinutes} min ${r.status} — needs ${Math.round(r.requiredGB).toLocaleString('en-US')} GB`).join('; ')}`)
      else expect(terminal).not.toContain(`  ${v.volume} (`)
    }
    // HV04 D:\ (380 GB free) needs more than half of it: tight, with no silent 75 % threshold.
    expect(json.protection.volumes.find((v) => v.volume === 'HV04 D:\\')!.byRpo.map((r) => r.status)).toEqual(['tight', 'tight', 'tight'])
    const finding = json.findings.find((f) => f.id === 'volume-space')!
    expect(finding.severity).toBe('warning')
    expect(pdfText).toContain(finding.title)
    const findingsSheet = sheetRows(wb, 'Findings', 3)
    expect(findingsSheet.some((r) => r[1] === finding.title && r[2] === finding.text)).toBe(true)
  })

  it('shows one DR bandwidth per VM: Compatible VMs, Top VMs and each IR batching sheet agree with the JSON', () => {
    json.protection.batching.forEach((b, k) => {
      const dr = new Map(json.bandwidth.rpos[k].perVm.map((v) => [v.vm, v.drBandwidthMbps]))
      const [header, ...rows] = sheetRows(wb, `IR Batching ${b.rpoMinutes} min`, 4)
      expect(header).toEqual(['Batch', 'Hyper-V host', 'Virtual machine', 'Volume (VHD path)', 'Free space available on the volume (GB)', 'Storage required for IR (GB)', 'Storage required for DR (GB)', 'Additional storage required based on deficit (GB)', 'Minimum bandwidth for IR (Mbps)', 'Minimum bandwidth for DR (Mbps)', 'Estimated IR time (hh:mm)', 'Comments'])
      const col = (name: string) => header.indexOf(name)
      const vmRows = rows.filter((r) => r[col('Volume (VHD path)')])
      // One row per VM and volume its disks use; the VM's bandwidths on its first row.
      expect(vmRows.filter((r) => r[col('Minimum bandwidth for DR (Mbps)')] !== null && r[col('Minimum bandwidth for DR (Mbps)')] !== undefined)).toHaveLength(b.plan.vms.length)
      for (const row of vmRows.filter((r) => typeof r[col('Minimum bandwidth for DR (Mbps)')] === 'number')) {
        expect(row[col('Minimum bandwidth for DR (Mbps)')]).toBeCloseTo(dr.get(String(row[col('Virtual machine')]))!, 9)
        expect(row[col('Hyper-V host')]).toBe(json.protection.vms.find((v) => v.vm === row[col('Virtual machine')])!.hosts.join(', '))
      }
      // Additional storage = max(IR, DR) − free space seen, when positive.
      for (const row of vmRows) {
        const need = Math.max(row[col('Storage required for IR (GB)')] as number, row[col('Storage required for DR (GB)')] as number)
        expect(row[col('Additional storage required based on deficit (GB)')]).toBeCloseTo(Math.max(0, need - (row[col('Free space available on the volume (GB)')] as number)), 6)
      }
      // Kept by all VMs together: the link at B100. Batch rows give the IR time as hh:mm.
      const batches = rows.filter((r) => !r[col('Volume (VHD path)')] && typeof r[col('Batch')] === 'number')
      expect(batches).toHaveLength(b.plan.batches.length)
      expect(batches.reduce((n, r) => n + (r[col('Minimum bandwidth for DR (Mbps)')] as number), 0)).toBeCloseTo(b.totalBandwidthMbps, 6)
      batches.forEach((r, i) => {
        const minutes = Math.round(b.plan.batches[i].irSeconds / 60)
        expect(r[col('Estimated IR time (hh:mm)')]).toBe(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`)
      })
    })
    const dr15 = new Map(json.bandwidth.rpos[0].perVm.map((v) => [v.vm, v.drBandwidthMbps]))
    const [header, ...rows] = sheetRows(wb, 'Compatible VMs', 4)
    for (const row of rows.filter((r) => dr15.has(String(r[0])))) expect(row[header.indexOf('DR bandwidth (Mbps)')]).toBe(dr15.get(String(row[0])))
    // The PDF's Top VMs table: churn figures and the same DR bandwidth, as the PDF formats numbers.
    const f = (x: number, d: number) => x.toLocaleString('en-US', {minimumFractionDigits: d, maximumFractionDigits: d})
    for (const v of json.bandwidth.churn.vms) expect(pdf.join(' ')).toContain(`${v.vm} ${f(v.avgMBps, 2)} ${f(v.percentileMBps, 2)} ${f(v.maxMBps, 2)} ${f(v.avgGBPerDay, 1)} ${f(v.worstDayGB, 1)} ${f(dr15.get(v.vm)!, 1)}`)
  })

  it('is the page 1 docs/report.md shows: its scope line and per-RPO rows are a fresh run\'s', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'report.md'), 'utf8')
    const block = /Page 1 of `hvplan plan samples\/contoso`[^]*?```text\n([^]*?)\n +```/.exec(docs)![1]
    const lines = block.split('\n').map((l) => l.trim().replace(/\s+/g, ' '))
    const rows = lines.filter((l) => /^\d+ [\d.]+ [\d.]+ [\d.]+ /.test(l))
    expect(rows).toHaveLength(json.bandwidth.rpos.length)
    for (const line of [...rows, ...lines.filter((l) => l.startsWith('The plan is for') || l.startsWith('Azure '))]) expect(pdf[0]).toContain(line)
  })

  it('prints what the README says it prints (the README\'s figures are a fresh run\'s)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    const block = /<!-- plan-output -->\n```text\n([^]*?)\n```\n<!-- \/plan-output -->/.exec(readme)![1]
    const lines = new Set(terminal.split('\n'))
    for (const line of block.split('\n')) expect(lines, line).toContain(line)
  })

  it('tells how long replication may stay paused from the VMs to protect, the same on every page', () => {
    const finding = json.findings.find((f) => f.id === 'paused-replication')!
    // JSON writes a tolerance beyond the profiled period (Infinity) as null.
    const worst = json.outage.vms.filter((v) => typeof v.worstHours === 'number').sort((a, b) => a.worstHours - b.worstHours)[0]
    expect(json.scope.vms).toContain(worst.name)
    expect(finding.title).toBe(`Replication can stay paused about ${Math.floor(worst.worstHours)} h at worst`)
    expect(pdf.join(' ')).toContain(finding.title)
    expect(sheetRows(wb, 'Findings', 3).some((r) => r[1] === finding.title)).toBe(true)
  })
})
