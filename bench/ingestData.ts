/**
 * Writes a benchmark PDH-CSV of relog-style values in 15 s rows: `disks` × 4 VSD counters, the
 * disks spread over `hosts` hosts (as one file relogged from a cluster's collectors), under the
 * header's zone.
 */
import {closeSync, openSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {Random} from '../src/sample/random.js'

export interface BenchLogShape {
  readonly disks: number
  readonly hosts: number
  /** The first header cell, e.g. `(PDH-CSV 4.0) (W. Europe Standard Time)(-60)`. */
  readonly zoneCell: string
}

/**
 * bench:ingest's shapes: one host of 2,000 columns; eight hosts of 1,000 columns in one UTC file;
 * and one host's collector starting a new file every hour (many-small: 720 logs of 10 disks).
 */
export const BENCH_SHAPES = {
  'one-host': {disks: 500, hosts: 1, zoneCell: '(PDH-CSV 4.0) (W. Europe Standard Time)(-60)'},
  'eight-hosts-utc': {disks: 250, hosts: 8, zoneCell: '(PDH-CSV 4.0) (Coordinated Universal Time)(0)'},
  'many-small': {disks: 10, hosts: 1, zoneCell: '(PDH-CSV 4.0) (Coordinated Universal Time)(0)'},
} as const satisfies Record<string, BenchLogShape>

/** Writes `files` logs of an hour each (240 rows at 15 s), one after the other in time, into dir. */
export function writeHourlyLogs(dir: string, files: number, shape: BenchLogShape = BENCH_SHAPES['many-small']): void {
  let t = Date.UTC(2026, 10, 2, 0, 0, 0, 0)
  for (let k = 0; k < files; k++) t = writeBenchLog(join(dir, `hv01_${String(k).padStart(4, '0')}.csv`), Infinity, shape, {startUtc: t, rows: 240, seed: k + 1})
}

/** Writes the log; `rows` and `startUtc` bound it in time (else it runs until targetBytes). Returns the next row's time. */
export function writeBenchLog(path: string, targetBytes: number, shape: BenchLogShape = BENCH_SHAPES['one-host'], span: {startUtc?: number; rows?: number; seed?: number} = {}): number {
  const rng = new Random(span.seed ?? 1, 'bench-ingest')
  const disks = shape.disks
  const counters = ['Read Bytes/sec', 'Read Operations/Sec', 'Write Bytes/sec', 'Write Operations/Sec']
  const header = [shape.zoneCell]
  for (let d = 0; d < disks; d++) {
    const vm = `VM${String(d + 1).padStart(4, '0')}`
    const host = `HV${String((d % shape.hosts) + 1).padStart(2, '0')}`
    for (const c of counters) header.push(`\\\\${host}\\Hyper-V Virtual Storage Device(D:-Hyper-V-${vm}-Virtual Hard Disks-${vm}.vhdx)\\${c}`)
  }
  const fd = openSync(path, 'w')
  let written = 0
  const put = (text: string) => {
    written += writeSync(fd, text)
  }
  put(`"${header.join('","')}"\r\n`)
  const level = Array.from({length: disks}, () => rng.uniform(1e4, 5e6))
  let t = span.startUtc ?? Date.UTC(2026, 10, 2, 0, 0, 0, 0)
  let first = true
  for (let row = 0; written < targetBytes && row < (span.rows ?? Infinity); row++) {
    const d = new Date(t)
    const p2 = (n: number) => String(n).padStart(2, '0')
    const cells = [`${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`]
    for (let k = 0; k < disks; k++) {
      if (first) {
        cells.push(' ', ' ', ' ', ' ')
        continue
      }
      const w = level[k] * (0.5 + rng.next())
      const r = w * 1.7 * rng.next()
      // relog prints doubles with up to 17 significant digits.
      cells.push(String(r), String(r / 8192), String(w), String(w / (4096 + 60_000 * rng.next())))
    }
    put(`"${cells.join('","')}"\r\n`)
    first = false
    t += 15_000 + rng.int(0, 20)
  }
  closeSync(fd)
  return t
}
