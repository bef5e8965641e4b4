/**
 * The per-VM bandwidths on two threads (src/plan/vmBandwidths.ts): the worker's VMs and the main
 * thread's give the numbers the models give one VM at a time, bit for bit.
 */
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, expect, it} from 'vitest'
import {bytesInSpan, drivingSpan} from '../../models/bandwidthDriver.js'
import {bandwidthFor100, bytesPerSecToMbps, cycleLogBytes, meanSendRate} from '../../models/replication.js'
import {sharedFloat64, startVmBandwidths} from '../../src/plan/vmBandwidths.js'

/** A deterministic bursty series (a daily cycle, bursts, some idle windows). */
function series(v: number, n: number): Float64Array {
  const out = new Float64Array(n)
  let seed = 1 + v * 7919
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
  for (let w = 0; w < n; w++) out[w] = random() < 0.05 ? 0 : (1 + Math.sin((w / 288) * 2 * Math.PI)) * 1e7 * (1 + v / 10) + (random() < 0.01 ? 5e9 * random() : random() * 2e6)
  return out
}

describe('per-VM bandwidths on two threads', () => {
  it('the VMs the worker takes (and any this thread takes after it joins) get the one-thread figures', async () => {
    const vms = 120
    const n = 2016 // a week of 5-minute windows
    const packed = sharedFloat64(vms * n)
    for (let v = 0; v < vms; v++) packed.set(series(v, n), v * n)
    const params = {copyFrequencySeconds: 300, applyLatencySeconds: 60}
    const rpoSeconds = [900, 1800, 3600]
    // The site's driving spans, as planReplication makes them.
    const site = new Float64Array(n)
    for (let v = 0; v < vms; v++) for (let w = 0; w < n; w++) site[w] += packed[v * n + w]
    const siteLogs = cycleLogBytes(site, 300, 300)
    const spans = rpoSeconds.map((rpo) => drivingSpan(siteLogs, params, bandwidthFor100(siteLogs, params, rpo), meanSendRate(siteLogs, 300)))
    const run = startVmBandwidths({series: packed, vmCount: vms, windowCount: n, windowSeconds: 300, params, rpoSeconds, spans}, {minVmsForWorker: 1})
    expect(run.usedWorker).toBe(true)
    // Let the worker start (from sources it loads tsx first) and take some VMs before this thread joins.
    for (let waited = 0; run.taken() < 10 && waited < 30_000; waited += 20) await sleep(20)
    // Only the worker can have taken these (this thread has not joined yet); it may take all before
    // this thread joins, which then only waits for them.
    expect(run.taken()).toBeGreaterThanOrEqual(10)
    const results = run.finish()
    for (let v = 0; v < vms; v++) {
      const logs = cycleLogBytes(series(v, n), 300, 300)
      rpoSeconds.forEach((rpo, k) => {
        expect(results[v * 6 + 2 * k]).toBe(bytesPerSecToMbps(bandwidthFor100(logs, params, rpo, 1e-4)))
        expect(results[v * 6 + 2 * k + 1]).toBe(bytesInSpan(logs, spans[k], 300))
      })
    }
  })

  it('below the worker threshold, or from series computed per VM, all on this thread with the same figures', () => {
    const n = 288
    const params = {copyFrequencySeconds: 300, applyLatencySeconds: 60}
    const spans = [{kind: 'interval' as const, fromS: 3000, toS: 9000}]
    const one = (v: number) => bytesPerSecToMbps(bandwidthFor100(cycleLogBytes(series(v, n), 300, 300), params, 900, 1e-4))
    const packed = sharedFloat64(3 * n)
    for (let v = 0; v < 3; v++) packed.set(series(v, n), v * n)
    const small = startVmBandwidths({series: packed, vmCount: 3, windowCount: n, windowSeconds: 300, params, rpoSeconds: [900], spans})
    expect(small.usedWorker).toBe(false)
    const perVm = startVmBandwidths({series: new Float64Array(0), vmCount: 3, windowCount: n, windowSeconds: 300, params, rpoSeconds: [900], spans}, {minVmsForWorker: 1, seriesOf: (v) => series(v, n)})
    expect(perVm.usedWorker).toBe(false)
    for (const r of [small.finish(), perVm.finish()]) for (let v = 0; v < 3; v++) expect(r[v * 2]).toBe(one(v))
  })

  it('a VM the worker fails on is computed on this thread, whose error the caller gets at once (not after the minute a lost VM is waited for)', async () => {
    const n = 288
    const packed = sharedFloat64(n)
    packed.set(series(0, n))
    // An RPO no copy frequency can meet: bandwidthFor100 throws, on the worker first.
    const params = {copyFrequencySeconds: 300, applyLatencySeconds: 60}
    const run = startVmBandwidths({series: packed, vmCount: 1, windowCount: n, windowSeconds: 300, params, rpoSeconds: [300], spans: [{kind: 'no churn', fromS: 0, toS: n * 300}]}, {minVmsForWorker: 1})
    expect(run.usedWorker).toBe(true)
    for (let waited = 0; run.taken() < 1 && waited < 30_000; waited += 20) await sleep(20)
    expect(run.taken()).toBe(1)
    expect(() => run.finish()).toThrow(/an RPO of 300 s cannot be met/)
  }, 30_000)
})
