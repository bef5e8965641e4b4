/**
 * npm run bench:ingest — ingest throughput against csv-parse and cat on one ≥ 1 GB PDH-CSV
 * (2,000 VSD counter columns: 500 disks × 4 counters, relog-style full-precision values, 15 s
 * rows). Each contender runs in its own process; prints MB/s (MB = 10^6 bytes), peak RSS and the
 * ratio to the csv-parse-only rate. Usage: npm run bench:ingest -- [size MB, default 1100]
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {writeBenchLog} from './ingestData.js'

const sizeMB = Number(process.argv[2] ?? 1100)
const dir = join(import.meta.dirname, '..', '.bench')
mkdirSync(dir, {recursive: true})
const file = join(dir, `pdh-2000cols-${sizeMB}MB.csv`)
if (!existsSync(file)) {
  process.stderr.write(`writing ${file} …\n`)
  writeBenchLog(file, sizeMB * 1e6)
}
const bytes = statSync(file).size
const runner = join(import.meta.dirname, 'ingestRunner.ts')

function child(mode: string): {seconds: number; peakRssMiB: number; detail: string} {
  const out = execFileSync(process.execPath, ['--import', 'tsx', runner, mode, file, join(dir, `bench-${process.pid}.sqlite`)], {encoding: 'utf8', env: {...process.env, HVPLAN_QUIET: '1'}, maxBuffer: 1 << 20})
  return JSON.parse(out.trim().split('\n').at(-1)!)
}

const cat = (() => {
  const started = performance.now()
  const r = spawnSync('cat', [file], {stdio: ['ignore', 'ignore', 'inherit']})
  if (r.status !== 0) throw new Error('cat failed')
  return {seconds: (performance.now() - started) / 1000, peakRssMiB: NaN, detail: ''}
})()
const csv = child('csv-parse')
const ingest = child('ingest')
const mbps = (r: {seconds: number}) => bytes / 1e6 / r.seconds
console.log(`file: ${file}, ${(bytes / 1e6).toFixed(0)} MB`)
console.log('contender                      seconds   MB/s     peak RSS MiB  detail')
for (const [name, r] of [['cat > /dev/null', cat], ['csv-parse only (records)', csv], ['hvplan ingest (hash+parse+store)', ingest]] as const) {
  console.log(`${name.padEnd(30)} ${r.seconds.toFixed(2).padStart(7)}  ${mbps(r).toFixed(0).padStart(6)}   ${Number.isNaN(r.peakRssMiB) ? '     —' : r.peakRssMiB.toFixed(0).padStart(6)}        ${r.detail}`)
}
console.log(`ingest / csv-parse rate: ${(mbps(ingest) / mbps(csv)).toFixed(1)}×  (target ≥ 10×); ingest peak RSS ${ingest.peakRssMiB.toFixed(0)} MiB (target < 300)`)
