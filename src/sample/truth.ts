/**
 * The generator's ground truth: per disk and 5-minute UTC window, the bytes and operations its
 * own rows integrate to (rate × real Δt, split pro rata at window boundaries), with the seconds
 * covered. Accumulated while rows are written and streamed out in window order, so memory stays
 * flat however long the period.
 */
import {forEachWindowOverlap} from '../../models/windowing.js'
import type {FileSink} from '../io/fileSink.js'

export const TRUTH_SCHEMA = 'hvplan-sample-truth/1'
export const TRUTH_WINDOW_COLUMNS = ['window', 'disk', 'writeBytes', 'readBytes', 'writeOps', 'readOps', 'coveredSeconds'] as const

export class TruthAccumulator {
  /** window index → disk → [writeBytes, readBytes, writeOps, readOps, coveredSeconds] */
  private readonly pending = new Map<number, Map<number, Float64Array>>()
  private firstRow = true
  rowsWritten = 0
  /** Most (window, disk) accumulators held at once: the generator's memory bound. */
  peakPending = 0

  constructor(
    private readonly sink: FileSink,
    readonly windowMs: number,
    /** Window index written as 0 in the file. */
    readonly originWindow: number,
  ) {}

  /** Adds one sample interval [startMs, endMs) of a disk at the given rates (per second). */
  add(disk: number, startMs: number, endMs: number, writeBps: number, readBps: number, writeOps: number, readOps: number): void {
    forEachWindowOverlap(startMs, endMs, this.windowMs, (w, overlapMs) => {
      let byDisk = this.pending.get(w)
      if (!byDisk) this.pending.set(w, (byDisk = new Map()))
      let acc = byDisk.get(disk)
      if (!acc) byDisk.set(disk, (acc = new Float64Array(5)))
      const s = overlapMs / 1000
      acc[0] += writeBps * s
      acc[1] += readBps * s
      acc[2] += writeOps * s
      acc[3] += readOps * s
      acc[4] += s
    })
  }

  /** Writes every window that ends at or before limitMs (no later row can add to it). */
  flushUntil(limitMs: number): void {
    let pending = 0
    for (const byDisk of this.pending.values()) pending += byDisk.size
    this.peakPending = Math.max(this.peakPending, pending)
    const ready = [...this.pending.keys()].filter((w) => (w + 1) * this.windowMs <= limitMs).sort((a, b) => a - b)
    for (const w of ready) {
      const byDisk = this.pending.get(w)!
      for (const disk of [...byDisk.keys()].sort((a, b) => a - b)) {
        const a = byDisk.get(disk)!
        const cells = [w - this.originWindow, disk, r3(a[0]), r3(a[1]), r3(a[2]), r3(a[3]), r3(a[4])]
        this.sink.write(`${this.firstRow ? '\n' : ',\n'}[${cells.join(',')}]`)
        this.firstRow = false
        this.rowsWritten++
      }
      this.pending.delete(w)
    }
  }
}

/** Truth values are kept to 1/1000 (of a byte, an operation, a second). */
function r3(x: number): number {
  return Math.round(x * 1000) / 1000
}
