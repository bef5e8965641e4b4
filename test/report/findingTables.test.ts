/**
 * Findings about many VMs carry a table instead of a run-on sentence: with the standard-storage
 * churn limit lowered to 0.05 MB/s (a --limits file) most of Contoso's VMs to protect are above it.
 * The table's rows are the VMs above the limit, worked out here from the JSON's per-VM churn; the PDF
 * draws them as a table and the workbook lists them one per line under the finding's text.
 */
import {runCommand} from '@oclif/test'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {CONTOSO} from '../helpers/contoso.js'
import {pdfPageTexts, readWorkbook, sheetRows} from '../helpers/outputs.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const out = join(tmp, 'plan')
let json: ReportDocument
let pdf: string[]
let wb: Awaited<ReturnType<typeof readWorkbook>>

beforeAll(async () => {
  const limits = join(tmp, 'limits.json')
  writeFileSync(limits, JSON.stringify({values: {standardChurnLimitMBps: 0.05}}))
  const result = await runCommand(['plan', CONTOSO, '--out', out, '--limits', limits], {root: join(import.meta.dirname, '..', '..')})
  expect(result.error).toBeUndefined()
  json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  pdf = await pdfPageTexts(readFileSync(join(out, 'report.pdf')))
  wb = await readWorkbook(join(out, 'report.xlsx'))
})

describe('findings about many VMs', () => {
  it('put the VMs in a table: one row per VM above the limit, with its average and percentile churn', () => {
    const above = json.bandwidth.churn.vms.filter((v) => v.avgMBps > 0.05)
    expect(above.length).toBeGreaterThan(3)
    const finding = json.findings.find((f) => f.id === 'high-churn')!
    expect(finding.vms).toEqual(above.map((v) => v.vm))
    expect(finding.text).not.toContain(`${above[0].vm} ${above[0].avgMBps.toFixed(2)} MB/s`)
    expect(finding.table!.header).toEqual(['VM', 'Average churn (MB/s)', 'P95 churn (MB/s)'])
    expect(finding.table!.rows).toEqual(above.map((v) => [v.vm, v.avgMBps.toFixed(2), v.percentileMBps.toFixed(2)]))
    const all = pdf.join(' ')
    expect(all).toContain('VM Average churn (MB/s) P95 churn (MB/s)')
    for (const v of above) expect(all).toContain(`${v.vm} ${v.avgMBps.toFixed(2)} ${v.percentileMBps.toFixed(2)}`)
    const row = sheetRows(wb, 'Findings', 4).find((r) => r[1] === finding.title)!
    for (const v of above) expect(String(row[2])).toContain(`\n${v.vm} · Average churn (MB/s) ${v.avgMBps.toFixed(2)} · P95 churn (MB/s) ${v.percentileMBps.toFixed(2)}`)
  })

  it('say where current prices come from once', () => {
    const finding = json.findings.find((f) => f.id === 'example-prices')!
    expect(finding.text.match(/hvplan prices import/g)).toHaveLength(1)
    expect(finding.text.match(/current prices/gi)).toHaveLength(1)
    expect(finding.text).toContain('--prices')
  })
})
