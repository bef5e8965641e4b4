/**
 * Time zones as Windows names them (registry IDs, and the standard/daylight names PDH-CSV headers
 * and `tzutil /l` write) or as IANA does, with the offsets the platform's IANA data gives: the
 * Windows → IANA mapping is CLDR's (npm `windows-iana`), the rules are Intl's, so every Windows
 * zone and every past or future rule change (southern-hemisphere DST, Morocco's Ramadan time,
 * Russia's 2011 and 2014 changes) are covered without a hand table of rules.
 *
 * Bias follows Win32 TIME_ZONE_INFORMATION: UTC = local + bias (minutes), so zones east of
 * Greenwich have a negative bias (W. Europe Standard Time: -60, or -120 in summer).
 */
import {createRequire} from 'node:module'
import {LEGACY_ZONE_NAMES, STANDARD_NAMES} from './windowsZoneNames.js'

/** CLDR's mapping, loaded on first use (≈40 ms: not on the path of `hvplan --help`). */
let cldr: typeof import('windows-iana') | undefined
function mapping(): typeof import('windows-iana') {
  cldr ??= createRequire(import.meta.url)('windows-iana') as typeof import('windows-iana')
  return cldr
}

export interface WindowsTimeZone {
  /** Windows registry ID, e.g. "W. Europe Standard Time"; the IANA name for a zone given as one that Windows has no ID for. */
  readonly id: string
  /** The IANA zone whose rules apply, e.g. "Europe/Berlin". */
  readonly iana: string
  /** Name written while standard time is in force (PDH-CSV headers), e.g. "Russia TZ 2 Standard Time". */
  readonly standardName: string
  /** Name written while daylight time is in force. */
  readonly daylightName: string
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

let windowsIds: ReadonlySet<string> | undefined
let byName: Map<string, string> | undefined

/** Every Windows zone ID in CLDR's mapping. */
export function windowsZoneIds(): readonly string[] {
  windowsIds ??= new Set(mapping().WINDOWS_TO_IANA_MAP.map((row) => row.windowsName))
  return [...windowsIds]
}

function namesOf(id: string): {standardName: string; daylightName: string} {
  const known = STANDARD_NAMES[id]
  if (known) return {standardName: known[0], daylightName: known[1]}
  return {standardName: id, daylightName: id.includes('Standard Time') ? id.replace('Standard Time', 'Daylight Time') : id}
}

/** Lower-cased ID, standard name, daylight name and legacy name → Windows ID. */
function nameIndex(): Map<string, string> {
  if (byName) return byName
  byName = new Map()
  for (const id of windowsZoneIds()) {
    const {standardName, daylightName} = namesOf(id)
    for (const name of [id, standardName, daylightName]) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), id)
  }
  for (const [name, id] of Object.entries(LEGACY_ZONE_NAMES)) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), id)
  return byName
}

const zones = new Map<string, WindowsTimeZone>()

/**
 * A zone by Windows ID, Windows standard or daylight name (as headers write them) or IANA name,
 * case-insensitively; undefined if none of these.
 */
export function findTimeZone(name: string): WindowsTimeZone | undefined {
  const key = name.trim()
  if (key === '') return undefined
  const cached = zones.get(key.toLowerCase())
  if (cached) return cached
  let zone: WindowsTimeZone | undefined
  const id = nameIndex().get(key.toLowerCase())
  if (id) {
    const iana = mapping().findIana(id, '001')[0] ?? mapping().findIana(id)[0]
    if (iana && isIanaZone(iana)) zone = {id, iana, ...namesOf(id)}
  } else if ((key.includes('/') || /^(utc|gmt|etc\/.*)$/i.test(key)) && isIanaZone(key)) {
    // The IANA name as the user spelt it (Intl matches it case-insensitively).
    const windowsId = mapping().findWindows(key)[0]
    const names = windowsId ? namesOf(windowsId) : {standardName: key, daylightName: key}
    zone = {id: key, iana: key, ...names}
  }
  if (zone) zones.set(key.toLowerCase(), zone)
  return zone
}

/** Whether the platform's IANA data (Intl) knows the zone. */
function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: name})
    return true
  } catch {
    return false
  }
}

// ---- offsets from Intl, cached as per-year segments of constant bias ----

interface YearSegments {
  /** Segment k holds [starts[k], starts[k + 1]) (the last to the year's end), bias biases[k]. */
  readonly starts: Float64Array
  readonly biases: Int32Array
  /** Largest bias of the year: standard time (daylight time has the smaller bias). */
  readonly standardBias: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const segmentCache = new Map<string, Map<number, YearSegments>>()

/** Bias (minutes, UTC = local + bias) straight from Intl at one instant. */
function intlBias(iana: string, utcMs: number): number {
  let f = formatters.get(iana)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {timeZone: iana, timeZoneName: 'longOffset'})
    formatters.set(iana, f)
  }
  const text = f.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text)
  if (!m) return 0
  const offset = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60
  return m[1] === '+' ? -offset : offset
}

