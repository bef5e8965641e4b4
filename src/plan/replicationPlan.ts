/**
 * `hvplan bandwidth`: from the profile to the bandwidth each RPO needs. Normalizes the options,
 * builds the growth-adjusted send series per VM and for the site (missing windows filled by
 * models/fillGaps.ts), and runs the cycle model for every RPO; explains B100 by the interval that
 * sets it and the VMs that wrote most in it.
 */
import {type ChurnFigures, churnFigures, seriesStats, sumSeries, type WorkloadSeries} from '../../models/churnStats.js'
import {fillMissingWindows} from '../../models/fillGaps.js'
import {bandwidthFor100, bandwidthForShare, bytesPerSecToMbps, type CycleParams, cycleLogBytes, uploadTimes} from '../../models/replication.js'
import {HvplanError} from '../errors.js'
import {COPY_FREQUENCIES_SECONDS, type ReplicationOptions} from './replicationOptions.js'
import {globToRegExp} from '../ingest/mapping.js'
import type {LoadedProfile} from '../store/loadProfile.js'

export interface RpoBandwidth {
  readonly rpoMinutes: number
  readonly bandwidth100Mbps: number
  readonly bandwidth90Mbps: number
  readonly driver: {readonly fromUtc: string; readonly toUtc: string; readonly text: string; readonly vms: ReadonlyArray<{vm: string; sharePercent: number}>}
  /** The largest copy frequency (s) with RPO > f + apply latency, and B100 at it. */
  readonly largestCopyFrequencySeconds: number
  readonly bandwidth100AtLargestFrequencyMbps: number
  /** Each VM's own B100 (its DR bandwidth) at this RPO. */
  readonly perVm: ReadonlyArray<{vm: string; bandwidth100Mbps: number}>
}

export interface ReplicationPlan {
  readonly options: ReplicationOptions
  readonly windowSeconds: number
  readonly vmCount: number
  readonly diskCount: number
  readonly filledWindowShare: number
  readonly siteMeanSendMbps: number
  /** Growth-adjusted site churn per window (MB = 2^20 bytes): average, the chosen percentile, max. */
  readonly siteChurn: {readonly avgMBps: number; readonly percentileMBps: number; readonly maxMBps: number}
  readonly rpos: readonly RpoBandwidth[]
  /** Churn figures with growth, from the measured windows (gaps left out, not filled). */
  readonly churn: {
    readonly site: ChurnFigures
    readonly vms: ReadonlyArray<{vm: string} & ChurnFigures>
    readonly disks: ReadonlyArray<{vm: string; disk: string} & ChurnFigures>
  }
}


export interface SendSeries {
  /** Growth- and wire-adjusted bytes to send per window, per VM and for the site. */
  readonly byVm: ReadonlyMap<string, Float64Array>
  readonly site: Float64Array
  readonly diskCount: number
  readonly filledWindowShare: number
  /** Indices of the profile's disks kept by --vm and --exclude-disk. */
  readonly kept: readonly number[]
}

/** The bytes to send per window after disk and VM selection, gap filling, growth and wire factor. */
export function sendSeries(profile: LoadedProfile, options: ReplicationOptions): SendSeries {
  const vmRes = options.vms.map(globToRegExp)
  const diskRes = options.excludeDisks.map(globToRegExp)
  const keep = profile.disks.map((d) => (vmRes.length === 0 || vmRes.some((r) => r.test(d.vm))) && !diskRes.some((r) => r.test(d.instance) || r.test(String((d.inventory as {path?: string} | undefined)?.path ?? ''))))
  const wpd = 86_400 / profile.windowSeconds
  const factor = (1 + options.growthPercent / 100) * options.wireFactor
  // Per VM: the per-window sum of its kept disks, each disk's gaps filled first.
  const byVm = new Map<string, Float64Array>()
  let filled = 0
  let windows = 0
  profile.disks.forEach((d, i) => {
    if (!keep[i]) return
    const f = fillMissingWindows(profile.series[i].writeBytes, wpd, profile.firstWindow)
    filled += f.filled
    windows += f.values.length
    const sum = byVm.get(d.vm) ?? new Float64Array(profile.windowCount)
    for (let w = 0; w < sum.length; w++) sum[w] += f.values[w] * factor
    byVm.set(d.vm, sum)
  })
  if (byVm.size === 0) throw new HvplanError('E_FLAG', `must select at least one VM and disk of the profile, got none`, {flag: options.vms.length ? 'vm' : 'exclude-disk'})
  const site = new Float64Array(profile.windowCount)
  for (const s of byVm.values()) for (let w = 0; w < s.length; w++) site[w] += s[w]
  return {byVm, site, diskCount: keep.filter(Boolean).length, filledWindowShare: windows ? filled / windows : 0, kept: keep.flatMap((k, i) => (k ? [i] : []))}
}

/** send: the send series of the same profile and options, when the caller has computed it already. */
/**
 * Bytes to send in one window as churn in MB/s: churn is writes, so the wire factor is taken back
 * out; growth stays (it applies to every workload figure).
 */
export function sendToChurnMBps(sendBytes: number, windowSeconds: number, wireFactor: number): number {
  return sendBytes / (windowSeconds * 2 ** 20 * wireFactor)
}

