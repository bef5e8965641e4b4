/**
 * `hvplan whatif outage`: how long a WAN outage (or paused replication) each VM and each host
 * volume survives, from the real churn series: a VM needs resync when its logs reach 50 % of its
 * VHD size (limits: hrlResyncShareOfVhd), a volume stops its VMs when its free space is gone.
 * Worst start time and typical (median) start time, and the verdict for a given outage.
 */
import {fillMissingWindows} from '../../models/fillGaps.js'
import {outageTolerance} from '../../models/hrlSpace.js'
import type {LoadedProfile} from '../store/loadProfile.js'

const GB = 2 ** 30

export interface OutageRow {
  readonly name: string
  /** The limit: 50 % of the VM's VHD size, or the volume's free space, GB. */
  readonly capacityGB: number
  readonly worstHours: number
  readonly worstStartUtc: string | undefined
  readonly typicalHours: number
  /** For the outage asked: survives from any start, only from typical starts, or not even then. */
  readonly verdict: 'survives' | 'at risk' | 'fails' | 'unknown'
}

export interface OutagePlan {
  readonly outageHours: number
  /** Length of the profiled period: tolerances beyond it cannot be measured (Infinity). */
  readonly profileHours: number
  readonly growthPercent: number
  readonly vms: readonly OutageRow[]
  readonly volumes: readonly OutageRow[]
  /** VMs whose VHD size (or volumes whose free space) the inventory does not give. */
  readonly unknown: readonly string[]
}

interface DiskInventory {
  maxSizeGB?: number
  volume?: string
  volumeFreeGB?: number
  host?: string
  cluster?: string
}

export function planOutage(profile: LoadedProfile, outageHours: number, growthPercent: number, resyncShare: number): OutagePlan {
  const wpd = 86_400 / profile.windowSeconds
  const g = 1 + growthPercent / 100
  const filled = profile.series.map((s) => fillMissingWindows(s.writeBytes, wpd, profile.firstWindow).values)
  const sum = (indices: number[]) => {
    const out = new Float64Array(profile.windowCount)
    for (const i of indices) for (let w = 0; w < out.length; w++) out[w] += filled[i][w] * g
    return out
  }
  const unknown: string[] = []
  const row = (name: string, indices: number[], capacityBytes: number | undefined): OutageRow => {
    if (capacityBytes === undefined || !Number.isFinite(capacityBytes)) {
      unknown.push(name)
      return {name, capacityGB: NaN, worstHours: NaN, worstStartUtc: undefined, typicalHours: NaN, verdict: 'unknown'}
    }
    const t = outageTolerance(sum(indices), profile.windowSeconds, Math.max(0, capacityBytes))
    const worstHours = t.worstSeconds / 3600
    const typicalHours = t.typicalSeconds / 3600
    return {
      name,
      capacityGB: capacityBytes / GB,
      worstHours,
      worstStartUtc: Number.isFinite(t.worstSeconds) ? new Date((profile.firstWindow + t.worstStartWindow) * profile.windowSeconds * 1000).toISOString() : undefined,
      typicalHours,
      verdict: worstHours >= outageHours ? 'survives' : typicalHours >= outageHours ? 'at risk' : 'fails',
    }
  }
  const inv = (i: number) => profile.disks[i].inventory as DiskInventory | undefined
  const byVm = group(profile.disks.map((d, i) => [d.vm, i]))
  const vms = [...byVm.entries()].map(([vm, idx]) => {
    const sizes = idx.map((i) => inv(i)?.maxSizeGB)
    return row(vm, idx, sizes.every((s) => typeof s === 'number') ? resyncShare * (sizes as number[]).reduce((a, b) => a + b, 0) * GB : undefined)
  })
  // A cluster shared volume is one volume for all nodes; a local one belongs to its host.
  const byVolume = group(profile.disks.map((d, i) => [/ClusterStorage/i.test(d.volume) ? `${inv(i)?.cluster || 'cluster'} ${d.volume}` : `${inv(i)?.host ?? d.hosts[0] ?? '?'} ${d.volume}`, i]))
  const volumes = [...byVolume.entries()].map(([name, idx]) => {
    const free = inv(idx[0])?.volumeFreeGB
    return row(name, idx, typeof free === 'number' ? free * GB : undefined)
  })
  return {outageHours, profileHours: (profile.windowCount * profile.windowSeconds) / 3600, growthPercent, vms: vms.sort((a, b) => a.worstHours - b.worstHours), volumes: volumes.sort((a, b) => a.worstHours - b.worstHours), unknown}
}

function group(pairs: Array<[string, number]>): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const [k, i] of pairs) out.set(k, [...(out.get(k) ?? []), i])
  return out
}
