/**
 * Initial-replication (IR) batching (spec §4.7): protect VMs in batches so each volume's log space
 * and the link suffice. Batch 1 gets the whole bandwidth for IR; after a batch finishes IR its VMs
 * keep their delta-replication (DR) bandwidth and DR log space for good, and what is left goes to
 * the next batch. Greedy, in the order given: a VM joins the open batch while (a) every volume it
 * uses still has room for its IR/DR need after earlier batches' DR space and this batch's IR space,
 * and (b) the batch's minimum IR bandwidths fit the bandwidth left; otherwise a new batch starts.
 * A VM that does not fit even alone gets a batch of its own and a deficit ("add storage").
 */

export interface BatchInput {
  readonly vm: string
  /** Per volume the VM's disks use: its IR and DR log-space needs there, bytes. */
  readonly volumes: ReadonlyArray<{readonly volume: string; readonly irNeedBytes: number; readonly drNeedBytes: number}>
  /** Bytes IR must copy (the VHDs' used size). */
  readonly irBytes: number
  /** Least IR bandwidth that finishes IR before its logs outgrow the free space, bytes/s. */
  readonly irMinBytesPerSec: number
  /** The VM's own B100, kept after its IR, bytes/s. */
  readonly drBytesPerSec: number
}

export interface VmBatchRow {
  readonly vm: string
  readonly batch: number
  /** The VM's minimum IR bandwidth and the DR bandwidth it keeps, bytes/s. */
  readonly irMinBytesPerSec: number
  readonly drBytesPerSec: number
  readonly volumes: ReadonlyArray<{readonly volume: string; readonly freeSeenBytes: number; readonly irNeedBytes: number; readonly drNeedBytes: number; readonly deficitBytes: number}>
  readonly comment: string
}

export interface Batch {
  readonly batch: number
  readonly vms: readonly string[]
  /** Total bandwidth less the DR bandwidth of earlier batches, bytes/s (the IR bandwidth of this batch). */
  readonly availableBytesPerSec: number
  readonly drBytesPerSec: number
  /** IR bytes ÷ available bandwidth; Infinity when nothing is left. */
  readonly irSeconds: number
}

export interface BatchPlan {
  readonly batches: readonly Batch[]
  readonly vms: readonly VmBatchRow[]
}

export function planBatches(vms: readonly BatchInput[], volumeFreeBytes: ReadonlyMap<string, number>, totalBandwidth: number): BatchPlan {
  const batches: Array<{members: BatchInput[]; available: number}> = []
  const keptDr = new Map<string, number>() // DR space kept by VMs of closed batches, per volume
  const rows: VmBatchRow[] = []
  let drUsed = 0 // DR bandwidth of closed batches
  const fits = (vm: BatchInput, batch: {members: BatchInput[]; available: number}) => {
    const irBandwidth = batch.members.reduce((n, m) => n + m.irMinBytesPerSec, 0) + vm.irMinBytesPerSec
    if (irBandwidth > batch.available) return false
    return vm.volumes.every((v) => {
      const sameBatchIr = batch.members.flatMap((m) => m.volumes).filter((x) => x.volume === v.volume).reduce((n, x) => n + x.irNeedBytes, 0)
      return (volumeFreeBytes.get(v.volume) ?? 0) - (keptDr.get(v.volume) ?? 0) - sameBatchIr >= Math.max(v.irNeedBytes, v.drNeedBytes)
    })
  }
  const close = (batch: {members: BatchInput[]}) => {
    for (const m of batch.members) {
      drUsed += m.drBytesPerSec
      for (const v of m.volumes) keptDr.set(v.volume, (keptDr.get(v.volume) ?? 0) + v.drNeedBytes)
    }
  }
  for (const vm of vms) {
    let open = batches.at(-1)
    if (!open || !fits(vm, open)) {
      if (open) close(open)
      open = {members: [], available: Math.max(0, totalBandwidth - drUsed)}
      batches.push(open)
    }
    open.members.push(vm)
    const volumes = vm.volumes.map((v) => {
      const freeSeen = (volumeFreeBytes.get(v.volume) ?? NaN) - (keptDr.get(v.volume) ?? 0)
      return {volume: v.volume, freeSeenBytes: freeSeen, irNeedBytes: v.irNeedBytes, drNeedBytes: v.drNeedBytes, deficitBytes: Math.max(0, Math.max(v.irNeedBytes, v.drNeedBytes) - freeSeen)}
    })
    const short = volumes.filter((v) => v.deficitBytes > 0)
    const comments = [
      ...(short.length ? [`Add storage: ${short.map((v) => v.volume).join(', ')}`] : []),
      ...(vm.irMinBytesPerSec > open.available ? ['Not enough bandwidth left for IR: add bandwidth or expect logs to outgrow the free space'] : []),
    ]
    rows.push({vm: vm.vm, batch: batches.length, irMinBytesPerSec: vm.irMinBytesPerSec, drBytesPerSec: vm.drBytesPerSec, volumes, comment: comments.join('; ')})
  }
  return {
    batches: batches.map((b, k) => {
      const irBytes = b.members.reduce((n, m) => n + m.irBytes, 0)
      return {batch: k + 1, vms: b.members.map((m) => m.vm), availableBytesPerSec: b.available, drBytesPerSec: b.members.reduce((n, m) => n + m.drBytesPerSec, 0), irSeconds: b.available > 0 ? irBytes / b.available : Infinity}
    }),
    vms: rows,
  }
}
