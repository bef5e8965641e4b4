/** Every event the truth lists is visible in the logs exactly where and when the truth says. */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type PdhLog, parsePdhCsv, parseUsTimestamp, readText, splitCounterPath} from '../helpers/logs.js'
import {ms, readTruth} from '../helpers/truth.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const truth = readTruth(SAMPLE)
const logs = truth.files.map((f) => ({file: f, log: parsePdhCsv(readText(join(SAMPLE, f.path)))}))
const event = (type: string) => truth.events.find((e) => e.type === type)!

/** Each non-blank cell of a counter for an instance, with its interval [prev, t]. */
function cells(host: string, instance: string, counter = 'Write Bytes/sec') {
  const out: Array<{prev: number; t: number; value: number}> = []
  for (const {file, log} of logs.filter((l) => l.file.host === host)) {
    const c = columnIndex(log, instance, counter)
    if (c < 0) continue
    for (let r = 1; r < log.rows.length; r++) {
      const cell = log.rows[r][c + 1]
      if (cell !== ' ') out.push({prev: log.utc[r - 1], t: log.utc[r], value: Number(cell)})
    }
    expect(file.host).toBe(host)
  }
  return out
}

function columnIndex(log: PdhLog, instance: string, counter: string): number {
  return log.columns.findIndex((p) => {
    const s = splitCounterPath(p)
    return s.object === 'Hyper-V Virtual Storage Device' && s.instance === instance && s.counter === counter
  })
}

const diskInstance = (vm: string, k = 0) => truth.disks[truth.vms.find((v) => v.name === vm)!.disks[k]].instance

describe('events injected into samples/contoso', () => {
  it('checkpoint: the .avhdx instance carries the writes only while the checkpoint exists', () => {
    const cp = event('checkpoint')
    const host = truth.vms.find((v) => v.name === cp.vm)!.host
    const [start, end] = [ms(cp.startUtc), ms(cp.endUtc)]
    cp.instances.forEach((avhdx: string, k: number) => {
      expect(avhdx).toMatch(/_[0-9A-F-]{36}\.avhdx$/)
      const during = cells(host, avhdx)
      expect(during.length).toBeGreaterThan((end - start) / 15_020 - 5)
      for (const c of during) expect(c.prev >= start && c.t < end).toBe(true)
      const base = cells(host, truth.disks[cp.disks[k]].instance)
      expect(base.length).toBeGreaterThan(100)
      for (const c of base) expect(c.t < start || c.prev >= end).toBe(true)
    })
  })

  it("live migration: the VM's disks report on the source node before and the target node after", () => {
    const lm = event('live-migration')
    const at = ms(lm.atUtc)
    expect(truth.hosts.find((h) => h.name === lm.fromHost)!.cluster).toBe(truth.hosts.find((h) => h.name === lm.toHost)!.cluster)
    for (const d of truth.vms.find((v) => v.name === lm.vm)!.disks) {
      const instance = truth.disks[d].instance
      const before = cells(lm.fromHost, instance)
      const after = cells(lm.toHost, instance)
      expect(before.length).toBeGreaterThan(100)
      expect(after.length).toBeGreaterThan(100)
      for (const c of before) expect(c.t).toBeLessThan(at)
      for (const c of after) expect(c.prev).toBeGreaterThanOrEqual(at)
    }
  })

  it('VM switched off: its disks report zero writes and reads inside the span, and writes outside it', () => {
    const off = event('vm-off')
    const host = truth.vms.find((v) => v.name === off.vm)!.host
    const [start, end] = [ms(off.startUtc), ms(off.endUtc)]
    for (const counter of ['Write Bytes/sec', 'Read Bytes/sec', 'Write Operations/Sec']) {
      const all = cells(host, diskInstance(off.vm), counter)
      const inside = all.filter((c) => c.prev >= start && c.t <= end)
      expect(inside.length).toBeGreaterThan((end - start) / 15_020 - 5)
      expect(inside.every((c) => c.value === 0)).toBe(true)
    }
    const outside = cells(host, diskInstance(off.vm)).filter((c) => c.t < start || c.prev > end)
    expect(outside.filter((c) => c.value > 0).length / outside.length).toBeGreaterThan(0.95)
  })

  it('collector gap: the host writes no rows for hours, then a new file starts with blank rates', () => {
    const gap = event('collector-gap')
    const [start, end] = [ms(gap.startUtc), ms(gap.endUtc)]
    expect(end - start).toBeGreaterThanOrEqual(2 * 3_600_000)
    const hostLogs = logs.filter((l) => l.file.host === gap.host)
    for (const {log} of hostLogs) for (const t of log.utc) expect(t < start || t >= end).toBe(true)
    const restart = hostLogs.find((l) => ms(l.file.startUtc) === end)!
    expect(restart.log.utc[0] - end).toBeLessThan(3_000)
    expect(restart.log.rows[0].slice(1).filter((c) => c === ' ').length).toBe(restart.log.columns.length - 1)
  })

  it('DST change: local time steps back an hour once inside the file that spans it', () => {
    const dst = event('dst-change')
    expect([dst.biasBeforeMinutes, dst.biasAfterMinutes]).toEqual([-120, -60])
    for (const {file, log} of logs) {
      const spans = ms(file.startUtc) < ms(dst.atUtc) && ms(file.endUtc) > ms(dst.atUtc)
      const localSteps = log.rows.slice(1).map((r, i) => parseUsTimestamp(r[0]) - parseUsTimestamp(log.rows[i][0]))
      const back = localSteps.filter((s) => s < 0)
      expect(back.length).toBe(spans ? 1 : 0)
      if (spans) {
        expect(back[0]).toBeGreaterThanOrEqual(-3_600_000 + 15_000)
        expect(back[0]).toBeLessThanOrEqual(-3_600_000 + 15_020)
        expect(log.biasMinutes).toBe(-120)
        expect(file.rows).toBeGreaterThan(24 * 240) // a 25-hour day
      }
    }
  })

  it("maintenance burst: SQL01's Sunday job multiplies its data disk's churn", () => {
    const burst = truth.events.find((e) => e.type === 'maintenance-burst' && e.vm === 'SQL01' && e.kind === 'weekly')!
    expect(burst.multiplier).toBe(16)
    const [start, end] = [ms(burst.startUtc), ms(burst.endUtc)]
    const origin = ms(truth.windowOriginUtc)
    const dataDisk = burst.disks[0]
    const rate = (from: number, to: number) => {
      const rows = truth.windows.filter(([w, d]) => d === dataDisk && origin + w * 300_000 >= from && origin + (w + 1) * 300_000 <= to)
      return rows.reduce((s, r) => s + r[2], 0) / rows.reduce((s, r) => s + r[6], 0)
    }
    // Night-time baseline on a Sunday (no business-hours factor): the burst must stand far above it.
    expect(rate(start, end) / rate(end + 3_600_000, end + 3 * 3_600_000)).toBeGreaterThan(6)
  })

  it('noise instances (.vmgs, .iso) are in the logs but are no disk of the truth', () => {
    const noise = truth.vms.flatMap((v) => v.noiseInstances)
    expect(noise.length).toBeGreaterThan(0)
    const instances = new Set(truth.disks.map((d) => d.instance))
    for (const n of noise) {
      expect(instances.has(n)).toBe(false)
      expect(logs.some(({log}) => log.columns.some((p) => splitCounterPath(p).instance === n))).toBe(true)
    }
  })
})
