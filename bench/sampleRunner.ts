/** Child process of bench/sample.ts: one generator run, reporting its time and peak RSS as JSON. */
import {rmSync} from 'node:fs'
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from '../src/sample/generate.js'

const [out, vms, days] = process.argv.slice(2)
const started = performance.now()
const summary = generateSample({...DEFAULT_SAMPLE_OPTIONS, vms: Number(vms), days: Number(days), gzip: true}, out, true)
const seconds = (performance.now() - started) / 1000
const peakRssMiB = process.resourceUsage().maxRSS / 1024
rmSync(out, {recursive: true, force: true})
process.stdout.write(JSON.stringify({vms: Number(vms), days: Number(days), seconds, peakRssMiB, rows: summary.rows, bytes: summary.bytesWritten, peakPendingWindows: summary.peakPendingWindows}) + '\n')
