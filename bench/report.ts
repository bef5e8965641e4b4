/**
 * npm run bench:report — the whole report for a 1,000-VM × 31-day profile (2,700 disks, with an
 * inventory, costed with the example price sheet): build the document once, then write the
 * workbook, the PDF and the JSON. Runs in a
 * fresh process; prints each phase, the total and peak RSS. Target: under 60 s and 2 GB.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {benchProfile} from './benchProfile.js'

const root = join(import.meta.dirname, '..')
const profile = benchProfile(true)
const out = join(root, '.bench', 'report')
mkdirSync(out, {recursive: true})
const result = execFileSync(process.execPath, ['--import', 'tsx', '-e', `
import {ProfileStore, withProfile} from './src/store/profileStore.ts'
import {buildReport} from './src/report/document.ts'
import {writeReport} from './src/report/writeReport.ts'
import {normalizeReplicationOptions} from './src/plan/replicationOptions.ts'
import {loadLimits} from './src/limits.ts'
import {loadVmCatalog} from './src/vmCatalog.ts'
import {loadPriceSheet} from './src/prices/priceSheet.ts'
import {DEFAULT_COST_OPTIONS} from './src/plan/costOptions.ts'
const started = performance.now()
const phases = {}
const phase = async (name, f) => { const t = performance.now(); const r = await f(); phases[name] = (performance.now() - t) / 1000; return r }
const doc = await phase('document', () => withProfile(${JSON.stringify(profile)}, (store) => buildReport(store, {replication: normalizeReplicationOptions({}), bandwidthMbps: undefined, outageHours: 4, managedDisks: true, cost: {sheet: loadPriceSheet(), options: DEFAULT_COST_OPTIONS}}, loadLimits(), loadVmCatalog())))
const dir = ${JSON.stringify(out)}
await phase('xlsx', () => writeReport(doc, {xlsx: dir + '/report.xlsx'}))
await phase('pdf', () => writeReport(doc, {pdf: dir + '/report.pdf'}))
await phase('json', () => writeReport(doc, {json: dir + '/report.json'}))
console.log(JSON.stringify({phases, total: (performance.now() - started) / 1000, vms: doc.profile.vms.length, b100: doc.bandwidth.rpos[0].bandwidth100Mbps, costRows: doc.cost.rows.length, monthly: doc.cost.totals.monthly, peakRssMiB: process.resourceUsage().maxRSS / 1024}))
`], {encoding: 'utf8', cwd: root, maxBuffer: 1 << 24})
const r = JSON.parse(result.trim().split('\n').at(-1)!)
const size = (f: string) => `${(statSync(join(out, f)).size / 2 ** 20).toFixed(1)} MiB`
console.log(`report for ${r.vms} VMs, 2,700 disks, 31 days of 5-minute windows (B100 for 15 min: ${r.b100.toFixed(0)} Mbps)`)
console.log(`  build the document (load, bandwidth, what-if curve, protection, outage, heat map, cost for ${r.costRows} VMs): ${r.phases.document.toFixed(1)} s`)
console.log(`  workbook with chart images: ${r.phases.xlsx.toFixed(1)} s (${size('report.xlsx')})`)
console.log(`  PDF with vector charts:     ${r.phases.pdf.toFixed(1)} s (${size('report.pdf')})`)
console.log(`  JSON:                       ${r.phases.json.toFixed(1)} s (${size('report.json')})`)
console.log(`  total ${r.total.toFixed(1)} s (target < 60 s); peak RSS ${r.peakRssMiB.toFixed(0)} MiB (target < 2,048 MiB)`)
