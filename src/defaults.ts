/**
 * The defaults of every model option, declared once in data/defaults.json with their sources:
 * flags, normalisation, the report's assumptions sheet and the docs read them from here (a test
 * keeps docs/formulas.md in step). Light: read at start-up by the flags, so no heavy imports.
 */
import {readFileSync} from 'node:fs'
import {dataFile} from './dataFile.js'

export interface DefaultValue<T> {
  readonly value: T
  readonly unit: string
  readonly source: string
}

export interface CopyFrequencyOption {
  /** As the --copy-frequency flag takes it: 30s, 5m, 15m. */
  readonly flag: string
  readonly seconds: number
  /** Offered by current ASR releases for Hyper-V to Azure. */
  readonly current: boolean
  /** Allowed when the target is premium storage. */
  readonly premium: boolean
  readonly note: string
}

export interface Defaults {
  readonly version: string
  readonly values: {
    readonly rpoMinutes: DefaultValue<readonly number[]>
    readonly percentile: DefaultValue<number>
    readonly growthPercent: DefaultValue<number>
    readonly copyFrequencySeconds: DefaultValue<number>
    readonly applyLatencySeconds: DefaultValue<number>
    readonly wireFactor: DefaultValue<number>
    readonly outageHours: DefaultValue<number>
    readonly windowMinutes: DefaultValue<number>
    readonly coverageThreshold: DefaultValue<number>
    readonly maxBytesPerSecond: DefaultValue<number>
    readonly maxOperationsPerSecond: DefaultValue<number>
    readonly earliestSampleYear: DefaultValue<number>
    readonly latestSampleYear: DefaultValue<number>
    readonly maxHeaderMB: DefaultValue<number>
    readonly maxLineMB: DefaultValue<number>
    readonly maxColumns: DefaultValue<number>
    readonly maxCounterPathChars: DefaultValue<number>
    readonly maxDecompressedGB: DefaultValue<number>
    readonly maxCompressionRatio: DefaultValue<number>
    readonly compressionRatioAfterMB: DefaultValue<number>
    readonly maxInventoryMB: DefaultValue<number>
    readonly maxProfileDays: DefaultValue<number>
  }
  readonly copyFrequencies: {readonly source: string; readonly date: string; readonly options: readonly CopyFrequencyOption[]}
}

export const DEFAULTS: Defaults = JSON.parse(readFileSync(dataFile('defaults.json'), 'utf8'))

/** A default's value: `defaultOf('percentile')` → 95. */
export function defaultOf<K extends keyof Defaults['values']>(key: K): Defaults['values'][K]['value'] {
  return DEFAULTS.values[key].value
}

/** The copy frequency option of a flag value or of seconds. */
export function copyFrequencyOption(flagOrSeconds: string | number): CopyFrequencyOption | undefined {
  return DEFAULTS.copyFrequencies.options.find((o) => o.flag === flagOrSeconds || o.seconds === flagOrSeconds)
}
