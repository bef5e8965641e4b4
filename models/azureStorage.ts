/**
 * Azure storage for a replicated VM (spec §4.4): standard or premium, and each disk's premium tier
 * by size and by need. Azure rounds a size up to the next tier (100 GB → P10, 400 GB → P20).
 * The tier ladder and the thresholds are data (data/limits.json), passed in.
 */

export interface Tier {
  readonly tier: string
  readonly maxSizeGB: number
  readonly iops: number
  readonly mbps: number
}

/** The smallest tier that holds the size; undefined when no tier does. */
export function tierBySize(sizeGB: number, tiers: readonly Tier[]): Tier | undefined {
  return [...tiers].sort((a, b) => a.maxSizeGB - b.maxSizeGB).find((t) => t.maxSizeGB >= sizeGB)
}

/** The smallest tier that holds the size and serves the IOPS and MB/s; undefined when none does. */
export function tierByNeed(sizeGB: number, iops: number, mbps: number, tiers: readonly Tier[]): Tier | undefined {
  return [...tiers].sort((a, b) => a.maxSizeGB - b.maxSizeGB).find((t) => t.maxSizeGB >= sizeGB && t.iops >= iops && t.mbps >= mbps)
}

export interface DiskNeed {
  readonly path: string
  readonly sizeGB: number
  /** Growth-adjusted percentile IOPS (read + write) and MB/s of the disk. */
  readonly iops: number
  readonly mbps: number
}

export interface DiskStorage {
  readonly path: string
  /** Standard storage: the Standard SSD tier the disk's size maps to (undefined on premium or past the ladder). */
  readonly standardTier?: string
  readonly bySize: string | undefined
  readonly byNeed: string | undefined
  /** The workload needs a higher tier than the size maps to ("Yes*"). */
  readonly higherTierNeeded: boolean
}

export interface VmStorage {
  readonly storage: 'standard' | 'premium'
  readonly reasons: readonly string[]
  readonly disks: readonly DiskStorage[]
}

/**
 * Premium when the VM's growth-adjusted percentile churn exceeds the standard churn limit
 * (2 MB/s) or a disk needs more IOPS than a standard disk gives (500); else standard.
 */
export function vmStorage(disks: readonly DiskNeed[], vmChurnMBps: number, limits: {standardChurnLimitMBps: number; premiumWhenDiskIopsAbove: number}, tiers: readonly Tier[], standardTiers: readonly Tier[] = []): VmStorage {
  const reasons: string[] = []
  if (vmChurnMBps > limits.standardChurnLimitMBps) reasons.push(`churn ${vmChurnMBps.toFixed(2)} MB/s exceeds the standard-storage limit of ${limits.standardChurnLimitMBps} MB/s`)
  for (const d of disks) if (d.iops > limits.premiumWhenDiskIopsAbove) reasons.push(`disk ${d.path} needs ${Math.round(d.iops)} IOPS, more than a standard disk's ${limits.premiumWhenDiskIopsAbove}`)
  const storage = reasons.length ? 'premium' : 'standard'
  return {
    storage,
    reasons,
    disks: disks.map((d) => {
      const bySize = tierBySize(d.sizeGB, tiers)
      const byNeed = tierByNeed(d.sizeGB, d.iops, d.mbps, tiers)
      return {
        path: d.path,
        ...(storage === 'standard' ? {standardTier: tierBySize(d.sizeGB, standardTiers)?.tier} : {}),
        bySize: bySize?.tier,
        byNeed: byNeed?.tier,
        higherTierNeeded: bySize !== undefined && byNeed !== undefined && byNeed.maxSizeGB > bySize.maxSizeGB,
      }
    }),
  }
}
