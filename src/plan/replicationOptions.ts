/** The options of the replication model and their validation (light: loaded with --help). */
import {HvplanError} from '../errors.js'

export const COPY_FREQUENCIES_SECONDS = [30, 300, 900] as const

export interface ReplicationOptions {
  readonly rpoMinutes: readonly number[]
  readonly percentile: number
  readonly growthPercent: number
  readonly copyFrequencySeconds: number
  readonly wireFactor: number
  readonly applyLatencySeconds: number
  readonly vms: readonly string[]
  readonly excludeDisks: readonly string[]
}

export const DEFAULT_RPOS_MINUTES = [15, 30, 60] as const

/** Validates flag values once; messages name the flag. */
export function normalizeReplicationOptions(input: {rpo?: number[]; percentile?: number; growth?: number; copyFrequency?: string; wireFactor?: number; applyLatency?: number; vm?: string[]; excludeDisk?: string[]}): ReplicationOptions {
  const rpos = [...new Set(input.rpo?.length ? input.rpo : DEFAULT_RPOS_MINUTES)].sort((a, b) => a - b)
  for (const r of rpos) if (!(r > 0)) throw new HvplanError('E_FLAG', `must be a positive number of minutes, got ${JSON.stringify(r)}`, {flag: 'rpo'})
  const percentile = input.percentile ?? 95
  if (!(percentile > 0 && percentile <= 100)) throw new HvplanError('E_FLAG', `must be a number from 1 to 100, got ${percentile}`, {flag: 'percentile'})
  const growthPercent = input.growth ?? 30
  if (!(growthPercent >= 0)) throw new HvplanError('E_FLAG', `must be a percentage ≥ 0, got ${growthPercent}`, {flag: 'growth'})
  const freq = {'30s': 30, '5m': 300, '15m': 900}[input.copyFrequency ?? '5m']
  if (freq === undefined) throw new HvplanError('E_FLAG', `must be 30s, 5m or 15m, got ${JSON.stringify(input.copyFrequency)}`, {flag: 'copy-frequency'})
  const wireFactor = input.wireFactor ?? 1
  if (!(wireFactor > 0)) throw new HvplanError('E_FLAG', `must be a positive factor, got ${wireFactor}`, {flag: 'wire-factor'})
  const applyLatencySeconds = input.applyLatency ?? 0
  if (!(applyLatencySeconds >= 0)) throw new HvplanError('E_FLAG', `must be seconds ≥ 0, got ${applyLatencySeconds}`, {flag: 'apply-latency'})
  for (const r of rpos) if (!(r * 60 > freq + applyLatencySeconds)) throw new HvplanError('E_FLAG', `must exceed the copy frequency plus apply latency (${(freq + applyLatencySeconds) / 60} min), got ${r}`, {flag: 'rpo'})
  return {rpoMinutes: rpos, percentile, growthPercent, copyFrequencySeconds: freq, wireFactor, applyLatencySeconds, vms: input.vm ?? [], excludeDisks: input.excludeDisk ?? []}
}