export function planReplication(profile: LoadedProfile, options: ReplicationOptions, send: SendSeries = sendSeries(profile, options)): ReplicationPlan {
  const {byVm, site, diskCount, filledWindowShare, kept} = send
  const params: CycleParams = {copyFrequencySeconds: options.copyFrequencySeconds, applyLatencySeconds: options.applyLatencySeconds}
  const logs = cycleLogBytes(site, profile.windowSeconds, params.copyFrequencySeconds)
  const vmLogs = [...byVm.entries()].map(([vm, s]) => [vm, cycleLogBytes(s, profile.windowSeconds, params.copyFrequencySeconds)] as const)
  const originMs = profile.firstWindow * profile.windowSeconds * 1000
  const total = site.reduce((a, b) => a + b, 0)
  const rpos = options.rpoMinutes.map((rpoMinutes): RpoBandwidth => {
    const rpo = rpoMinutes * 60
    const b100 = bandwidthFor100(logs, params, rpo)
    const b90 = bandwidthForShare(logs, params, rpo, 0.9)
    const [fromS, toS] = drivingInterval(logs, params, b100)
    const shares = vmLogs
      .map(([vm, l]) => {
        let bytes = 0
        for (let k = fromS / params.copyFrequencySeconds; k < toS / params.copyFrequencySeconds; k++) bytes += l[k]
        return {vm, bytes}
      })
      .sort((a, b) => b.bytes - a.bytes)
    const inInterval = shares.reduce((n, s) => n + s.bytes, 0)
    const top = shares.filter((s) => s.bytes > 0).slice(0, 3).map((s) => ({vm: s.vm, sharePercent: inInterval > 0 ? (100 * s.bytes) / inInterval : 0}))
    const from = new Date(originMs + fromS * 1000)
    const to = new Date(originMs + toS * 1000)
    const largest = [...COPY_FREQUENCIES_SECONDS].reverse().find((f) => rpo > f + options.applyLatencySeconds)!
    const largestParams = {copyFrequencySeconds: largest, applyLatencySeconds: options.applyLatencySeconds}
    return {
      rpoMinutes,
      bandwidth100Mbps: bytesPerSecToMbps(b100),
      bandwidth90Mbps: bytesPerSecToMbps(b90),
      driver: {
        fromUtc: from.toISOString(),
        toUtc: to.toISOString(),
        text: `set by ${formatUtcSpan(from, to)}: ${top.map((t) => `${t.vm} ${t.sharePercent.toFixed(0)} %`).join(', ')}`,
        vms: top,
      },
      largestCopyFrequencySeconds: largest,
      bandwidth100AtLargestFrequencyMbps: bytesPerSecToMbps(bandwidthFor100(cycleLogBytes(site, profile.windowSeconds, largest), largestParams, rpo)),
      perVm: vmLogs.map(([vm, l]) => ({vm, bandwidth100Mbps: l.some((x) => x > 0) ? bytesPerSecToMbps(bandwidthFor100(l, params, rpo, 1e-4)) : 0})).sort((a, b) => b.bandwidth100Mbps - a.bandwidth100Mbps),
    }
  })
  return {
    options,
    windowSeconds: profile.windowSeconds,
    vmCount: byVm.size,
    diskCount,
    filledWindowShare,
    siteMeanSendMbps: bytesPerSecToMbps(total / (profile.windowCount * profile.windowSeconds)),
    siteChurn: (() => {
      const st = seriesStats(site, options.percentile)
      const mbps = (bytes: number) => sendToChurnMBps(bytes, profile.windowSeconds, options.wireFactor)
      return {avgMBps: mbps(st.mean), percentileMBps: mbps(st.percentile), maxMBps: mbps(st.max)}
    })(),
    rpos,
    churn: churnReport(profile, kept, options),
  }
}

/** Growth-adjusted churn figures per disk, per VM (per-window sum of its disks) and for the site. */
function churnReport(profile: LoadedProfile, kept: readonly number[], options: ReplicationOptions): ReplicationPlan['churn'] {
  const n = profile.windowCount
  const figures = (s: WorkloadSeries) => churnFigures(s, profile.windowSeconds, profile.firstWindow, options.percentile, options.growthPercent)
  const sum = (indices: readonly number[]): WorkloadSeries => {
    const pick = (m: 'writeBytes' | 'writeOps' | 'readBytes' | 'readOps') => (indices.every((i) => profile.series[i][m].length === n) ? sumSeries(indices.map((i) => profile.series[i][m]), n) : new Float64Array(0))
    return {writeBytes: pick('writeBytes'), writeOps: pick('writeOps'), readBytes: pick('readBytes'), readOps: pick('readOps')}
  }
  const vmNames = [...new Set(kept.map((i) => profile.disks[i].vm))]
  return {
    site: figures(sum(kept)),
    vms: vmNames.map((vm) => ({vm, ...figures(sum(kept.filter((i) => profile.disks[i].vm === vm)))})).sort((a, b) => b.percentileMBps - a.percentileMBps),
    disks: kept.map((i) => ({vm: profile.disks[i].vm, disk: String((profile.disks[i].inventory as {path?: string} | undefined)?.path ?? profile.disks[i].instance), ...figures(sum([i]))})),
  }
}

/**
 * The tick-aligned interval [s, t] (seconds) whose bytes set B100: the busy period, at B100, that
 * holds the highest RPO peak — from the seal before its first log to its worst log's seal.
 */
export function drivingInterval(logs: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number): [number, number] {
  const f = params.copyFrequencySeconds
  const done = uploadTimes(logs, f, bandwidthBytesPerSec)
  let worst = 0
  let worstRpo = -Infinity
  for (let k = 0; k < done.length; k++) {
    const rpo = done[k] - k * f
    if (rpo > worstRpo) {
      worstRpo = rpo
      worst = k
    }
  }
  let first = worst
  while (first > 0 && done[first - 1] > (first + 1) * f) first--
  return [first * f, (worst + 1) * f]
}

function formatUtcSpan(from: Date, to: Date): string {
  const day = from.toUTCString().slice(0, 3)
  const hm = (d: Date) => d.toISOString().slice(11, 16)
  return `${day} ${from.toISOString().slice(0, 10)} ${hm(from)}–${hm(to)} UTC`
}
