/**
 * `hvplan whatif bandwidth`: what RPO given bandwidths buy, from the same send series as
 * `hvplan bandwidth`, and an RPO-vs-bandwidth curve over a sweep.
 */
import {bytesPerSecToMbps, cycleLogBytes} from '../../models/replication.js'
import {type WhatIfPoint, whatIfPoint} from '../../models/whatIf.js'
import {HvplanError} from '../errors.js'
import {parseQuantity} from '../units.js'
import type {PlanBasis} from './basis.js'
import {cycleParams, type SendSeries} from './replicationPlan.js'

export type {WhatIfPoint} from '../../models/whatIf.js'

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
  const points = bandwidthsMbps.map((mbps) => whatIfPoint(logs, params, mbps, rpo, startSeconds))
  const total = series.site.reduce((a, b) => a + b, 0)
  return {rpoTargetMinutes: rpoMinutes, meanSendMbps: bytesPerSecToMbps(total / (profile.windowCount * profile.windowSeconds)), filledWindowShare: basis.filledWindowShare, points}
}
