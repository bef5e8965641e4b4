/**
 * `hvplan bandwidth`: from the profile to the bandwidth each RPO needs, for the VMs to protect.
 * Builds the growth-adjusted send series per VM and for the site from the basis' gap-filled
 * series, and runs the cycle model for every RPO; explains B100 by the interval that sets it and
 * the VMs that wrote most in it; gives each VM the DR bandwidth it keeps.
 */
import {type BandwidthDriver, drivingSpan, explainDriver} from '../../models/bandwidthDriver.js'
import {type ChurnFigures, seriesStats} from '../../models/churnStats.js'
import {bandwidthFor100, bandwidthForShare, bytesPerSecToMbps, type CycleParams, cycleLogBytes, meanSendRate} from '../../models/replication.js'
import {DEFAULTS} from '../defaults.js'
import {diskInventory, disksByVm, type PlanBasis, sumFilled, workloadFigures} from './basis.js'
import type {ReplicationOptions} from './replicationOptions.js'
import {residentBudget} from '../store/seriesRecords.js'
import {sharedFloat64, startVmBandwidths} from './vmBandwidths.js'

export interface RpoBandwidth {
  readonly rpoMinutes: number
  readonly bandwidth100Mbps: number
  readonly bandwidth90Mbps: number
  /**
   * What sets B100: the busy interval and the VMs that wrote most in it, or the sustained average
   * (B100 is never below the mean send rate), or nothing at all (no churn).
   */
  readonly driver: BandwidthDriver
  /** The largest copy frequency current ASR offers (s) with RPO > f + apply latency, and B100 at it. */
  readonly largestCopyFrequencySeconds: number
  readonly bandwidth100AtLargestFrequencyMbps: number
  /**
   * Per VM: its own B100 (alone on a link), and its DR bandwidth — the bandwidth it keeps once
   * protected: its own B100 scaled so that all VMs in scope together keep the site's B100 (they do
   * not all peak at once). The one DR bandwidth every sheet shows.
   */
  readonly perVm: ReadonlyArray<{vm: string; bandwidth100Mbps: number; drBandwidthMbps: number}>
}

export interface ReplicationPlan {
  readonly options: ReplicationOptions
  readonly windowSeconds: number
  /** The VMs the figures are for (the scope). */
  readonly vms: readonly string[]
  readonly vmCount: number
  readonly diskCount: number
  readonly filledWindowShare: number
  readonly siteMeanSendMbps: number
  /** Growth-adjusted site churn per window (MB = 2^20 bytes): average, the chosen percentile, max. */
  readonly siteChurn: {readonly avgMBps: number; readonly percentileMBps: number; readonly maxMBps: number}
  readonly rpos: readonly RpoBandwidth[]
  /** Churn figures with growth: averages and worst day from the filled series, percentiles from measured windows. */
  readonly churn: {
    readonly site: ChurnFigures
    readonly vms: ReadonlyArray<{vm: string} & ChurnFigures>
    readonly disks: ReadonlyArray<{vm: string; disk: string} & ChurnFigures>
  }
}

export interface SendSeries {
  /** The VMs in the series, in profile order. */
  readonly vms: readonly string[]
  /** Growth- and wire-adjusted bytes to send per window of one VM (computed when asked: a 10,000-VM site holds only its sum). */
  readonly vmSend: (vm: string) => Float64Array
  /** The same for the site: the sum of the VMs'. */
  readonly site: Float64Array
  /** Indices of the profile's disks in the series. */
  readonly disks: readonly number[]
  /** Every VM's series, VM after VM in `vms` order, in shared memory — when they fit the resident budget (vmSend gives views of it). */
  readonly packed?: Float64Array
}

/** The bytes to send per window of the VMs given (default: every kept VM): filled, × growth × wire factor. */
export function sendSeries(basis: PlanBasis, vms?: readonly string[]): SendSeries {
  const groups = disksByVm(basis, vms ? new Set(vms) : undefined)
  const n = basis.profile.windowCount
  // Kept when every VM's series fit the resident budget (1,000 VMs: 71 MB), in one shared buffer
  // (the per-VM bandwidths read it from two threads), else computed again when asked.
  const packed = groups.size * n * 8 <= residentBudget() ? sharedFloat64(groups.size * n) : undefined
  const kept = new Map<string, Float64Array>()
  const compute = vmSendSeries(basis, groups)
  const site = new Float64Array(n)
  for (const [k, vm] of [...groups.keys()].entries()) {
    const s = compute(vm, packed?.subarray(k * n, (k + 1) * n))
    if (packed) kept.set(vm, s)
    for (let w = 0; w < s.length; w++) site[w] += s[w]
  }
  return {vms: [...groups.keys()], vmSend: (vm) => kept.get(vm) ?? compute(vm), site, disks: [...groups.values()].flat(), ...(packed ? {packed} : {})}
}

/** One VM's send series, computed when asked (filled, × growth × wire factor), for the VMs given by their disks (default: every kept VM). */
export function vmSendSeries(basis: PlanBasis, groups: ReadonlyMap<string, readonly number[]> = disksByVm(basis)): (vm: string, into?: Float64Array) => Float64Array {
  const factor = basis.options.growthFactor * basis.options.wireFactor
  return (vm, into) => sumFilled(basis, groups.get(vm) ?? [], factor, into)
}

/**
 * Bytes to send in one window as churn in MB/s: churn is writes, so the wire factor is taken back
 * out; growth stays (it applies to every workload figure).
 */
export function sendToChurnMBps(sendBytes: number, windowSeconds: number, wireFactor: number): number {
  return sendBytes / (windowSeconds * 2 ** 20 * wireFactor)
}

