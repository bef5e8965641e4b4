/**
 * npm run bench:sample — the generator must stream: peak RSS for a 1,000-VM estate must not grow
 * with the number of days. Runs each size in its own process (so RSS is its own) and prints the
 * figures side by side with the RSS ratio. Usage: npm run bench:sample -- [vms] [days,days,...]
 */
import {execFileSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const vms = Number(process.argv[2] ?? 1000)
const dayList = (process.argv[3] ?? '1,4').split(',').map(Number)
const runner = join(import.meta.dirname, 'sampleRunner.ts')
const results = dayList.map((days) => {
  const out = join(tmpdir(), `hvplan-bench-sample-${process.pid}-${days}`)
  const line = execFileSync(process.execPath, ['--import', 'tsx', runner, out, String(vms), String(days)], {encoding: 'utf8', env: {...process.env, HVPLAN_QUIET: '1'}, maxBuffer: 1 << 20})
  return JSON.parse(line.trim()) as {vms: number; days: number; seconds: number; peakRssMiB: number; rows: number; bytes: number; peakPendingWindows: number}
})

console.log(`hvplan sample, ${vms} VMs, gzip, 15 s samples (each run in its own process)`)
console.log('days  rows          written GiB  seconds  rows/s     peak RSS MiB  pending disk-windows')
for (const r of results) {
  console.log(`${String(r.days).padEnd(5)} ${String(r.rows).padEnd(13)} ${(r.bytes / 2 ** 30).toFixed(2).padEnd(12)} ${r.seconds.toFixed(1).padEnd(8)} ${Math.round(r.rows / r.seconds).toString().padEnd(10)} ${r.peakRssMiB.toFixed(0).padEnd(13)} ${r.peakPendingWindows}`)
}
const first = results[0]
const last = results.at(-1)!
console.log(`peak RSS ratio ${last.days} days / ${first.days} day(s): ${(last.peakRssMiB / first.peakRssMiB).toFixed(2)} (data ratio ${(last.bytes / first.bytes).toFixed(2)})`)
