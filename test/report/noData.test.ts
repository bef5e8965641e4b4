/**
 * Inventory VMs without counter data: listed with host and disks in every output, never planned as
 * zero churn, and they lower the data-quality rating. Contoso's inventory (12 VMs) with the
 * counter logs of HV04 only (APP02, BUILD01, DC02, IDLE01): 8 VMs have no data.
 */
import {runCommand} from '@oclif/test'
import {copyFileSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {CONTOSO} from '../helpers/contoso.js'
import {pdfPageTexts, readWorkbook, sheetRows} from '../helpers/outputs.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
const out = join(tmp, 'plan')
let stdout: string
let json: ReportDocument

/** Which VMs have no counters, on which host, with how many disks (from samples/contoso/inventory.csv). */
const NO_DATA = [
  ['APP01', 'HV-CL01-N1', 2],
  ['DC01', 'HV-CL01-N1', 1],
  ['FS01', 'HV03', 3],
  ['RDS01', 'HV-CL01-N2', 2],
  ['SQL01', 'HV-CL01-N1', 3],
  ['SQL02', 'HV03', 3],
  ['WEB01', 'HV-CL01-N2', 1],
  ['WEB02', 'HV03', 1],
] as const

beforeAll(async () => {
  const input = join(tmp, 'input')
  mkdirSync(join(input, 'HV04'), {recursive: true})
  copyFileSync(join(CONTOSO, 'inventory.csv'), join(input, 'inventory.csv'))
  for (const f of readdirSync(join(CONTOSO, 'logs', 'HV04'))) copyFileSync(join(CONTOSO, 'logs', 'HV04', f), join(input, 'HV04', f))
  const result = await runCommand(['plan', input, '--out', out], {root: join(import.meta.dirname, '..', '..')})
  expect(result.error).toBeUndefined()
  stdout = result.stdout
  json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
})

describe('VMs of the inventory without counter data', () => {
  it('are in the JSON with their host and disks, and the plan covers only the 4 profiled VMs', () => {
    expect(json.scope.vms).toEqual(['APP02', 'BUILD01', 'DC02', 'IDLE01'])
    expect(json.scope.withoutData.map((v) => [v.vm, v.host, v.disks.length])).toEqual(NO_DATA)
    expect(json.scope.withoutData.every((v) => !v.profiled)).toBe(true)
    expect(json.scope.text).toBe('4 of 4 profiled VMs; no counter data: APP01, DC01, FS01, RDS01, SQL01, SQL02, WEB01, WEB02')
    // Their VHDs are nowhere in the plan (no zero-churn rows, no batches).
    expect(json.protection.batching[0].plan.vms.map((r) => r.vm).sort()).toEqual(['APP02', 'BUILD01', 'DC02', 'IDLE01'])
  })

  it('lower the data-quality rating and make a finding', () => {
    expect(json.profile.quality.vmsWithoutData).toEqual(NO_DATA.map(([vm]) => vm))
    expect(json.profile.quality.reasons).toContain('8 of 12 inventory VMs have no counter data (APP01, DC01, FS01, RDS01, SQL01, SQL02, WEB01, WEB02): not planned')
    expect(json.profile.quality.confidence).toBe('low')
    const finding = json.findings.find((f) => f.id === 'no-data')!
    expect(finding.title).toBe('8 VMs of the inventory have no counter data')
    expect(finding.vms).toEqual(NO_DATA.map(([vm]) => vm))
    expect(finding.text).toContain('SQL01 on HV-CL01-N1 (3 disks)')
  })

  it('are listed on the terminal, in the workbook and in the PDF', async () => {
    for (const [vm, host, disks] of NO_DATA) expect(stdout).toContain(`\n  ${vm} on ${host}: no data (${disks} disk${disks === 1 ? '' : 's'} in the inventory, no counters); not planned`)
    const wb = await readWorkbook(join(out, 'report.xlsx'))
    const rows = sheetRows(wb, 'VMs without Data', 4)
    expect(rows[0]).toEqual(['VM', 'Host', 'Status', 'Disk', 'Size (GB)'])
    expect(rows.slice(1).filter((r) => r[0] === 'SQL01').map((r) => [r[1], r[2], r[4]])).toEqual([['HV-CL01-N1', 'no data', 127], ['HV-CL01-N1', 'no data', 1024], ['HV-CL01-N1', 'no data', 256]])
    expect(rows.length - 1).toBe(NO_DATA.reduce((n, [, , d]) => n + d, 0))
    const pdf = (await pdfPageTexts(readFileSync(join(out, 'report.pdf')))).join(' ')
    expect(pdf).toContain('Inventory disks without counter data')
    for (const [vm] of NO_DATA) expect(pdf).toContain(vm)
    expect(pdf).toContain('8 VMs of the inventory have no counter data')
  })
})
