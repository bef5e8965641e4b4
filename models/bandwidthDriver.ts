/**
 * What sets B100, in words a planner can check: the busy interval that holds the highest RPO peak
 * at B100 and the VMs that sent most in it, or the sustained average when the mean-rate floor
 * binds, or no churn. Pure: the CLI's replication plan and the interactive page both use it.
 */
import {type CycleParams, uploadTimes} from './replication.js'

export interface BandwidthDriver {
  readonly kind: 'interval' | 'sustained average' | 'no churn'
  readonly fromUtc: string
  readonly toUtc: string
  readonly text: string
  readonly vms: ReadonlyArray<{vm: string; sharePercent: number}>
}

/** Bytes a VM's cycle logs hold inside a span (seconds from the start, tick-aligned). */
export function bytesInSpan(logs: ArrayLike<number>, span: DrivingSpan, copyFrequencySeconds: number): number {
  let bytes = 0
  for (let k = span.fromS / copyFrequencySeconds; k < span.toS / copyFrequencySeconds; k++) bytes += logs[k]
  return bytes
}

/** What sets B100, in seconds from the start: the interval, the sustained average when that floor binds, or no churn. */
export interface DrivingSpan {
  readonly kind: BandwidthDriver['kind']
  readonly fromS: number
  readonly toS: number
}

export function drivingSpan(logs: Float64Array, params: CycleParams, b100: number, mean: number): DrivingSpan {
  const f = params.copyFrequencySeconds
  if (!(b100 > 0)) return {kind: 'no churn', fromS: 0, toS: logs.length * f}
  if (!(b100 > mean)) return {kind: 'sustained average', fromS: 0, toS: logs.length * f}
  const [fromS, toS] = drivingInterval(logs, params, b100)
  return {kind: 'interval', fromS, toS}
}

/** The driver's text and its top three VMs by bytes sent in the span. */
export function explainDriver(span: DrivingSpan, bytesByVm: ReadonlyArray<{vm: string; bytes: number}>, originMs: number, periodSeconds: number): BandwidthDriver {
  if (span.kind === 'no churn') return {kind: 'no churn', fromUtc: new Date(originMs).toISOString(), toUtc: new Date(originMs + periodSeconds * 1000).toISOString(), text: 'no churn in the profile: nothing to replicate', vms: []}
  const shares = [...bytesByVm].sort((a, b) => b.bytes - a.bytes)
  const inInterval = shares.reduce((n, s) => n + s.bytes, 0)
  const top = shares.filter((s) => s.bytes > 0).slice(0, 3).map((s) => ({vm: s.vm, sharePercent: inInterval > 0 ? (100 * s.bytes) / inInterval : 0}))
  const from = new Date(originMs + span.fromS * 1000)
  const to = new Date(originMs + span.toS * 1000)
  const who = top.map((t) => `${t.vm} ${t.sharePercent.toFixed(0)} %`).join(', ')
  return span.kind === 'interval'
    ? {kind: 'interval', fromUtc: from.toISOString(), toUtc: to.toISOString(), text: `set by ${formatUtcSpan(from, to)}: ${who}`, vms: top}
    : {kind: 'sustained average', fromUtc: from.toISOString(), toUtc: to.toISOString(), text: `set by the sustained average (mean send rate of the period): ${who}`, vms: top}
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