export function cycleParams(options: ReplicationOptions): CycleParams {
  return {copyFrequencySeconds: options.copyFrequencySeconds, applyLatencySeconds: options.applyLatencySeconds}
}

/** B100 and B90 per RPO of a send series (the site figures alone: the "after fixes" figure). */
export function siteBandwidths(send: SendSeries, basis: PlanBasis): Array<{rpoMinutes: number; bandwidth100Mbps: number; bandwidth90Mbps: number}> {
  const params = cycleParams(basis.options)
  const logs = cycleLogBytes(send.site, basis.profile.windowSeconds, params.copyFrequencySeconds)
  return basis.options.rpoMinutes.map((rpoMinutes) => ({
    rpoMinutes,
    bandwidth100Mbps: bytesPerSecToMbps(bandwidthFor100(logs, params, rpoMinutes * 60)),
    bandwidth90Mbps: bytesPerSecToMbps(bandwidthForShare(logs, params, rpoMinutes * 60, 0.9)),
  }))
}

/** The replication plan of the VMs given (the scope); `send` when the caller has it already. */
export function planReplication(basis: PlanBasis, vms?: readonly string[], send: SendSeries = sendSeries(basis, vms)): ReplicationPlan {
  const {profile, options} = basis
  const {site} = send
  const params = cycleParams(options)
  const f = params.copyFrequencySeconds
  const logs = cycleLogBytes(site, profile.windowSeconds, f)
  const originMs = profile.firstWindow * profile.windowSeconds * 1000
  const mean = meanSendRate(logs, f)
  const sites = options.rpoMinutes.map((rpoMinutes) => {
    const rpo = rpoMinutes * 60
    const b100 = bandwidthFor100(logs, params, rpo)
    return {rpoMinutes, rpo, b100, b90: bandwidthForShare(logs, params, rpo, 0.9), span: drivingSpan(logs, params, b100, mean)}
  })
  // Each VM's own B100 per RPO and the bytes it sends in each RPO's driving span: a worker starts
  // on them now, this thread joins after the churn figures (vmBandwidths.ts).
  const perVm = startVmBandwidths(
    {series: send.packed ?? new Float64Array(0), vmCount: send.vms.length, windowCount: profile.windowCount, windowSeconds: profile.windowSeconds, params, rpoSeconds: sites.map((s) => s.rpo), spans: sites.map((s) => s.span)},
    send.packed ? {} : {seriesOf: (v) => send.vmSend(send.vms[v])},
  )
  const st = seriesStats(site, options.percentile)
  const churn = churnReport(basis, send.disks)
  const results = perVm.finish()
  const stride = sites.length * 2
  const own = sites.map((_s, k) => send.vms.map((vm, v) => ({vm, bandwidth100Mbps: results[v * stride + 2 * k]})))
  const inSpan = sites.map((s, k) => (s.span.kind === 'no churn' ? [] : send.vms.map((vm, v) => ({vm, bytes: results[v * stride + 2 * k + 1]}))))
  const rpos = sites.map(({rpoMinutes, rpo, b100, b90, span}, k): RpoBandwidth => {
    const largest = [...DEFAULTS.copyFrequencies.options].filter((o) => o.current).sort((a, b) => b.seconds - a.seconds).find((o) => rpo > o.seconds + options.applyLatencySeconds)?.seconds ?? f
    const largestParams = {copyFrequencySeconds: largest, applyLatencySeconds: options.applyLatencySeconds}
    const sumOwn = own[k].reduce((n, v) => n + v.bandwidth100Mbps, 0)
    const scale = sumOwn > 0 ? bytesPerSecToMbps(b100) / sumOwn : 0
    return {
      rpoMinutes,
      bandwidth100Mbps: bytesPerSecToMbps(b100),
      bandwidth90Mbps: bytesPerSecToMbps(b90),
      driver: explainDriver(span, inSpan[k], originMs, logs.length * f),
      largestCopyFrequencySeconds: largest,
      bandwidth100AtLargestFrequencyMbps: bytesPerSecToMbps(largest === f ? b100 : bandwidthFor100(cycleLogBytes(site, profile.windowSeconds, largest), largestParams, rpo)),
      perVm: own[k].map((v) => ({...v, drBandwidthMbps: v.bandwidth100Mbps * scale})).sort((a, b) => b.bandwidth100Mbps - a.bandwidth100Mbps),
    }
  })
  const mbps = (bytes: number) => sendToChurnMBps(bytes, profile.windowSeconds, options.wireFactor)
  return {
    options,
    windowSeconds: profile.windowSeconds,
    vms: send.vms,
    vmCount: send.vms.length,
    diskCount: send.disks.length,
    filledWindowShare: basis.filledWindowShare,
    siteMeanSendMbps: bytesPerSecToMbps(site.reduce((a, b) => a + b, 0) / (profile.windowCount * profile.windowSeconds)),
    siteChurn: {avgMBps: mbps(st.mean), percentileMBps: mbps(st.percentile), maxMBps: mbps(st.max)},
    rpos,
    churn,
  }
}

/** Growth-adjusted churn figures per disk, per VM (per-window sum of its disks) and for the site. */
function churnReport(basis: PlanBasis, disks: readonly number[]): ReplicationPlan['churn'] {
  const {profile} = basis
  const figures = (indices: readonly number[]) => workloadFigures(basis, indices)
  const vmNames = [...new Set(disks.map((i) => profile.disks[i].vm))]
  return {
    site: figures(disks),
    vms: vmNames.map((vm) => ({vm, ...figures(disks.filter((i) => profile.disks[i].vm === vm))})).sort((a, b) => b.percentileMBps - a.percentileMBps),
    disks: disks.map((i) => ({vm: profile.disks[i].vm, disk: diskInventory(profile.disks[i]).path ?? profile.disks[i].instance, ...figures([i])})),
  }
}
