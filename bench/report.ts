/**
 * npm run bench:report [-- --vms N] — the whole report for an N-VM × 31-day profile (default
 * 1,000 VMs: 2,700 disks, with an inventory, costed with the example price sheet): build the
 * document once (each of its phases timed), then write the workbook, the PDF and the JSON. The
 * profile is built once in .bench/ and reused; the report runs in a fresh process. Prints each
 * phase, the total, peak RSS and the profile's size on disk. Targets (issue 14): 1,000 VMs ≤ 15 s
 * and ≤ 1 GiB; 10,000 VMs ≤ 3 min and ≤ 2 GiB.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {benchProfile} from './benchProfile.js'

const vmsArg = process.argv.indexOf('--vms')
const vms = vmsArg >= 0 ? Number(process.argv[vmsArg + 1]) : 1000
if (!(Number.isInteger(vms) && vms > 0)) throw new Error(`--vms must be a whole number of VMs, got ${process.argv[vmsArg + 1]}`)
const root = join(import.meta.dirname, '..')
const profile = benchProfile(true, vms)
const out = join(root, '.bench', `report-${vms}vm`)
mkdirSync(out, {recursive: true})
const result = execFileSync(process.execPath, ['--import', 'tsx', '-e', `
import {withProfile} from './src/store/profileStore.ts'
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
// The document's own phases, as buildReport announces them.
const documentPhases = []
let current = undefined
let since = performance.now()
const onPhase = (next) => { const now = performance.now(); if (current) documentPhases.push([current, (now - since) / 1000]); current = next; since = now }
const doc = await phase('document', () => withProfile(${JSON.stringify(profile)}, (store) => buildReport(store, {replication: normalizeReplicationOptions({}), bandwidthMbps: undefined, outageHours: 4, managedDisks: true, cost: {sheet: loadPriceSheet(), options: DEFAULT_COST_OPTIONS}}, loadLimits(), loadVmCatalog(), onPhase)))
onPhase(undefined)
const dir = ${JSON.stringify(out)}
await phase('xlsx', () => writeReport(doc, {xlsx: dir + '/report.xlsx'}))
await phase('pdf', () => writeReport(doc, {pdf: dir + '/report.pdf'}))
await phase('json', () => writeReport(doc, {json: dir + '/report.json'}))
console.log(JSON.stringify({phases, documentPhases, total: (performance.now() - started) / 1000, vms: doc.profile.vms.length, disks: doc.bandwidth.diskCount, b100: doc.bandwidth.rpos[0].bandwidth100Mbps, costRows: doc.cost.rows.length, peakRssMiB: process.resourceUsage().maxRSS / 1024}))
`], {encoding: 'utf8', cwd: root, maxBuffer: 1 << 24})
const r = JSON.parse(result.trim().split('\n').at(-1)!)
const size = (f: string) => `${(statSync(join(out, f)).size / 2 ** 20).toFixed(1)} MiB`
console.log(`report for ${r.vms} VMs, ${r.disks} disks, 31 days of 5-minute windows (B100 for 15 min: ${r.b100.toFixed(0)} Mbps); profile ${(statSync(profile).size / 2 ** 30).toFixed(2)} GiB on disk`)
console.log(`  build the document: ${r.phases.document.toFixed(1)} s`)
for (const [name, seconds] of r.documentPhases as Array<[string, number]>) console.log(`    ${name.padEnd(36)} ${seconds.toFixed(1)} s`)
console.log(`  workbook with chart images: ${r.phases.xlsx.toFixed(1)} s (${size('report.xlsx')})`)
console.log(`  PDF with vector charts:     ${r.phases.pdf.toFixed(1)} s (${size('report.pdf')})`)
console.log(`  JSON:                       ${r.phases.json.toFixed(1)} s (${size('report.json')})`)
const [seconds, mib] = vms >= 10_000 ? [180, 2048] : [15, 1024]
console.log(`  total ${r.total.toFixed(1)} s (target ≤ ${seconds} s); peak RSS ${r.peakRssMiB.toFixed(0)} MiB (target ≤ ${mib.toLocaleString('en-US')} MiB)`)
