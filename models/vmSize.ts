/**
 * The Azure VM size a protected VM fails over to (spec §4.5): the smallest catalog size with at
 * least its vCPUs, memory, data disks, NICs and peak IOPS, premium-capable when its storage is
 * premium. "Smallest" = fewest vCPUs, then least memory, then the catalog's order. The catalog is
 * data (data/vmSizes.json, replaceable).
 */

export interface VmSizeSpec {
  readonly name: string
  readonly vcpus: number
  readonly memoryGiB: number
  readonly maxDataDisks: number
  readonly maxNics: number
  /** null: the size table publishes none (sizes without premium disks); not checked. */
  readonly maxUncachedIops: number | null
  readonly premium: boolean
}

export interface SizeNeed {
  readonly vcpus: number
  readonly memoryMB: number
  readonly dataDisks: number
  readonly nics: number
  readonly iops: number
  readonly premium: boolean
}

export function pickVmSize(need: SizeNeed, catalog: readonly VmSizeSpec[]): VmSizeSpec | undefined {
  const ordered = catalog.map((s, i) => ({s, i})).sort((a, b) => a.s.vcpus - b.s.vcpus || a.s.memoryGiB - b.s.memoryGiB || a.i - b.i)
  return ordered.find(({s}) => s.vcpus >= need.vcpus && s.memoryGiB * 1024 >= need.memoryMB && s.maxDataDisks >= need.dataDisks && s.maxNics >= need.nics && (s.maxUncachedIops === null || s.maxUncachedIops >= need.iops) && (!need.premium || s.premium))?.s
}
