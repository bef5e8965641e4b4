/**
 * Each VM's own B100 per RPO and the bytes it sends in each RPO's driving span — the plan's
 * per-VM loop — on both cores: the VMs' send series sit in one SharedArrayBuffer, and the main
 * thread and one worker take VMs from a shared counter (a VM's RPOs on one thread, so its scans
 * warm-start as they do on one). The main thread does its own work first (the churn figures),
 * then joins. Results are the same numbers whichever thread computes a VM: the same functions on
 * the same bytes. A worker that fails or never starts costs nothing but its VMs, which the main
 * thread computes when their results do not come.
 */
import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {moduleWorker} from '../io/moduleWorker.js'
import {bytesInSpan, type DrivingSpan} from '../../models/bandwidthDriver.js'
import {bandwidthFor100, bytesPerSecToMbps, type CycleParams, cycleLogBytes} from '../../models/replication.js'

export interface VmBandwidthJob {
  /**
   * vmCount × windowCount bytes to send per window, VM after VM (a SharedArrayBuffer's view when
   * shared); empty when the series are too large to hold, and computed per VM instead (seriesOf).
   */
  readonly series: Float64Array
  readonly vmCount: number
  readonly windowCount: number
  readonly windowSeconds: number
  readonly params: CycleParams
  readonly rpoSeconds: readonly number[]
  readonly spans: readonly DrivingSpan[]
  /** Per VM and RPO: [B100 Mbps, bytes in the span], written by whichever thread takes the VM. */
  readonly results: Float64Array
  /** [0]: the next VM to take; [1 + v]: 1 when VM v's results are written, 2 when the worker failed on it. */
  readonly state: Int32Array
}

/** VMs below this many are done on the main thread alone (starting a worker costs ~50 ms). */
export const WORKER_MIN_VMS = 64

/** Takes VMs from the shared counter until none are left; seriesOf gives a VM's series when job.series does not hold them. */
export function takeVms(job: VmBandwidthJob, seriesOf?: (v: number) => Float64Array): void {
  for (let v = Atomics.add(job.state, 0, 1); v < job.vmCount; v = Atomics.add(job.state, 0, 1)) computeVm(job, v, seriesOf)
}

/** The worker's loop: a VM it fails on is marked so (2), and it stops; the main thread then computes that VM and meets the error itself. */
export function takeVmsInWorker(job: VmBandwidthJob): void {
  for (let v = Atomics.add(job.state, 0, 1); v < job.vmCount; v = Atomics.add(job.state, 0, 1)) {
    try {
      computeVm(job, v)
    } catch {
      Atomics.store(job.state, 1 + v, 2)
      Atomics.notify(job.state, 1 + v)
      return
    }
  }
}

function computeVm(job: VmBandwidthJob, v: number, seriesOf?: (v: number) => Float64Array): void {
  const f = job.params.copyFrequencySeconds
  const send = seriesOf ? seriesOf(v) : job.series.subarray(v * job.windowCount, (v + 1) * job.windowCount)
  const logs = cycleLogBytes(send, job.windowSeconds, f)
  const stride = job.rpoSeconds.length * 2
  job.rpoSeconds.forEach((rpo, k) => {
    job.results[v * stride + 2 * k] = bytesPerSecToMbps(bandwidthFor100(logs, job.params, rpo, 1e-4))
    const span = job.spans[k]
    job.results[v * stride + 2 * k + 1] = span.kind === 'no churn' ? NaN : bytesInSpan(logs, span, f)
  })
  Atomics.store(job.state, 1 + v, 1)
  Atomics.notify(job.state, 1 + v)
}

/** n doubles in shared memory (a worker reads and writes them without a copy). */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8))
}

/**
 * Starts the per-VM work: a worker takes VMs from now on (when there are enough of them, two
 * cores and shared memory). Call finish() after the main thread's other work: it takes the VMs
 * left, waits for the worker's, and returns each VM's [B100 Mbps, bytes in span] per RPO.
 */
export function startVmBandwidths(
  input: Omit<VmBandwidthJob, 'results' | 'state'>,
  options: {minVmsForWorker?: number; seriesOf?: (v: number) => Float64Array} = {},
): {finish: () => Float64Array; usedWorker: boolean; taken: () => number} {
  const {seriesOf} = options
  const job: VmBandwidthJob = {...input, results: sharedFloat64(input.vmCount * input.rpoSeconds.length * 2), state: new Int32Array(new SharedArrayBuffer(4 * (1 + input.vmCount)))}
  // A worker only reads series in shared memory (series computed per VM stay on this thread).
  const shared = seriesOf === undefined && input.series.buffer instanceof SharedArrayBuffer
  let worker: Worker | undefined
  if (shared && input.vmCount >= (options.minVmsForWorker ?? WORKER_MIN_VMS) && availableParallelism() > 1) {
    try {
      worker = startWorker(job)
    } catch {
      worker = undefined
    }
  }
  return {
    usedWorker: worker !== undefined,
    /** VMs taken so far, by either thread. */
    taken: () => Math.min(job.vmCount, Atomics.load(job.state, 0)),
    finish: () => {
      takeVms(job, seriesOf)
      // The worker's VMs: wait for each (a minute at most: a VM takes milliseconds); one it failed on
      // or did not finish is computed here.
      for (let v = 0; v < job.vmCount; v++) {
        if (Atomics.load(job.state, 1 + v) === 1) continue
        Atomics.wait(job.state, 1 + v, 0, 60_000)
        if (Atomics.load(job.state, 1 + v) !== 1) computeVm(job, v, seriesOf)
      }
      void worker?.terminate()
      return job.results
    },
  }
}

function startWorker(job: VmBandwidthJob): Worker {
  const worker = moduleWorker(import.meta.url, 'vmBandwidthWorker', job)
  // It must not keep the process alive, and its failure is not the plan's: its VMs are done here.
  worker.unref()
  worker.on('error', () => undefined)
  return worker
}
