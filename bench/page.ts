/// <reference lib="dom" />
/**
 * npm run bench:page [-- --vms N] — the interactive page of the N-VM × 31-day bench profile
 * (default 1,000 VMs, the one bench:report builds): its size, and in headless Chromium (Debian's
 * chromium, or HVPLAN_CHROMIUM) the time to open it, a bandwidth slider move and a VM toggle, each
 * measured inside the page (the handler's compute and DOM update) over 7 moves and 7 toggles
 * (medians). Targets (issue 15): ≤ 15 MB and ≤ 200 ms for 1,000 VMs.
 */
import {statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {chromium} from 'playwright-core'
import {buildPage} from '../scripts/buildPage.mjs'
import {DEFAULT_COST_OPTIONS} from '../src/plan/costOptions.js'
import {normalizeReplicationOptions} from '../src/plan/replicationOptions.js'
import {loadLimits} from '../src/limits.js'
import {loadPriceSheet} from '../src/prices/priceSheet.js'
import {buildReport} from '../src/report/document.js'
import {reportHtml} from '../src/report/writeHtml.js'
import {withProfile} from '../src/store/profileStore.js'
import {loadVmCatalog} from '../src/vmCatalog.js'
import {chromiumPath} from '../test/helpers/browser.js'
import {benchProfile} from './benchProfile.js'

const vmsArg = process.argv.indexOf('--vms')
const vms = vmsArg >= 0 ? Number(process.argv[vmsArg + 1]) : 1000
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
await buildPage()
const profile = benchProfile(true, vms)
let t = performance.now()
const doc = withProfile(profile, (store) => buildReport(store, {replication: normalizeReplicationOptions({}), bandwidthMbps: undefined, outageHours: 4, managedDisks: true, cost: {sheet: loadPriceSheet(), options: DEFAULT_COST_OPTIONS}, pageSeries: true}, loadLimits(), loadVmCatalog()))
const documentSeconds = (performance.now() - t) / 1000
const file = join(import.meta.dirname, '..', '.bench', `report-${vms}vm.html`)
t = performance.now()
writeFileSync(file, reportHtml(doc))
const writeSeconds = (performance.now() - t) / 1000
const mb = statSync(file).size / 1e6
const browser = await chromium.launch({executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu']})
const page = await browser.newPage({viewport: {width: 1280, height: 1000}})
const errors: string[] = []
page.on('pageerror', (e) => errors.push(String(e)))
t = performance.now()
await page.goto(`file://${file}`)
await page.waitForSelector('body[data-ready=true]', {timeout: 120_000})
const openSeconds = (performance.now() - t) / 1000
const slider: number[] = []
const toggle: number[] = []
const names = doc.scope.vms.slice(0, 7)
for (let k = 0; k < 7; k++) {
  slider.push(
    await page.evaluate((mbps) => {
      const input = document.getElementById('bandwidth-slider') as HTMLInputElement
      const start = performance.now()
      input.value = String(mbps)
      input.dispatchEvent(new Event('input'))
      return performance.now() - start
    }, doc.bandwidth.rpos[0].bandwidth100Mbps * (0.7 + 0.1 * k)),
  )
  toggle.push(
    await page.evaluate((vm) => {
      const box = document.querySelector(`#vm-table tr[data-vm="${CSS.escape(vm)}"] input[type=checkbox]`) as HTMLInputElement
      const start = performance.now()
      box.click()
      return performance.now() - start
    }, names[k]),
  )
}
await browser.close()
console.log(`interactive page for ${doc.profile.vms.length} VMs × 31 days (${doc.pageSeries!.bits}-bit series of ${doc.pageSeries!.vms.length} VMs)`)
console.log(`  document with series ${documentSeconds.toFixed(1)} s, page written in ${writeSeconds.toFixed(1)} s`)
console.log(`  size ${mb.toFixed(1)} MB (target ≤ 15 MB)`)
console.log(`  open in Chromium until ready: ${openSeconds.toFixed(1)} s`)
console.log(`  bandwidth slider move: median ${median(slider).toFixed(0)} ms (${slider.map((x) => x.toFixed(0)).join(', ')}) (target ≤ 200 ms)`)
console.log(`  VM toggle (B100, B90, drivers, curve for 3 RPOs): median ${median(toggle).toFixed(0)} ms (${toggle.map((x) => x.toFixed(0)).join(', ')}) (target ≤ 200 ms)`)
if (errors.length) console.log(`  page errors: ${errors.join('; ')}`)
