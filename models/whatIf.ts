/**
 * What a given bandwidth buys (spec §4.2 what-if): the time-weighted RPO distribution, violation
 * episodes, worst RPO per day, and the worst backlog with the time it takes to drain. Same cycle
 * model as replication.ts; times in seconds from the start of the series.
 */
import {type CycleParams, fractionWithinRpo, mbpsToBytesPerSec, uploadTimes} from './replication.js'

export interface RpoSegment {
  /** Time (s) the segment starts: recovery point k appears (C_k + a). */
  readonly from: number
  readonly to: number
  /** RPO at `from`; it rises by 1 s per second until `to`. */
  readonly rpoAtStart: number
}

/**
 * The RPO sawtooth as linear segments between consecutive recovery points, from the first to the
 * last log of the period: logs still queued when the period ends (K·f) are followed to their
 * upload, with no writes after the period (spec §4.2). The same span fractionWithinRpo and so B90
 * use.
 */
export function rpoSegments(logBytes: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number): RpoSegment[] {
  const f = params.copyFrequencySeconds
  const a = params.applyLatencySeconds
  const done = uploadTimes(logBytes, f, bandwidthBytesPerSec)
  const segments: RpoSegment[] = []
  for (let k = 0; k + 1 < done.length; k++) {
    const from = done[k] + a
    segments.push({from, to: done[k + 1] + a, rpoAtStart: from - (k + 1) * f})
  }
  return segments
}

/** The worst RPO of a sawtooth: each segment's peak is at its end. */
function worstOfSegments(segments: readonly RpoSegment[]): number {
  return segments.reduce((m, s) => Math.max(m, s.rpoAtStart + (s.to - s.from)), 0)
}

/**
 * A point of the RPO-vs-bandwidth curve, as whatIfBandwidth gives it but without the rest: the
 * worst RPO (s) and the share of time within each target — what the interactive page redraws for
 * 40 bandwidths each time a VM is picked.
 */
export function curvePoint(logBytes: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number, rpoSeconds: readonly number[]): {rpoMaxSeconds: number; withinShares: number[]} {
  return {rpoMaxSeconds: worstOfSegments(rpoSegments(logBytes, params, bandwidthBytesPerSec)), withinShares: rpoSeconds.map((rpo) => fractionWithinRpo(logBytes, params, bandwidthBytesPerSec, rpo))}
}

export interface WhatIfResult {
  readonly rpoP50Seconds: number
  readonly rpoP90Seconds: number
  readonly rpoP99Seconds: number
  readonly rpoMaxSeconds: number
  /** Share of time with RPO ≤ the target (models/replication.ts fractionWithinRpo, as B90 uses it). */
  readonly withinShare: number
  readonly violations: {readonly count: number; readonly totalSeconds: number; readonly longestSeconds: number}
  /** Worst RPO in each UTC day: [day start (s from series start, may be negative), seconds]. */
  readonly worstRpoPerDay: ReadonlyArray<readonly [number, number]>
  /** Largest backlog (bytes) after a seal, when it occurred (s) and how long it took to drain (possibly past the period's end). */
  readonly worstBacklogBytes: number
  readonly worstBacklogAtSeconds: number
  readonly drainSeconds: number
  /** Mean churn ≥ bandwidth: the backlog grows without bound over a long run. */
  readonly unstable: boolean
}

/**
 * Evaluates one bandwidth. originOffsetSeconds is the series start's offset from UTC midnight,
 * so days are UTC days.
 */
