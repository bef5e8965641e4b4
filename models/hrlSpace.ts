/**
 * On-premises Hyper-V Replica log (HRL) space (spec §4.6, §4.7). Each VHD has its own log file next
 * to it; while nothing is uploaded (WAN outage, paused replication) the logs grow, and when one
 * VHD's log reaches 50 % of that VHD's size the VM needs resynchronization; a full volume stops
 * every VM on it. Series are bytes written per window (gaps filled, growth applied by the caller).
 */
import {selectKth} from './churnStats.js'
import {uploadTimes} from './replication.js'

export interface OutageTolerance {
  /** Shortest time from any start to the limit, seconds (Infinity: never reached in the series). */
  readonly worstSeconds: number
  /** Median over start times, seconds. */
  readonly typicalSeconds: number
  /** Window index where the worst outage starts. */
  readonly worstStartWindow: number
}

/**
 * For every window as an outage start: how long until the bytes written since exceed capacity
 * (churn spread uniformly inside windows); Infinity when the rest of the series does not reach it.
 * Two pointers over the cumulative sum: O(n). Constant churn c B/s gives capacity / c from any start.
 */
export function outageTimes(bytesPerWindow: ArrayLike<number>, windowSeconds: number, capacityBytes: number): Float64Array {
  const n = bytesPerWindow.length
  const cumulative = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + bytesPerWindow[i]
  const times = new Float64Array(n)
  let j = 0
  for (let i = 0; i < n; i++) {
    if (j < i) j = i
    // Advance j to the window in which the total since i first exceeds the capacity.
    while (j < n && cumulative[j + 1] - cumulative[i] <= capacityBytes) j++
    if (j >= n) {
      times[i] = Infinity
      continue
    }
    const before = cumulative[j] - cumulative[i]
    const rate = bytesPerWindow[j] / windowSeconds
    times[i] = (j - i) * windowSeconds + (capacityBytes - before) / rate
  }
  return times
}

/** Worst (shortest, with its start) and typical (median) of per-start outage times. */
export function summarizeOutageTimes(times: ArrayLike<number>): OutageTolerance {
  const n = times.length
  if (n === 0) return {worstSeconds: Infinity, typicalSeconds: Infinity, worstStartWindow: 0}
  let worst = 0
  for (let i = 1; i < n; i++) if (times[i] < times[worst]) worst = i
  // The median by selection (linear), not by sorting: this runs once per VHD, VM and volume.
  const a = times instanceof Float64Array ? times.slice() : Float64Array.from(times)
  const mid = (n - 1) / 2
  const below = selectKth(a, Math.floor(mid))
  let above = below
  if (Math.ceil(mid) !== Math.floor(mid)) {
    above = Infinity
    for (let i = Math.ceil(mid); i < n; i++) if (a[i] < above) above = a[i]
  }
  return {worstSeconds: times[worst], typicalSeconds: (below + above) / 2, worstStartWindow: worst}
}

export function outageTolerance(bytesPerWindow: ArrayLike<number>, windowSeconds: number, capacityBytes: number): OutageTolerance {
  return summarizeOutageTimes(outageTimes(bytesPerWindow, windowSeconds, capacityBytes))
}

/**
 * The most bytes written in any span of `seconds` (whole windows, rounded up): the churn an IR of
 * that length must log at worst. A span longer than the series takes the series' mean rate over
 * it; an endless span, without bound (0 when nothing is written). Example (300 s windows
 * [1, 5, 2, 0]): 600 s → 7; 2,400 s → 8 × 2 = 16.
 */
export function worstSpanBytes(bytesPerWindow: ArrayLike<number>, windowSeconds: number, seconds: number): number {
  const n = bytesPerWindow.length
  if (n === 0 || !(seconds > 0)) return 0
  let total = 0
  for (let i = 0; i < n; i++) total += bytesPerWindow[i]
  // An IR that never ends (no bandwidth left) logs without bound, unless nothing is written.
  if (seconds === Infinity) return total > 0 ? Infinity : 0
  const m = Math.ceil(seconds / windowSeconds - 1e-9)
  if (m >= n) return (total * seconds) / (n * windowSeconds)
  let sum = 0
  for (let i = 0; i < m; i++) sum += bytesPerWindow[i]
  let best = sum
  for (let i = m; i < n; i++) {
    sum += bytesPerWindow[i] - bytesPerWindow[i - m]
    if (sum > best) best = sum
  }
  return best
}

/**
 * The largest backlog of one VHD while its VM replicates: the VM's logs (all its VHDs, per copy
 * cycle) upload first in, first out at the VM's bandwidth (C_k as in models/replication.ts); after
 * each seal s_j the logs j' ≤ j not yet uploaded (C_j' > s_j) are queued, and this VHD's part of
 * them is its backlog. Logs in flight count whole. Bytes.
 */
export function vhdBacklogPeak(vmLogBytes: ArrayLike<number>, vhdLogBytes: ArrayLike<number>, copyFrequencySeconds: number, bandwidthBytesPerSec: number): number {
  const n = vmLogBytes.length
  if (!(bandwidthBytesPerSec > 0)) {
    let total = 0
    for (let k = 0; k < n; k++) total += vhdLogBytes[k]
    return total
  }
  return vhdBacklogPeakAt(uploadTimes(vmLogBytes, copyFrequencySeconds, bandwidthBytesPerSec), vhdLogBytes, copyFrequencySeconds)
}

/**
 * The same from the VM's log upload times (uploadTimes of its logs at the bandwidth), which are
 * the same for each of its VHDs: computed once per VM.
 */
export function vhdBacklogPeakAt(done: ArrayLike<number>, vhdLogBytes: ArrayLike<number>, copyFrequencySeconds: number): number {
  const n = done.length
  let first = 0
  let queued = 0
  let peak = 0
  for (let j = 0; j < n; j++) {
    queued += vhdLogBytes[j]
    const sealed = (j + 1) * copyFrequencySeconds
    while (first <= j && done[first] <= sealed) queued -= vhdLogBytes[first++]
    if (queued > peak) peak = queued
  }
  return peak
}

/** IR need of a VHD (spec §4.6): min(VHD size, 2 × the bytes written during IR). */
export function irNeedBytes(vhdBytes: number, bytesDuringIr: number): number {
  return Math.min(vhdBytes, 2 * bytesDuringIr)
}

/** DR need of a VHD (spec §4.6): min(50 % of its size, its worst backlog at the allotted bandwidth + its largest cycle's log). */
export function drNeedBytes(vhdBytes: number, worstBacklogBytes: number, oneCycleBytes: number, resyncShare = 0.5): number {
  return Math.min(resyncShare * vhdBytes, worstBacklogBytes + oneCycleBytes)
}

export type VolumeSpaceStatus = 'short' | 'tight' | 'ok' | 'unknown'

/**
 * One rule for a host volume's log space: short when the requirement exceeds its free space
 * (something to add), tight when it exceeds `tightShare` of it (the seed article's warning: replica
 * logs beyond 50 % of the volume's available space), else ok; unknown without a free-space figure.
 */
export function volumeSpaceStatus(requiredBytes: number, freeBytes: number, tightShare: number): VolumeSpaceStatus {
  if (!Number.isFinite(freeBytes)) return 'unknown'
  if (requiredBytes > freeBytes) return 'short'
  if (requiredBytes > tightShare * freeBytes) return 'tight'
  return 'ok'
}