function yearSegments(tz: WindowsTimeZone, year: number): YearSegments {
  let years = segmentCache.get(tz.iana)
  if (!years) segmentCache.set(tz.iana, (years = new Map()))
  const cached = years.get(year)
  if (cached) return cached
  // Day by day through the year, bisecting to the second where the bias changes (rule changes
  // come at least days apart; offsets change on whole seconds).
  const from = Date.UTC(year, 0, 1)
  const to = Date.UTC(year + 1, 0, 1)
  const starts = [from]
  const biases = [intlBias(tz.iana, from)]
  for (let t = from; t < to; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, to)
    const before = biases.at(-1)!
    const after = intlBias(tz.iana, next === to ? to - 1 : next)
    if (after === before) continue
    let lo = t
    let hi = next === to ? to - 1 : next
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000
      if (intlBias(tz.iana, mid) === before) lo = mid
      else hi = mid
    }
    starts.push(hi)
    biases.push(after)
  }
  const segments = {starts: Float64Array.from(starts), biases: Int32Array.from(biases), standardBias: Math.max(...biases)}
  years.set(year, segments)
  return segments
}

function yearOf(utcMs: number): number {
  return new Date(utcMs).getUTCFullYear()
}

/** Bias in minutes (UTC = local + bias) in force at a UTC instant. */
export function biasMinutesAt(tz: WindowsTimeZone, utcMs: number): number {
  // Log rows come in time order: the segment of the last lookup answers almost every call.
  if (last.iana === tz.iana && utcMs >= last.from && utcMs < last.to) return last.bias
  const year = yearOf(utcMs)
  const {starts, biases} = yearSegments(tz, year)
  let k = starts.length - 1
  while (k > 0 && starts[k] > utcMs) k--
  last = {iana: tz.iana, from: starts[k], to: k + 1 < starts.length ? starts[k + 1] : Date.UTC(year + 1, 0, 1), bias: biases[k]}
  return biases[k]
}

let last = {iana: '', from: 0, to: 0, bias: 0}

/** Standard-time bias (minutes) of the year an instant falls in: the larger of the year's biases. */
export function standardBiasMinutesAt(tz: WindowsTimeZone, utcMs: number): number {
  return yearSegments(tz, yearOf(utcMs)).standardBias
}

/** The UTC instants in a year at which the bias changes, with the bias from then on. */
export function biasChangesUtc(tz: WindowsTimeZone, year: number): Array<[utcMs: number, biasMinutes: number]> {
  const {starts, biases} = yearSegments(tz, year)
  const previous = biasMinutesAt(tz, Date.UTC(year, 0, 1) - 1)
  const changes: Array<[number, number]> = []
  for (let k = 0; k < starts.length; k++) if (biases[k] !== (k === 0 ? previous : biases[k - 1])) changes.push([starts[k], biases[k]])
  return changes
}

/** Local wall-clock time (as ms on a UTC-based scale) of a UTC instant. */
export function utcToLocalMs(tz: WindowsTimeZone, utcMs: number): number {
  return utcMs - biasMinutesAt(tz, utcMs) * 60_000
}

/**
 * The biases under which a local wall-clock time exists, daylight (smaller bias) first: one
 * normally, two in the repeated autumn hour, none in the skipped spring hour.
 */
export function biasesAtLocal(tz: WindowsTimeZone, localMs: number): number[] {
  // Any bias in force within ±15 h of the local reading (no zone is further from UTC than 14 h).
  const candidates = new Set<number>()
  for (let d = -15; d <= 15; d += 1) candidates.add(biasMinutesAt(tz, localMs + d * HOUR_MS))
  return [...candidates].filter((bias) => biasMinutesAt(tz, localMs + bias * 60_000) === bias).sort((a, b) => a - b)
}

/**
 * UTC instant of a local wall-clock time. In the repeated autumn hour the first occurrence
 * (daylight time) is returned; a time inside the skipped spring hour is read with the bias in
 * force before the change (standard time).
 */
export function localToUtcMs(tz: WindowsTimeZone, localMs: number): number {
  const [bias = standardBiasMinutesAt(tz, localMs)] = biasesAtLocal(tz, localMs)
  return localMs + bias * 60_000
}

/** Zone name as a PDH-CSV header writes it at a UTC instant (daylight name when DST is in force). */
export function zoneNameAt(tz: WindowsTimeZone, utcMs: number): string {
  return biasMinutesAt(tz, utcMs) === standardBiasMinutesAt(tz, utcMs) ? tz.standardName : tz.daylightName
}