export function whatIfBandwidth(logBytes: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number, rpoSeconds: number, originOffsetSeconds = 0): WhatIfResult {
  const segments = rpoSegments(logBytes, params, bandwidthBytesPerSec)
  const total = segments.reduce((n, s) => n + (s.to - s.from), 0)
  const rpoMax = worstOfSegments(segments)
  // Time with RPO ≤ x, over all segments (each spreads uniformly over [rpoAtStart, rpoAtEnd]).
  const timeAtOrBelow = (x: number) => {
    let t = 0
    for (const s of segments) t += Math.min(s.to - s.from, Math.max(0, x - s.rpoAtStart))
    return t
  }
  const quantile = (q: number) => {
    if (total <= 0) return rpoMax
    let lo = 0
    let hi = rpoMax
    for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
      const mid = (lo + hi) / 2
      if (timeAtOrBelow(mid) >= q * total) hi = mid
      else lo = mid
    }
    return hi
  }
  // Violation episodes: the parts of segments with RPO above the target, merged when they touch.
  let count = 0
  let totalOver = 0
  let longest = 0
  let episodeEnd = -Infinity
  let episodeLength = 0
  for (const s of segments) {
    const overFrom = Math.max(s.from, s.from + (rpoSeconds - s.rpoAtStart))
    if (overFrom >= s.to) continue
    const length = s.to - overFrom
    totalOver += length
    if (overFrom <= episodeEnd + 1e-9) episodeLength += length
    else {
      count++
      episodeLength = length
    }
    episodeEnd = s.to
    longest = Math.max(longest, episodeLength)
  }
  // Worst RPO per UTC day: each segment's peak is at its end.
  const days = new Map<number, number>()
  for (const s of segments) {
    const day = Math.floor((s.to + originOffsetSeconds - 1e-9) / 86_400)
    days.set(day, Math.max(days.get(day) ?? 0, s.rpoAtStart + (s.to - s.from)))
  }
  // Backlog after each seal s_k = (k + 1)·f: what is left to upload, (C_k − s_k)·B.
  const f = params.copyFrequencySeconds
  const done = uploadTimes(logBytes, f, bandwidthBytesPerSec)
  let worstK = -1
  let worstBacklog = 0
  for (let k = 0; k < done.length; k++) {
    const backlog = (done[k] - (k + 1) * f) * bandwidthBytesPerSec
    if (backlog > worstBacklog) {
      worstBacklog = backlog
      worstK = k
    }
  }
  let drainEnd = worstK >= 0 ? done[worstK] : 0
  for (let k = worstK; k >= 0 && k + 1 < done.length && done[k] > (k + 2) * f; k++) drainEnd = done[k + 1]
  let bytes = 0
  for (let k = 0; k < logBytes.length; k++) bytes += logBytes[k]
  const horizon = logBytes.length * f
  return {
    rpoP50Seconds: quantile(0.5),
    rpoP90Seconds: quantile(0.9),
    rpoP99Seconds: quantile(0.99),
    rpoMaxSeconds: rpoMax,
    withinShare: fractionWithinRpo(logBytes, params, bandwidthBytesPerSec, rpoSeconds),
    violations: {count, totalSeconds: totalOver, longestSeconds: longest},
    worstRpoPerDay: [...days.entries()].sort((x, y) => x[0] - y[0]).map(([d, v]) => [d * 86_400 - originOffsetSeconds, v] as const),
    worstBacklogBytes: worstBacklog,
    worstBacklogAtSeconds: worstK >= 0 ? (worstK + 1) * f : 0,
    drainSeconds: worstK >= 0 ? drainEnd - (worstK + 1) * f : 0,
    // A link exactly at the mean rate keeps up (the backlog stays bounded); the tolerance absorbs Mbps ↔ bytes/s rounding.
    unstable: horizon > 0 && bytes / horizon > bandwidthBytesPerSec * (1 + 1e-9),
  }
}

export interface WhatIfPoint {
  readonly bandwidthMbps: number
  /** The worst RPO over the run, minutes. */
  readonly achievableRpoMinutes: number
  readonly rpoP50Minutes: number
  readonly rpoP90Minutes: number
  readonly rpoP99Minutes: number
  /** Share of time with RPO at or under the target. */
  readonly withinTargetShare: number
  readonly violations: {readonly count: number; readonly totalMinutes: number; readonly longestMinutes: number}
  readonly worstRpoPerDay: ReadonlyArray<{readonly dayUtc: string; readonly rpoMinutes: number}>
  readonly worstBacklogGB: number
  readonly drainMinutes: number
  readonly unstable: boolean
}

/**
 * The what-if at one bandwidth (Mbps) as the report shows it, in minutes and GB: worst RPO,
 * percentiles, time within the target, violations, worst RPO per UTC day (startSeconds: the series'
 * start, UTC epoch seconds), the worst backlog and how long it took to drain.
 */
export function whatIfPoint(logBytes: ArrayLike<number>, params: CycleParams, mbps: number, rpoSeconds: number, startSeconds: number): WhatIfPoint {
  const r = whatIfBandwidth(logBytes, params, mbpsToBytesPerSec(mbps), rpoSeconds, startSeconds % 86_400)
  const minutes = (s: number) => s / 60
  return {
    bandwidthMbps: mbps,
    achievableRpoMinutes: minutes(r.rpoMaxSeconds),
    rpoP50Minutes: minutes(r.rpoP50Seconds),
    rpoP90Minutes: minutes(r.rpoP90Seconds),
    rpoP99Minutes: minutes(r.rpoP99Seconds),
    withinTargetShare: r.withinShare,
    violations: {count: r.violations.count, totalMinutes: minutes(r.violations.totalSeconds), longestMinutes: minutes(r.violations.longestSeconds)},
    worstRpoPerDay: r.worstRpoPerDay.map(([day, v]) => ({dayUtc: new Date((startSeconds + day) * 1000).toISOString().slice(0, 10), rpoMinutes: minutes(v)})),
    worstBacklogGB: r.worstBacklogBytes / 2 ** 30,
    drainMinutes: minutes(r.drainSeconds),
    unstable: r.unstable,
  }
}

/**
 * The bandwidths of the RPO-vs-bandwidth curve: 40 points (to 0.1 Mbps) from half the mean send
 * rate to 1.5 × the first RPO's B100 — the same for every RPO (the worst RPO does not depend on
 * the target; the time within it does).
 */
export function curveBandwidths(meanSendMbps: number, firstBandwidth100Mbps: number): number[] {
  const from = Math.max(0.1, meanSendMbps * 0.5)
  const to = Math.max(from * 1.01, firstBandwidth100Mbps * 1.5)
  return Array.from({length: 40}, (_, i) => Math.round((from + ((to - from) * i) / 39) * 10) / 10)
}
