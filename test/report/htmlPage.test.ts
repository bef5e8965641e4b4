/// <reference lib="dom" />
/**
 * The interactive page in a real headless Chromium: opened from file:// with no console error and
 * no network request; the bandwidth slider at 150 Mbps shows what `hvplan whatif bandwidth
 * --bandwidth 150` says, and unticking SQL01 shows what `hvplan bandwidth --exclude-vm SQL01`
 * says (to 0.1 %); names from inputs stay text. The screenshot goes to .test-output/.
 */
import {runCommand} from '@oclif/test'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {reportHtml} from '../../src/report/writeHtml.js'
import {launchBrowser} from '../helpers/browser.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const out = join(tmp, 'out')
let browser: Browser

/** The page loaded and ready, with the console errors and the requests it made. */
async function open(file: string): Promise<{page: Page; errors: string[]; requests: string[]; dialogs: string[]}> {
  const page = await browser.newPage({viewport: {width: 1280, height: 1000}})
  const errors: string[] = []
  const requests: string[] = []
  const dialogs: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('request', (r) => !/^(file|data|blob):/.test(r.url()) && requests.push(r.url()))
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`file://${file}`)
  await page.waitForSelector('body[data-ready=true]', {timeout: 30_000})
  return {page, errors, requests, dialogs}
}

/** The exact values (data-value) of a table's cells of one field, by RPO. */
async function byRpo(page: Page, table: string, field: string): Promise<Record<string, number>> {
  return page.$$eval(`#${table} tr[data-rpo]`, (rows, f) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-rpo'), Number(r.querySelector(`[data-field="${f}"]`)!.getAttribute('data-value'))])), field)
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(1e-9, Math.abs(b))

beforeAll(async () => {
  const {error} = await runCommand(['plan', join(root, 'samples', 'contoso'), '--out', out], {root})
  expect(error).toBeUndefined()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('the interactive page (report.html)', () => {
  it('opens from disk without errors or requests, and follows the bandwidth and the VMs picked as the CLI does', async () => {
    const {page, errors, requests} = await open(join(out, 'report.html'))
    // As opened: the plan's own figures.
    const doc = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportDocument
    const b100 = await byRpo(page, 'rpo-table', 'b100')
    for (const r of doc.bandwidth.rpos) expect(b100[r.rpoMinutes]).toBeCloseTo(r.bandwidth100Mbps, 9)

    // The slider at 150 Mbps: `whatif bandwidth --bandwidth 150` for each RPO.
    await page.$eval('#bandwidth-slider', (e) => {
      const input = e as HTMLInputElement
      input.value = '150'
      input.dispatchEvent(new Event('input'))
    })
    const profile = join(out, 'profile.sqlite')
    for (const rpo of doc.assumptions.rpoMinutes) {
      const cli = await runCommand(['whatif', 'bandwidth', '-p', profile, '--rpo', String(rpo), '--bandwidth', '150', '--json'], {root})
      const point = (JSON.parse(cli.stdout) as {points: Array<Record<string, number> & {violations: {count: number}}>}).points[0]
      const at = async (field: string) => (await byRpo(page, 'whatif-table', field))[rpo]
      expect(close(await at('worst'), point.achievableRpoMinutes), `worst RPO at ${rpo} min`).toBe(true)
      expect(close(await at('p50'), point.rpoP50Minutes)).toBe(true)
      expect(close(await at('p90'), point.rpoP90Minutes)).toBe(true)
      expect(close(await at('p99'), point.rpoP99Minutes)).toBe(true)
      expect(close(await at('within'), 100 * point.withinTargetShare)).toBe(true)
      expect(await at('violations')).toBe(point.violations.count)
    }
    expect(await page.textContent('#network-at')).toMatch(/^Network plan at 150\.0 Mbps: ExpressRoute/)

    // SQL01 unticked: `bandwidth --exclude-vm SQL01`.
    await page.click('#vm-table tr[data-vm="SQL01"] input[type=checkbox]')
    await page.waitForFunction(() => document.getElementById('selection-status')!.textContent!.includes('8 VMs picked'))
    const cli = JSON.parse((await runCommand(['bandwidth', '-p', profile, '--exclude-vm', 'SQL01', '--json'], {root})).stdout) as {rpos: Array<{rpoMinutes: number; bandwidth100Mbps: number; bandwidth90Mbps: number; driver: {text: string}}>}
    const [b100Without, b90Without] = [await byRpo(page, 'rpo-table', 'b100'), await byRpo(page, 'rpo-table', 'b90')]
    for (const r of cli.rpos) {
      expect(close(b100Without[r.rpoMinutes], r.bandwidth100Mbps), `B100 at ${r.rpoMinutes} min: page ${b100Without[r.rpoMinutes]}, CLI ${r.bandwidth100Mbps}`).toBe(true)
      expect(close(b90Without[r.rpoMinutes], r.bandwidth90Mbps)).toBe(true)
    }
    // What sets B100 is the CLI's sentence, word for word.
    const drivers = await page.$$eval('#rpo-table tr[data-rpo] [data-field=driver]', (cells) => cells.map((c) => c.textContent))
    expect(drivers).toEqual(cli.rpos.map((r) => r.driver.text))
    expect(b100Without[15]).toBeLessThan(b100[15])

    mkdirSync(join(root, '.test-output'), {recursive: true})
    await page.screenshot({path: join(root, '.test-output', 'report-page.png'), fullPage: true})
    expect(errors).toEqual([])
    expect(requests).toEqual([])
  })

  it('shows names from the inputs as text: a VM named like markup runs nothing', async () => {
    const doc = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportDocument
    const hostile = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>']
    // The Contoso plan with two VMs renamed: every occurrence of the name in the document, series included.
    const rename = (text: string) => text.replaceAll('"WEB01"', JSON.stringify(hostile[0])).replaceAll('"WEB02"', JSON.stringify(hostile[1]))
    const withSeries = await import('../../src/plan/runPlan.js').then((m) => m.buildReportFromProfile(join(out, 'profile.sqlite'), {options: {replication: doc.assumptions, bandwidthMbps: undefined, outageHours: doc.outage.outageHours, managedDisks: doc.assumptions.managedDisks}, limitsFile: undefined, vmSizesFile: undefined}, undefined, true))
    const renamed = {...(JSON.parse(rename(JSON.stringify({...withSeries, pageSeries: undefined}))) as ReportDocument), pageSeries: {...withSeries.pageSeries!, vms: withSeries.pageSeries!.vms.map((v) => (v === 'WEB01' ? hostile[0] : v === 'WEB02' ? hostile[1] : v))}}
    const file = join(tmp, 'hostile.html')
    writeFileSync(file, reportHtml(renamed))
    const {page, errors, dialogs} = await open(file)
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    expect(await page.$$eval('img', (images) => images.length)).toBe(0)
    const names = await page.$$eval('#vm-table td.vm-name', (cells) => cells.map((c) => c.textContent))
    expect(names).toContain(hostile[0])
    expect(names).toContain(hostile[1])
    // Picking the hostile VMs off and on recomputes like any other.
    await page.click(`#vm-table tr[data-vm="${hostile[0].replaceAll('"', '\\"')}"] input[type=checkbox]`)
    await page.waitForFunction(() => document.getElementById('selection-status')!.textContent!.includes('8 VMs picked'))
    expect(dialogs).toEqual([])
  })
})
