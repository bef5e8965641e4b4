/**
 * Child of bench/ingest.ts: one contender on the file; prints {seconds, peakRssMiB, detail} as JSON.
 * Plain JavaScript, run without tsx: worker threads inherit the parent's --import flags, and tsx's
 * loader in each range worker cost about 0.1 s a run that no user pays.
 */
import {createReadStream, readdirSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {parse} from 'csv-parse'

// The compiled code, as users run it (npm run bench:ingest builds first).
const {ingestInputs} = await import(new URL('../dist/src/ingest/ingestRun.js', import.meta.url).href)

const [mode, file, profile] = process.argv.slice(2)
const started = performance.now()
let detail = ''
if (mode === 'csv-parse') {
  let records = 0
  let numbers = 0
  // A folder (the many-small shape): its files one after the other.
  const files = statSync(file).isDirectory() ? readdirSync(file).sort().map((f) => join(file, f)) : [file]
  for (const one of files) {
    for await (const record of createReadStream(one, {highWaterMark: 4 << 20}).pipe(parse({relax_column_count: true}))) {
      records++
      for (let i = 1; i < record.length; i++) if (record[i] !== ' ') numbers += Number(record[i]) > -1 ? 1 : 0
    }
  }
  detail = `${records} records, ${numbers} numbers${files.length > 1 ? `, ${files.length} files` : ''}`
} else {
  rmSync(profile, {force: true})
  const result = await ingestInputs([file], {profile, windowMinutes: 5, excludeInstances: []})
  const o = result.outcomes[0]
  detail = result.outcomes.length > 1 ? `${result.outcomes.length} files, ${result.failures.length} failed` : o.status === 'ingested' ? `${o.quality.disks} disks, ${o.quality.stats.sampleSets} rows, ${o.quality.parser} parser, ${o.quality.ranges} byte range${o.quality.ranges === 1 ? '' : 's'}` : o.status
  for (const suffix of ['', '-wal', '-shm']) rmSync(profile + suffix, {force: true})
}
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, detail}))
