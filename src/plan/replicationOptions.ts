/** The options of the replication model and their validation (light: loaded with --help). */
import {copyFrequencyOption, DEFAULTS, defaultOf} from '../defaults.js'
import {HvplanError} from '../errors.js'

export interface ReplicationOptions {
  readonly rpoMinutes: readonly number[]
  readonly percentile: number
  readonly growthPercent: number
  /** 1 + growthPercent / 100: the factor every workload figure is multiplied by. */
  readonly growthFactor: number
  readonly copyFrequencySeconds: number
  readonly wireFactor: number
  readonly applyLatencySeconds: number
  readonly vms: readonly string[]
  readonly excludeDisks: readonly string[]
}

/** Validates flag values once, filling the defaults of data/defaults.json; messages name the flag. */
export function normalizeReplicationOptions(input: {rpo?: number[]; percentile?: number; growth?: number; copyFrequency?: string; wireFactor?: number; applyLatency?: number; vm?: string[]; excludeDisk?: string[]}): ReplicationOptions {
  const rpos = [...new Set(input.rpo?.length ? input.rpo : defaultOf('rpoMinutes'))].sort((a, b) => a - b)
  for (const r of rpos) if (!(r > 0)) throw new HvplanError('E_FLAG', `must be a positive number of minutes, got ${JSON.stringify(r)}`, {flag: 'rpo'})
  const percentile = input.percentile ?? defaultOf('percentile')
  if (!(percentile > 0 && percentile <= 100)) throw new HvplanError('E_FLAG', `must be a number from 1 to 100, got ${percentile}`, {flag: 'percentile'})
  const growthPercent = input.growth ?? defaultOf('growthPercent')
  if (!(growthPercent >= 0)) throw new HvplanError('E_FLAG', `must be a percentage ≥ 0, got ${growthPercent}`, {flag: 'growth'})
  const frequency = input.copyFrequency === undefined ? copyFrequencyOption(defaultOf('copyFrequencySeconds')) : copyFrequencyOption(input.copyFrequency)
  if (frequency === undefined) throw new HvplanError('E_FLAG', `must be ${DEFAULTS.copyFrequencies.options.map((o) => o.flag).join(', ')}, got ${JSON.stringify(input.copyFrequency)}`, {flag: 'copy-frequency'})
  const wireFactor = input.wireFactor ?? defaultOf('wireFactor')
  if (!(wireFactor > 0)) throw new HvplanError('E_FLAG', `must be a positive factor, got ${wireFactor}`, {flag: 'wire-factor'})
  const applyLatencySeconds = input.applyLatency ?? defaultOf('applyLatencySeconds')
  if (!(applyLatencySeconds >= 0)) throw new HvplanError('E_FLAG', `must be seconds ≥ 0, got ${applyLatencySeconds}`, {flag: 'apply-latency'})
  const freq = frequency.seconds
  for (const r of rpos) if (!(r * 60 > freq + applyLatencySeconds)) throw new HvplanError('E_FLAG', `must exceed the copy frequency plus apply latency (${(freq + applyLatencySeconds) / 60} min), got ${r}`, {flag: 'rpo'})
  return {rpoMinutes: rpos, percentile, growthPercent, growthFactor: 1 + growthPercent / 100, copyFrequencySeconds: freq, wireFactor, applyLatencySeconds, vms: input.vm ?? [], excludeDisks: input.excludeDisk ?? []}
}
