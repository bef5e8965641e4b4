/**
 * npm run bench:ingest — ingest throughput against csv-parse and cat, on two log shapes:
 * one host's ≥ 1 GB PDH-CSV (2,000 VSD counter columns: 500 disks × 4 counters, "W. Europe"
 * header) and a 256 MB file of eight hosts (1,000 columns) under a UTC header
 * (`Coordinated Universal Time`), relog-style full-precision values, 15 s rows. Each contender runs
 * in its own process; prints MB/s (MB = 10^6 bytes), peak RSS and the ratio to the csv-parse-only
 * rate per shape, medians of interleaved runs.
 * A third shape, many-small, is 720 hourly logs of 10 disks (one host's collector starting a new file
 * every hour for 30 days): there the time per file is the figure.
 * Usage: npm run bench:ingest -- [size MB of the one-host file, default 1100] [runs, default 3] [shape: one-host | eight-hosts-utc | many-small | both]
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {BENCH_SHAPES, writeBenchLog, writeHourlyLogs} from './ingestData.js'

const oneHostMB = Number(process.argv[2] ?? 1100)
const runs = Number(process.argv[3] ?? 3)
const only = process.argv[4] ?? 'both'
const dir = join(import.meta.dirname, '..', '.bench')
mkdirSync(dir, {recursive: true})
const runner = join(import.meta.dirname, 'ingestRunner.mjs')

type Run = {seconds: number; peakRssMiB: number; detail: string}

function child(mode: string, file: string): Run {
  const out = execFileSync(process.execPath, [runner, mode, file, join(dir, `bench-${process.pid}.sqlite`)], {encoding: 'utf8', env: {...process.env, HVPLAN_QUIET: '1'}, maxBuffer: 1 << 20})
  return JSON.parse(out.trim().split('\n').at(-1)!)
}

function catRun(files: readonly string[]): Run {
  const started = performance.now()
  const r = spawnSync('cat', files, {stdio: ['ignore', 'ignore', 'inherit']})
  if (r.status !== 0) throw new Error('cat failed')
  return {seconds: (performance.now() - started) / 1000, peakRssMiB: NaN, detail: ''}
}

const median = <T extends {seconds: number}>(list: T[]): T => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)]

function benchShape(shape: keyof typeof BENCH_SHAPES, sizeMB: number, target: number | undefined): string {
  // many-small is a folder of hourly logs (sizeMB: their count); the others one file.
  const file = join(dir, shape === 'one-host' ? `pdh-2000cols-${sizeMB}MB.csv` : shape === 'many-small' ? `pdh-many-small-${sizeMB}` : `pdh-${shape}-${sizeMB}MB.csv`)
  if (!existsSync(file)) {
    process.stderr.write(`writing ${file} …\n`)
    if (shape === 'many-small') {
      mkdirSync(file)
      writeHourlyLogs(file, sizeMB)
    } else writeBenchLog(file, sizeMB * 1e6, BENCH_SHAPES[shape])
  }
  const files = shape === 'many-small' ? readdirSync(file).map((f) => join(file, f)) : [file]
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0)
  // The machine is shared and noisy: each contender runs `runs` times, interleaved; medians reported.
  const all = {cat: [] as Run[], csv: [] as Run[], ingest: [] as Run[]}
  for (let k = 0; k < runs; k++) {
    all.cat.push(catRun(files))
    all.csv.push(child('csv-parse', file))
    all.ingest.push(child('ingest', file))
  }
  const [cat, csv, ingest] = [median(all.cat), median(all.csv), median(all.ingest)]
  const mbps = (r: {seconds: number}) => bytes / 1e6 / r.seconds
  const s = BENCH_SHAPES[shape]
  console.log(`\n${shape}: ${file}, ${files.length > 1 ? `${files.length} files, ` : ''}${(bytes / 1e6).toFixed(0)} MB, ${s.disks * 4} columns, ${s.hosts} host${s.hosts > 1 ? 's' : ''}, header ${s.zoneCell}; ${runs} runs each, median shown`)
  console.log('contender                         seconds   MB/s   peak RSS MiB  all runs (s)                detail')
  for (const [name, r, list] of [['cat > /dev/null', cat, all.cat], ['csv-parse only (records)', csv, all.csv], ['hvplan ingest (hash+parse+store)', ingest, all.ingest]] as const) {
    const seconds = list.map((x) => x.seconds.toFixed(2)).join(' ')
    console.log(`${name.padEnd(32)} ${r.seconds.toFixed(2).padStart(7)}  ${mbps(r).toFixed(0).padStart(6)}   ${Number.isNaN(r.peakRssMiB) ? '     —' : Math.max(...list.map((x) => x.peakRssMiB)).toFixed(0).padStart(6)}        ${seconds.padEnd(26)}  ${r.detail}`)
  }
  const ratios = all.ingest.map((x, k) => all.csv[k].seconds / x.seconds)
  return `${shape}: ingest / csv-parse rate ${(mbps(ingest) / mbps(csv)).toFixed(1)}× on medians (per run: ${ratios.map((r) => r.toFixed(1)).join(', ')}${target === undefined ? '' : `; target ≥ ${target}×`}); ${(mbps(ingest)).toFixed(0)} MB/s${files.length > 1 ? `, ${((ingest.seconds / files.length) * 1000).toFixed(1)} ms a file` : ''}; ingest peak RSS ${Math.max(...all.ingest.map((x) => x.peakRssMiB)).toFixed(0)} MiB, largest of the runs (target < 300)`
}

const summary: string[] = []
if (only === 'both' || only === 'one-host') summary.push(benchShape('one-host', oneHostMB, 15))
if (only === 'both' || only === 'eight-hosts-utc') summary.push(benchShape('eight-hosts-utc', 256, 10))
// Per-file cost (a collector starting a new file every hour): no ratio target, the time per file is the figure.
if (only === 'both' || only === 'many-small') summary.push(benchShape('many-small', 720, undefined))
console.log('')
for (const line of summary) console.log(line)
