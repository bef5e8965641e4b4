/**
 * npm run bench:ingest — ingest throughput against csv-parse and cat on one ≥ 1 GB PDH-CSV
 * (2,000 VSD counter columns: 500 disks × 4 counters, relog-style full-precision values, 15 s
 * rows). Each contender runs in its own process; prints MB/s (MB = 10^6 bytes), peak RSS and the
 * ratio to the csv-parse-only rate, medians of interleaved runs.
 * Usage: npm run bench:ingest -- [size MB, default 1100] [runs, default 3]
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

function catRun(): {seconds: number; peakRssMiB: number; detail: string} {
  const started = performance.now()
  const r = spawnSync('cat', [file], {stdio: ['ignore', 'ignore', 'inherit']})
  if (r.status !== 0) throw new Error('cat failed')
  return {seconds: (performance.now() - started) / 1000, peakRssMiB: NaN, detail: ''}
}

// The machine is shared and noisy: each contender runs `runs` times, interleaved; medians reported.
const runs = Number(process.argv[3] ?? 3)
const all = {cat: [] as ReturnType<typeof catRun>[], csv: [] as ReturnType<typeof child>[], ingest: [] as ReturnType<typeof child>[]}
for (let k = 0; k < runs; k++) {
  all.cat.push(catRun())
  all.csv.push(child('csv-parse'))
  all.ingest.push(child('ingest'))
}
const median = <T extends {seconds: number}>(list: T[]): T => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)]
const [cat, csv, ingest] = [median(all.cat), median(all.csv), median(all.ingest)]
const mbps = (r: {seconds: number}) => bytes / 1e6 / r.seconds
console.log(`file: ${file}, ${(bytes / 1e6).toFixed(0)} MB; ${runs} runs each, median shown`)
console.log('contender                         seconds   MB/s   peak RSS MiB  all runs (s)                detail')
for (const [name, r, list] of [['cat > /dev/null', cat, all.cat], ['csv-parse only (records)', csv, all.csv], ['hvplan ingest (hash+parse+store)', ingest, all.ingest]] as const) {
  const seconds = list.map((x) => x.seconds.toFixed(2)).join(' ')
  console.log(`${name.padEnd(32)} ${r.seconds.toFixed(2).padStart(7)}  ${mbps(r).toFixed(0).padStart(6)}   ${Number.isNaN(r.peakRssMiB) ? '     —' : Math.max(...list.map((x) => x.peakRssMiB)).toFixed(0).padStart(6)}        ${seconds.padEnd(26)}  ${r.detail}`)
}
const ratios = all.ingest.map((x, k) => all.csv[k].seconds / x.seconds)
console.log(`ingest / csv-parse rate: ${(mbps(ingest) / mbps(csv)).toFixed(1)}× on medians (per run: ${ratios.map((r) => r.toFixed(1)).join(', ')}; target ≥ 10×); ingest peak RSS ${Math.max(...all.ingest.map((x) => x.peakRssMiB)).toFixed(0)} MiB, largest of the runs (target < 300)`)
