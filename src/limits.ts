/**
 * Limits are data, not code: data/limits.json holds every threshold with its source and date;
 * a user file (--limits FILE) overrides any value, and the result says which set was used.
 * Override file: {"values": {"maxIopsPerDisk": 16000, "maxDiskSizeGB": {"value": 32767, "source": "…", "date": "…"},
 * "premiumAccountCapacityTB": "40 TiB"}}: a value with a unit is converted to the limit's unit (src/units.ts).
 */
import {readFileSync} from 'node:fs'
import type {Tier} from '../models/azureStorage.js'
import {dataFile} from './dataFile.js'
import {HvplanError} from './errors.js'
import {type HvplanUnit, parseQuantity, UNITS} from './units.js'

export interface LimitValue {
  readonly value: number
  readonly unit: string
  readonly source: string
  readonly date: string
}

/** A premium disk tier of the limits file: the models' Tier. */
export type PremiumTier = Tier

export interface Limits {
  /** Which set: the built-in version, and the override file with the keys it changed. */
  readonly set: string
  readonly values: Readonly<Record<string, LimitValue>>
  readonly premiumTiers: {readonly source: string; readonly date: string; readonly tiers: readonly PremiumTier[]}
  /** Standard SSD tiers by size (the tier a standard-storage replica disk maps to). */
  readonly standardSsdTiers: {readonly source: string; readonly date: string; readonly tiers: readonly Tier[]}
}

export function loadLimits(overrideFile?: string): Limits {
  const builtIn = JSON.parse(readFileSync(dataFile('limits.json'), 'utf8')) as {version: string; values: Record<string, LimitValue>; premiumTiers: Limits['premiumTiers']; standardSsdTiers: Limits['standardSsdTiers']}
  const values: Record<string, LimitValue> = {...builtIn.values}
  let premiumTiers = builtIn.premiumTiers
  let set = `built-in ${builtIn.version}`
  if (overrideFile) {
    let user: {values?: Record<string, unknown>; premiumTiers?: Limits['premiumTiers']}
    try {
      user = JSON.parse(readFileSync(overrideFile, 'utf8'))
    } catch (error) {
      throw new HvplanError('E_INPUT_FORMAT', `limits file is not readable JSON (${(error as Error).message})`, {file: overrideFile})
    }
    const changed: string[] = []
    for (const [key, raw] of Object.entries(user.values ?? {})) {
      if (!(key in values)) throw new HvplanError('E_INPUT_FORMAT', `unknown limit "${key}": expected one of ${Object.keys(values).join(', ')}`, {file: overrideFile})
      const entry = typeof raw === 'number' || typeof raw === 'string' ? {value: raw} : (raw as Partial<Omit<LimitValue, 'value'>> & {value?: unknown})
      // A quantity with a unit ("4 TiB", "20 MB/s") is converted to the limit's own unit.
      const unit = values[key].unit
      if (typeof entry.value === 'string' && unit in UNITS) entry.value = parseQuantity(entry.value, unit as HvplanUnit, {file: overrideFile, field: `limit "${key}"`})
      if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) throw new HvplanError('E_INPUT_FORMAT', `limit "${key}" must be a number${unit in UNITS ? ` or a quantity in ${unit} such as ${JSON.stringify(UNITS[unit as HvplanUnit].example.split(', ')[1] ?? '')}` : ''} or {"value": …}, got ${JSON.stringify(raw)}`, {file: overrideFile})
      values[key] = {unit, source: entry.source ?? `override in ${overrideFile}`, date: entry.date ?? '', value: entry.value}
      changed.push(key)
    }
    if (user.premiumTiers) {
      premiumTiers = user.premiumTiers
      changed.push('premiumTiers')
    }
    set += ` with overrides from ${overrideFile} (${changed.join(', ') || 'none'})`
  }
  return {set, values, premiumTiers, standardSsdTiers: builtIn.standardSsdTiers}
}

/** A limit's value; throws for a key the data file lacks (a programming error). */
export function limit(limits: Limits, key: string): number {
  const v = limits.values[key]
  if (!v) throw new Error(`limit ${key} is not in data/limits.json`)
  return v.value
}
