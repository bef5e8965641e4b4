/**
 * `hvplan whatif bandwidth`: what RPO given bandwidths buy, from the same send series as
 * `hvplan bandwidth`, and an RPO-vs-bandwidth curve over a sweep.
 */
import {bytesPerSecToMbps, cycleLogBytes, mbpsToBytesPerSec} from '../../models/replication.js'
import {whatIfBandwidth} from '../../models/whatIf.js'
import {HvplanError} from '../errors.js'
import {parseQuantity} from '../units.js'
import type {PlanBasis} from './basis.js'
import {cycleParams, type SendSeries} from './replicationPlan.js'

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

export interface WhatIfPlan {
  readonly rpoTargetMinutes: number
  readonly meanSendMbps: number
  readonly filledWindowShare: number
  readonly points: readonly WhatIfPoint[]
}

/** `10:500:10` → 10, 20, …, 500 (Mbps); each part may carry a unit: `100Mbps:1Gbps:100Mbps`. */
export function parseSweep(text: string): number[] {
  const parts = text.trim().split(':')
  const m = parts.length === 3 && parts.every((p) => p.trim() !== '')
  const [from, to, step] = m ? parts.map((p) => parseQuantity(p, 'Mbps', {flag: 'sweep'})) : [NaN, NaN, NaN]
  if (!m || !(from > 0) || !(to >= from) || !(step > 0) || (to - from) / step > 10_000) {
    throw new HvplanError('E_FLAG', `must be FROM:TO:STEP in Mbps with 0 < FROM ≤ TO and at most 10,000 steps, e.g. 10:500:10, got ${JSON.stringify(text)}`, {flag: 'sweep'})
  }
  const points: number[] = []
  for (let b = from; b <= to + 1e-9; b += step) points.push(Math.round(b * 1e6) / 1e6)
  return points
}

/**
 * The what-if of the send series (the scope's, from sendSeries) at each bandwidth, for one target
 * RPO (minutes). Logs still queued when the period ends are followed to their upload.
 */
export function planWhatIf(basis: PlanBasis, series: SendSeries, rpoMinutes: number, bandwidthsMbps: readonly number[]): WhatIfPlan {
  for (const b of bandwidthsMbps) if (!(b > 0)) throw new HvplanError('E_FLAG', `must be a positive number of Mbps, got ${b}`, {flag: 'bandwidth'})
  const {profile, options} = basis
  const params = cycleParams(options)
  const logs = cycleLogBytes(series.site, profile.windowSeconds, params.copyFrequencySeconds)
  const startSeconds = profile.firstWindow * profile.windowSeconds
  const rpo = rpoMinutes * 60
  const minutes = (s: number) => s / 60
  const points = bandwidthsMbps.map((mbps): WhatIfPoint => {
    const r = whatIfBandwidth(logs, params, mbpsToBytesPerSec(mbps), rpo, startSeconds % 86_400)
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
  })
  const total = series.site.reduce((a, b) => a + b, 0)
  return {rpoTargetMinutes: rpoMinutes, meanSendMbps: bytesPerSecToMbps(total / (profile.windowCount * profile.windowSeconds)), filledWindowShare: basis.filledWindowShare, points}
}
