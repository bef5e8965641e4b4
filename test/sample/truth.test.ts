/**
 * The ground truth must be exactly what integrating the generator's own rows gives:
 * bytes = rate × real Δt, split pro rata at 5-minute UTC boundaries. Checked on the committed
 * Contoso sample with a separate, plain reader (test/helpers/logs.ts).
 */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parsePdhCsv, readText, splitCounterPath} from '../helpers/logs.js'
import {ms, readTruth, type Truth} from '../helpers/truth.js'

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contoso')
const COUNTER_SLOT: Record<string, number> = {'Write Bytes/sec': 0, 'Read Bytes/sec': 1, 'Write Operations/Sec': 2, 'Read Operations/Sec': 3}

let truth: Truth
let integrated: Map<string, Float64Array>

beforeAll(() => {
  truth = readTruth(SAMPLE)
  const instanceDisk = new Map<string, number>(truth.disks.map((d) => [d.instance, d.index]))
  for (const e of truth.events) if (e.type === 'checkpoint') e.instances.forEach((inst: string, k: number) => instanceDisk.set(inst, e.disks[k]))
  const windowMs = truth.windowSeconds * 1000
  const origin = ms(truth.windowOriginUtc) / windowMs
  integrated = new Map()
  for (const file of truth.files) {
    const log = parsePdhCsv(readText(join(SAMPLE, file.path)))
    log.columns.forEach((path, c) => {
      const p = splitCounterPath(path)
      if (p.object !== 'Hyper-V Virtual Storage Device' || p.instance === undefined) return
      const disk = instanceDisk.get(p.instance)
      if (disk === undefined) return // .vmgs / .iso noise
      const slot = COUNTER_SLOT[p.counter]
      for (let r = 1; r < log.rows.length; r++) {
        const cell = log.rows[r][c + 1]
        if (cell === ' ') continue
        const rate = Number(cell)
        const a = log.utc[r - 1]
        const b = log.utc[r]
        // Independent split: overlap of [a, b) with each window [w·W, (w+1)·W).
        for (let w = Math.floor(a / windowMs); w * windowMs < b; w++) {
          const overlap = Math.min(b, (w + 1) * windowMs) - Math.max(a, w * windowMs)
          const key = `${w - origin}:${disk}`
          let acc = integrated.get(key)
          if (!acc) integrated.set(key, (acc = new Float64Array(5)))
          acc[slot] += (rate * overlap) / 1000
          if (slot === 0) acc[4] += overlap / 1000
        }
      }
    })
  }
})

describe('sample ground truth (samples/contoso)', () => {
  it('lists the same disk-windows as the rows cover', () => {
    const truthKeys = new Set(truth.windows.map(([w, d]) => `${w}:${d}`))
    expect(truth.windows.length).toBeGreaterThan(10_000)
    expect([...integrated.keys()].filter((k) => !truthKeys.has(k))).toEqual([])
    expect(integrated.size).toBe(truthKeys.size)
  })

  it('equals rate × Δt integrated over each 5-minute UTC window, for all four counters and coverage', () => {
    for (const [w, d, ...values] of truth.windows) {
      const acc = integrated.get(`${w}:${d}`)!
      for (let k = 0; k < 5; k++) {
        // The truth keeps 1/1000 of a byte (or op, or second); summation order adds ~1e-16 relative.
        const error = Math.abs(acc[k] - values[k])
        expect(error).toBeLessThanOrEqual(1e-3 + 1e-9 * Math.abs(values[k]))
      }
    }
  })

  it('never covers more than the window, and covers it fully in steady collection', () => {
    const coverage = truth.windows.map((row) => row[6])
    expect(Math.max(...coverage)).toBeLessThanOrEqual(300)
    const full = coverage.filter((c) => c > 299.99).length
    expect(full / coverage.length).toBeGreaterThan(0.9)
  })

  it('has windows that the collector gap leaves uncovered absent, not zero', () => {
    const gap = truth.events.find((e) => e.type === 'collector-gap')!
    const hostVms = new Set(truth.vms.filter((vm) => vm.host === gap.host).map((vm) => vm.name))
    const hostDisks = new Set(truth.disks.filter((d) => hostVms.has(d.vm)).map((d) => d.index))
    const origin = ms(truth.windowOriginUtc)
    const inside = truth.windows.filter(([w, d]) => hostDisks.has(d) && origin + w * 300_000 >= ms(gap.startUtc) && origin + (w + 1) * 300_000 <= ms(gap.endUtc))
    expect(hostDisks.size).toBeGreaterThan(0)
    expect(inside).toEqual([])
  })
})
