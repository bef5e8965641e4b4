/**
 * Windows time zones by their registry names (the names PDH-CSV headers and `tzutil /l` use),
 * with the daylight-saving rules hvplan needs to turn local log timestamps into UTC.
 *
 * Bias follows Win32 TIME_ZONE_INFORMATION: UTC = local + bias (minutes), so zones east of
 * Greenwich have a negative bias (W. Europe Standard Time: -60, or -120 in summer).
 * Only the current rules are modelled (EU since 1996, US since 2007); that is enough for
 * performance logs, which are recent by nature.
 */

export type DstRule = 'none' | 'eu' | 'us'

export interface WindowsTimeZone {
  /** Registry key name, e.g. "W. Europe Standard Time". */
  readonly id: string
  /** Name shown while standard time is in force (written in PDH-CSV headers). */
  readonly standardName: string
  /** Name shown while daylight time is in force. */
  readonly daylightName: string
  /** Standard bias in minutes: UTC = local + bias. */
  readonly standardBiasMinutes: number
  readonly dst: DstRule
}

const zone = (id: string, standardBiasMinutes: number, dst: DstRule, daylightName?: string): WindowsTimeZone => ({
  id,
  standardName: id,
  daylightName: daylightName ?? id.replace('Standard Time', 'Daylight Time'),
  standardBiasMinutes,
  dst,
})

/** Zones hvplan knows by name. Add rows here; the ids are Windows' own. */
export const WINDOWS_TIME_ZONES: readonly WindowsTimeZone[] = [
  zone('UTC', 0, 'none', 'UTC'),
  zone('GMT Standard Time', 0, 'eu', 'GMT Daylight Time'),
  zone('W. Europe Standard Time', -60, 'eu'),
  zone('Central Europe Standard Time', -60, 'eu'),
  zone('Romance Standard Time', -60, 'eu'),
  zone('Central European Standard Time', -60, 'eu'),
  zone('FLE Standard Time', -120, 'eu'),
  zone('GTB Standard Time', -120, 'eu'),
  zone('Eastern Standard Time', 300, 'us'),
  zone('Central Standard Time', 360, 'us'),
  zone('Mountain Standard Time', 420, 'us'),
  zone('Pacific Standard Time', 480, 'us'),
  zone('India Standard Time', -330, 'none'),
  zone('Korea Standard Time', -540, 'none'),
  zone('Tokyo Standard Time', -540, 'none'),
  zone('Singapore Standard Time', -480, 'none'),
]

/** Looks a zone up by its standard or daylight name, case-insensitively; undefined if unknown. */
export function findWindowsTimeZone(name: string): WindowsTimeZone | undefined {
  const key = name.trim().toLowerCase()
  return WINDOWS_TIME_ZONES.find(
    (z) => z.id.toLowerCase() === key || z.daylightName.toLowerCase() === key,
  )
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/** UTC ms of the n-th (1-based) Sunday of a month, or the last one when n = -1, at 00:00 UTC. */
function sundayUtc(year: number, month0: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month0, 1)
    const weekday = new Date(first).getUTCDay()
    return first + (((7 - weekday) % 7) + (n - 1) * 7) * DAY_MS
  }
  const last = Date.UTC(year, month0 + 1, 0)
  return last - new Date(last).getUTCDay() * DAY_MS
}

/** The UTC instants [start, end) during which daylight time is in force in a year. */
export function daylightPeriodUtc(tz: WindowsTimeZone, year: number): [number, number] | undefined {
  switch (tz.dst) {
    case 'none':
      return undefined
    case 'eu':
      // Last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC (EU directive 2000/84/EC).
      return [sundayUtc(year, 2, -1) + HOUR_MS, sundayUtc(year, 9, -1) + HOUR_MS]
    case 'us': {
      // Second Sunday of March 02:00 local standard to first Sunday of November 02:00 local daylight.
      const biasMs = tz.standardBiasMinutes * 60_000
      return [sundayUtc(year, 2, 2) + 2 * HOUR_MS + biasMs, sundayUtc(year, 10, 1) + 2 * HOUR_MS + biasMs - HOUR_MS]
    }
  }
}

/** Bias in minutes (UTC = local + bias) in force at a UTC instant. */
export function biasMinutesAt(tz: WindowsTimeZone, utcMs: number): number {
  const period = daylightPeriodUtc(tz, new Date(utcMs).getUTCFullYear())
  if (period && utcMs >= period[0] && utcMs < period[1]) return tz.standardBiasMinutes - 60
  return tz.standardBiasMinutes
}

/** Local wall-clock time (as ms on a UTC-based scale) of a UTC instant. */
export function utcToLocalMs(tz: WindowsTimeZone, utcMs: number): number {
  return utcMs - biasMinutesAt(tz, utcMs) * 60_000
}

/**
 * UTC instant of a local wall-clock time. In the repeated autumn hour the first occurrence
 * (daylight time) is returned; a time inside the skipped spring hour is read with standard bias.
 */
export function localToUtcMs(tz: WindowsTimeZone, localMs: number): number {
  const [bias = tz.standardBiasMinutes] = biasesAtLocal(tz, localMs)
  return localMs + bias * 60_000
}

/**
 * The biases under which a local wall-clock time exists, daylight first: one normally, two in the
 * repeated autumn hour, none in the skipped spring hour.
 */
export function biasesAtLocal(tz: WindowsTimeZone, localMs: number): number[] {
  return [tz.standardBiasMinutes - 60, tz.standardBiasMinutes].filter((bias) => biasMinutesAt(tz, localMs + bias * 60_000) === bias)
}

/** Zone name as a PDH-CSV header writes it at a UTC instant (daylight name when DST is in force). */
export function zoneNameAt(tz: WindowsTimeZone, utcMs: number): string {
  return biasMinutesAt(tz, utcMs) === tz.standardBiasMinutes ? tz.standardName : tz.daylightName
}
