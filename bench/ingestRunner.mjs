/**
 * Child of bench/ingest.ts: one contender on the file; prints {seconds, peakRssMiB, detail} as JSON.
 * Plain JavaScript, run without tsx: worker threads inherit the parent's --import flags, and tsx's
 * loader in each range worker cost about 0.1 s a run that no user pays.
 */
import {createReadStream, rmSync} from 'node:fs'
import {parse} from 'csv-parse'

// The compiled code, as users run it (npm run bench:ingest builds first).
const {ingestInputs} = await import(new URL('../dist/src/ingest/ingestRun.js', import.meta.url).href)

const [mode, file, profile] = process.argv.slice(2)
const started = performance.now()
let detail = ''
if (mode === 'csv-parse') {
  let records = 0
  let numbers = 0
  for await (const record of createReadStream(file, {highWaterMark: 4 << 20}).pipe(parse({relax_column_count: true}))) {
    records++
    for (let i = 1; i < record.length; i++) if (record[i] !== ' ') numbers += Number(record[i]) > -1 ? 1 : 0
  }
  detail = `${records} records, ${numbers} numbers`
} else {
  rmSync(profile, {force: true})
  const result = await ingestInputs([file], {profile, windowMinutes: 5, excludeInstances: []})
  const o = result.outcomes[0]
  detail = o.status === 'ingested' ? `${o.quality.disks} disks, ${o.quality.stats.sampleSets} rows, ${o.quality.parser} parser, ${o.quality.ranges} byte range${o.quality.ranges === 1 ? '' : 's'}` : o.status
  for (const suffix of ['', '-wal', '-shm']) rmSync(profile + suffix, {force: true})
}
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, detail}))
