/**
 * `hvplan whatif outage`: how long a WAN outage (or paused replication) each VM to protect and
 * each host volume survives, from the real churn series. Each VHD has its own replica log: a VM
 * needs resync when any of its VHDs' logs reaches 50 % of that VHD's size (limits:
 * hrlResyncShareOfVhd), and stops when a volume it is on runs out of free space. A VM's tolerance
 * is that of its first limit to be reached. Worst start time and typical (median) start time, and
 * the verdict for a given outage.
 */
import {outageTimes, summarizeOutageTimes} from '../../models/hrlSpace.js'
import {diskInventory, disksByVm, hostVolume, type PlanBasis, sumFilled} from './basis.js'

const GB = 2 ** 30

export interface OutageRow {
  readonly name: string
  /** The limit reached first: 50 % of a VHD's size, or a volume's free space, GB. */
  readonly capacityGB: number
  /** What reaches its limit first (for a VM: the VHD or the volume). */
  readonly limitedBy: string
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
  /** Per VM of the scope: its first limit (a VHD's 50 % or a volume's free space). */
  readonly vms: readonly OutageRow[]
  /** Per VHD of the scope's VMs: 50 % of its size. */
  readonly vhds: readonly OutageRow[]
  /** Per host volume of the scope's VHDs: its free space. */
  readonly volumes: readonly OutageRow[]
  /** VHDs whose size (or volumes whose free space) the inventory does not give. */
  readonly unknown: readonly string[]
}

export function planOutage(basis: PlanBasis, vms: readonly string[], outageHours: number, resyncShare: number): OutagePlan {
  const {profile, options} = basis
  const ws = profile.windowSeconds
  const g = options.growthFactor
  const unknown: string[] = []
  const grown = (disks: readonly number[]) => sumFilled(basis, disks, g)
  const verdictOf = (worstHours: number, typicalHours: number): OutageRow['verdict'] => (worstHours >= outageHours ? 'survives' : typicalHours >= outageHours ? 'at risk' : 'fails')
  const unknownRow = (name: string): OutageRow => {
    unknown.push(name)
    return {name, capacityGB: NaN, limitedBy: name, worstHours: NaN, worstStartUtc: undefined, typicalHours: NaN, verdict: 'unknown'}
  }
  /** The row of some per-start times: worst, typical, verdict. */
  const row = (name: string, limitedBy: string, capacityBytes: number, times: Float64Array): OutageRow => {
    const t = summarizeOutageTimes(times)
    const worstHours = t.worstSeconds / 3600
    const typicalHours = t.typicalSeconds / 3600
    return {name, capacityGB: capacityBytes / GB, limitedBy, worstHours, worstStartUtc: Number.isFinite(t.worstSeconds) ? new Date((profile.firstWindow + t.worstStartWindow) * ws * 1000).toISOString() : undefined, typicalHours, verdict: verdictOf(worstHours, typicalHours)}
  }
  const groups = disksByVm(basis, new Set(vms))
  // Volumes: every VHD of the scope's VMs on it writes into its free space.
  const onVolume = new Map<string, number[]>()
  for (const disks of groups.values()) for (const i of disks) onVolume.set(hostVolume(profile.disks[i]), [...(onVolume.get(hostVolume(profile.disks[i])) ?? []), i])
  const volumeTimes = new Map<string, {capacity: number; times: Float64Array}>()
  const volumes = [...onVolume.entries()].map(([name, disks]) => {
    const free = diskInventory(profile.disks[disks[0]]).volumeFreeGB
    if (typeof free !== 'number') return unknownRow(name)
    const capacity = Math.max(0, free * GB)
    const times = outageTimes(grown(disks), ws, capacity)
    volumeTimes.set(name, {capacity, times})
    return row(name, name, capacity, times)
  })
  const vhds: OutageRow[] = []
  const vmRows = [...groups.entries()].map(([vm, disks]) => {
    // Per start: the first limit reached among the VM's VHDs and volumes.
    const first = new Float64Array(profile.windowCount).fill(Infinity)
    const limitOf = new Array<string>(profile.windowCount).fill('')
    const capacityOf = new Float64Array(profile.windowCount).fill(NaN)
    /** Per start, keep the limit reached first (a limit never reached names nothing). */
    const take = (times: Float64Array, label: string, capacity: number) => {
      for (let w = 0; w < times.length; w++) {
        if (times[w] < first[w]) {
          first[w] = times[w]
          limitOf[w] = label
          capacityOf[w] = capacity
        }
      }
    }
    let known = 0
    for (const i of disks) {
      const inv = diskInventory(profile.disks[i])
      const path = inv.path ?? profile.disks[i].instance
      if (typeof inv.maxSizeGB !== 'number') {
        vhds.push(unknownRow(path))
        continue
      }
      const capacity = resyncShare * inv.maxSizeGB * GB
      const times = outageTimes(grown([i]), ws, capacity)
      // The VHD by its file name (the VM is named beside it): "SQL01_log.vhdx (50 % of 256 GB)".
      const label = `${path.split(/[\\/]/).at(-1)} (${Math.round(resyncShare * 100)} % of ${inv.maxSizeGB} GB)`
      vhds.push({...row(path, label, capacity, times), name: path})
      take(times, label, capacity)
      known++
    }
    for (const volume of new Set(disks.map((i) => hostVolume(profile.disks[i])))) {
      const v = volumeTimes.get(volume)
      if (!v) continue
      take(v.times, `volume ${volume} full`, v.capacity)
      known++
    }
    if (known === 0) return unknownRow(vm)
    const t = summarizeOutageTimes(first)
    const at = t.worstStartWindow
    // No limit reached from any start within the period: nothing to name.
    return {...row(vm, limitOf[at] || 'none within the profiled period', capacityOf[at], first), name: vm}
  })
  const byWorst = (a: OutageRow, b: OutageRow) => (Number.isNaN(a.worstHours) ? 1 : Number.isNaN(b.worstHours) ? -1 : a.worstHours - b.worstHours)
  return {outageHours, profileHours: (profile.windowCount * ws) / 3600, growthPercent: options.growthPercent, vms: vmRows.sort(byWorst), vhds: vhds.sort(byWorst), volumes: volumes.sort(byWorst), unknown}
}

/** The VM that reaches its first limit soonest from the worst start (vms are sorted so), or none within the profile. */
export function firstLimitedVm(outage: OutagePlan): OutageRow | undefined {
  return outage.vms.find((v) => Number.isFinite(v.worstHours))
}
