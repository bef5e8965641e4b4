/**
 * Initial-replication (IR) batching (spec §4.7): protect VMs in batches so each volume's log space
 * and the link suffice. Batch 1 gets the whole bandwidth for IR; after a batch finishes IR its VMs
 * keep their delta-replication (DR) bandwidth and DR log space for good, and what is left goes to
 * the next batch. In the order given, a batch takes the longest run of VMs that fits: (a) the
 * batch's minimum IR bandwidths fit the bandwidth left, and (b) on every volume, the DR space kept
 * by earlier batches plus max(IR need, DR need) of each of the batch's VMs fits the free space —
 * the IR needs taken at the IR time of that batch, which grows with every VM it takes (so needs
 * and batches agree). A VM that does not fit even alone gets a batch of its own and a deficit
 * ("add storage").
 */

export interface BatchVolumeInput {
  readonly volume: string
  /** The VM's IR log-space need on this volume for an IR of the given length (s), bytes; never decreasing. */
  readonly irNeedBytes: (irSeconds: number) => number
  readonly drNeedBytes: number
}

export interface BatchInput {
  readonly vm: string
  /** Per volume the VM's disks use. */
  readonly volumes: readonly BatchVolumeInput[]
  /** Bytes IR must copy (the VHDs' used size). */
  readonly irBytes: number
  /** Least IR bandwidth that finishes IR before its logs outgrow the free space, bytes/s. */
  readonly irMinBytesPerSec: number
  /** The DR bandwidth the VM keeps after its IR, bytes/s. */
  readonly drBytesPerSec: number
}

export interface VmBatchRow {
  readonly vm: string
  readonly batch: number
  /** The VM's minimum IR bandwidth and the DR bandwidth it keeps, bytes/s. */
  readonly irMinBytesPerSec: number
  readonly drBytesPerSec: number
  /**
   * Per volume: free space seen (free − DR space kept by earlier batches there, as ASR counts it),
   * the IR need at the batch's IR time, the DR need, and the deficit max(IR, DR) − free seen.
   */
  readonly volumes: ReadonlyArray<{readonly volume: string; readonly freeSeenBytes: number; readonly irNeedBytes: number; readonly drNeedBytes: number; readonly deficitBytes: number}>
  readonly comment: string
}

export interface Batch {
  readonly batch: number
  readonly vms: readonly string[]
  /** Total bandwidth less the DR bandwidth of earlier batches, bytes/s (the IR bandwidth of this batch). */
  readonly availableBytesPerSec: number
  /** DR bandwidth the batch's VMs keep, bytes/s. */
  readonly drBytesPerSec: number
  /** IR bytes ÷ available bandwidth; Infinity when nothing is left. */
  readonly irSeconds: number
}

export interface BatchPlan {
  readonly batches: readonly Batch[]
  readonly vms: readonly VmBatchRow[]
}

