/**
 * npm run bench:model — the replication model on a 1,000-VM × 31-day profile (the one
 * bench:profile builds): B100 and B90 for four RPOs (with each VM's own B100), and a 50-point
 * what-if sweep. Prints each timing and peak RSS; target each under 5 s.
 */
import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

const root = join(import.meta.dirname, '..')
const profile = join(root, '.bench', 'profile-1000vm-31d.sqlite')
if (!existsSync(profile)) execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'profileLoad.ts')], {stdio: 'inherit'})
const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', `
import {ProfileStore} from './src/store/profileStore.ts'
import {loadProfile} from './src/store/loadProfile.ts'
import {planBasis} from './src/plan/basis.ts'
import {planReplication, sendSeries} from './src/plan/replicationPlan.ts'
import {normalizeReplicationOptions} from './src/plan/replicationOptions.ts'
import {parseSweep, planWhatIf} from './src/plan/whatIfPlan.ts'
const time = (f) => { const t = performance.now(); const r = f(); return [r, (performance.now() - t) / 1000] }
const store = ProfileStore.open(${JSON.stringify(profile)}, {create: false})
const [p, load] = time(() => loadProfile(store, {measures: ['writeBytes'], coverage: false}))
const options = normalizeReplicationOptions({rpo: [15, 30, 60, 120]})
const [basis, fill] = time(() => planBasis(p, options))
const [plan, bandwidth] = time(() => planReplication(basis))
const [sweep, whatif] = time(() => planWhatIf(basis, sendSeries(basis), 15, parseSweep('100:5000:100')))
console.log(JSON.stringify({load, fill, bandwidth, whatif, vms: plan.vmCount, disks: plan.diskCount, windows: p.windowCount, points: sweep.points.length, b100: plan.rpos.map((r) => r.bandwidth100Mbps), peakRssMiB: process.resourceUsage().maxRSS / 1024}))
`], {encoding: 'utf8', cwd: root})
const r = JSON.parse(out.trim().split('\n').at(-1)!)
console.log(`replication model on ${r.vms} VMs, ${r.disks} disks, ${r.windows} five-minute windows (31 days)`)
console.log(`  load the profile (write bytes):                          ${r.load.toFixed(2)} s`)
console.log(`  fill every disk's gaps once (the plan's basis):          ${r.fill.toFixed(2)} s`)
console.log(`  B100 + B90 for RPO 15/30/60/120 min, with per-VM B100:    ${r.bandwidth.toFixed(2)} s (target ≤ 1.5 s)`)
console.log(`  what-if sweep, ${r.points} bandwidths:                          ${r.whatif.toFixed(2)} s (target < 5 s)`)
console.log(`  B100 Mbps: ${r.b100.map((b: number) => b.toFixed(0)).join(', ')}; peak RSS ${r.peakRssMiB.toFixed(0)} MiB`)
