/**
 * On-premises Hyper-V Replica log (HRL) space (spec §4.6, §4.7). Logs pile up on the VHD's volume
 * while nothing is uploaded (WAN outage, paused replication); at 50 % of the VM's VHD size the VM
 * needs resynchronization, and a full volume stops every VM on it. Series are bytes written per
 * window (gaps filled, growth applied by the caller).
 */

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
 * (churn spread uniformly inside windows). Two pointers over the cumulative sum: O(n).
 * Constant churn c B/s gives capacity / c from any start.
 */
export function outageTolerance(bytesPerWindow: ArrayLike<number>, windowSeconds: number, capacityBytes: number): OutageTolerance {
  const n = bytesPerWindow.length
  if (n === 0) return {worstSeconds: Infinity, typicalSeconds: Infinity, worstStartWindow: 0}
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
  let worst = 0
  for (let i = 1; i < n; i++) if (times[i] < times[worst]) worst = i
  const sorted = Float64Array.from(times).sort()
  const mid = (n - 1) / 2
  const typical = (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2
  return {worstSeconds: times[worst], typicalSeconds: typical, worstStartWindow: worst}
}

export interface BatchedVm {
  readonly vm: string
  readonly volume: string
  /** 1-based batch. */
  readonly batch: number
  /** HRL space needed during initial replication and during delta replication, bytes. */
  readonly irNeedBytes: number
  readonly drNeedBytes: number
}

export interface BatchSpace {
  readonly vm: string
  readonly batch: number
  readonly volume: string
  /** Volume free space less the DR space kept by VMs of earlier batches on the same volume. */
  readonly freeSeenBytes: number
  /** max(IR need, DR need) − free space seen, when positive: "add storage". */
  readonly deficitBytes: number
}

/**
 * Free space each VM sees when its batch starts (ASR's example: 500 GB free; VM1 in batch 1
 * keeps 300 GB, so VM2 in batch 2 sees 200 GB; VM2 keeps 300 GB, so VM3 in batch 3 sees −100 GB).
 */
export function batchFreeSpace(vms: readonly BatchedVm[], volumeFreeBytes: ReadonlyMap<string, number>): BatchSpace[] {
  return vms.map((vm) => {
    let kept = 0
    for (const other of vms) if (other.volume === vm.volume && other.batch < vm.batch) kept += other.drNeedBytes
    const freeSeen = (volumeFreeBytes.get(vm.volume) ?? NaN) - kept
    const need = Math.max(vm.irNeedBytes, vm.drNeedBytes)
    return {vm: vm.vm, batch: vm.batch, volume: vm.volume, freeSeenBytes: freeSeen, deficitBytes: Math.max(0, need - freeSeen)}
  })
}

/** IR need (spec §4.6): the snapshot's log of writes during IR, min(VHD size, 2 × churn during IR). */
export function irNeedBytes(vhdBytes: number, churnBytesPerSec: number, irSeconds: number): number {
  return Math.min(vhdBytes, 2 * churnBytesPerSec * irSeconds)
}

/** DR need (spec §4.6): min(50 % of VHD size, worst backlog at the allotted bandwidth + one cycle's churn). */
export function drNeedBytes(vhdBytes: number, worstBacklogBytes: number, oneCycleChurnBytes: number, resyncShare = 0.5): number {
  return Math.min(resyncShare * vhdBytes, worstBacklogBytes + oneCycleChurnBytes)
}