export function planBatches(vms: readonly BatchInput[], volumeFreeBytes: ReadonlyMap<string, number>, totalBandwidth: number): BatchPlan {
  const keptDr = new Map<string, number>() // DR space kept by VMs of closed batches, per volume
  const free = (volume: string) => volumeFreeBytes.get(volume) ?? NaN
  let drUsed = 0 // DR bandwidth of closed batches
  const batches: Batch[] = []
  const rows: VmBatchRow[] = []
  const irSecondsOf = (members: readonly BatchInput[], available: number) => (available > 0 ? members.reduce((n, m) => n + m.irBytes, 0) / available : Infinity)
  /** Whether VMs [from, to] fit one batch with `available` bytes/s (monotone: a longer run never fits better). */
  const fits = (from: number, to: number, available: number) => {
    const members = vms.slice(from, to + 1)
    if (members.reduce((n, m) => n + m.irMinBytesPerSec, 0) > available) return false
    const seconds = irSecondsOf(members, available)
    const used = new Map<string, number>()
    for (const m of members) for (const v of m.volumes) used.set(v.volume, (used.get(v.volume) ?? 0) + Math.max(v.irNeedBytes(seconds), v.drNeedBytes))
    // A volume whose free space the inventory does not give cannot be checked (its deficit shows as unknown).
    for (const [volume, bytes] of used) if (Number.isFinite(free(volume)) && !((keptDr.get(volume) ?? 0) + bytes <= free(volume))) return false
    return true
  }
  let from = 0
  while (from < vms.length) {
    const available = Math.max(0, totalBandwidth - drUsed)
    // The longest fitting run starting at `from` (at least the VM itself): galloping (1, 2, 4, …
    // more VMs) then bisection, so a check costs about the batch's size, not all remaining VMs.
    let last = from // fits, or the VM alone
    let fail = vms.length // first end that does not fit (vms.length: none found yet)
    for (let step = 1; last + step < vms.length; step *= 2) {
      if (!fits(from, last + step, available)) {
        fail = last + step
        break
      }
      last += step
    }
    if (fail === vms.length && last < vms.length - 1) {
      if (fits(from, vms.length - 1, available)) last = vms.length - 1
      else fail = vms.length - 1
    }
    while (fail - last > 1) {
      const mid = (last + fail) >>> 1
      if (fits(from, mid, available)) last = mid
      else fail = mid
    }
    const members = vms.slice(from, last + 1)
    const seconds = irSecondsOf(members, available)
    const number = batches.length + 1
    for (const m of members) {
      const volumes = m.volumes.map((v) => {
        const freeSeen = free(v.volume) - (keptDr.get(v.volume) ?? 0)
        const irNeed = v.irNeedBytes(seconds)
        return {volume: v.volume, freeSeenBytes: freeSeen, irNeedBytes: irNeed, drNeedBytes: v.drNeedBytes, deficitBytes: Math.max(0, Math.max(irNeed, v.drNeedBytes) - freeSeen)}
      })
      const short = volumes.filter((v) => v.deficitBytes > 0)
      const comments = [
        ...(short.length ? [`Add storage: ${short.map((v) => v.volume).join(', ')}`] : []),
        ...(m.irMinBytesPerSec > available ? ['Not enough bandwidth left for IR: add bandwidth or expect logs to outgrow the free space'] : []),
      ]
      rows.push({vm: m.vm, batch: number, irMinBytesPerSec: m.irMinBytesPerSec, drBytesPerSec: m.drBytesPerSec, volumes, comment: comments.join('; ')})
    }
    const dr = members.reduce((n, m) => n + m.drBytesPerSec, 0)
    batches.push({batch: number, vms: members.map((m) => m.vm), availableBytesPerSec: available, drBytesPerSec: dr, irSeconds: seconds})
    drUsed += dr
    for (const m of members) for (const v of m.volumes) keptDr.set(v.volume, (keptDr.get(v.volume) ?? 0) + v.drNeedBytes)
    from = last + 1
  }
  return {batches, vms: rows}
}

export interface VolumeRequirement {
  readonly volume: string
  readonly freeBytes: number
  /** Σ DR needs of the volume's VMs once every batch is done. */
  readonly drNeedBytes: number
  /** Σ IR needs of the volume's VMs in the batch where the volume needs most. */
  readonly irNeedBytes: number
  /**
   * The most the volume holds at once: over the batches, the DR space kept by earlier batches plus
   * max(IR, DR) of each VM of the batch. Equals the largest deficit of the batching rows + free
   * space when short, so the batching sheet and the volume sheet agree.
   */
  readonly requiredBytes: number
  readonly additionalBytes: number
}

/** The log space each volume needs over a batch plan (one figure per volume and plan). */
export function volumeRequirements(plan: BatchPlan, volumeFreeBytes: ReadonlyMap<string, number>): VolumeRequirement[] {
  const volumes = new Map<string, {dr: number; ir: number; required: number; kept: number}>()
  for (const batch of plan.batches) {
    const inBatch = new Map<string, {ir: number; need: number; dr: number}>()
    for (const row of plan.vms.filter((r) => r.batch === batch.batch)) {
      for (const v of row.volumes) {
        const e = inBatch.get(v.volume) ?? {ir: 0, need: 0, dr: 0}
        e.ir += v.irNeedBytes
        e.dr += v.drNeedBytes
        e.need += Math.max(v.irNeedBytes, v.drNeedBytes)
        inBatch.set(v.volume, e)
      }
    }
    for (const [volume, e] of inBatch) {
      const total = volumes.get(volume) ?? {dr: 0, ir: 0, required: 0, kept: 0}
      const held = total.kept + e.need
      if (held > total.required) total.required = held
      if (e.ir > total.ir) total.ir = e.ir
      total.kept += e.dr
      total.dr += e.dr
      volumes.set(volume, total)
    }
  }
  return [...volumes.entries()].map(([volume, e]) => {
    const freeBytes = volumeFreeBytes.get(volume) ?? NaN
    return {volume, freeBytes, drNeedBytes: e.dr, irNeedBytes: e.ir, requiredBytes: e.required, additionalBytes: Number.isFinite(freeBytes) ? Math.max(0, e.required - freeBytes) : 0}
  })
}
