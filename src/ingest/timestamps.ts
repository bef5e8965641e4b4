/**
 * Log timestamps to UTC. PDH rows carry local wall-clock time and the header one bias, fixed when
 * the log started, so a log spanning a DST change jumps an hour while its bias stays. With a known
 * Windows zone the clock follows the zone's rules (taking, in the repeated autumn hour, the
 * reading that keeps time moving forward); with only a bias it corrects a backward jump of about
 * an hour as the autumn change and reports what it did.
 */
import {defaultOf} from '../defaults.js'
import {biasesAtLocal, biasMinutesAt, standardBiasMinutesAt, type WindowsTimeZone} from '../time/windowsTimeZones.js'

/**
 * Parses the timestamp forms Windows tools write, to ms on a UTC scale (no zone applied), or NaN:
 * `MM/dd/yyyy HH:mm:ss.fff` (PDH), `M/d/yyyy h:mm:ss AM` (en-US PowerShell),
 * `dd.MM.yyyy HH:mm:ss,fff` / `.fff` (re-saved on a German machine). Seconds and fraction optional.
 */
export function parseLocalTimestamp(text: string): number {
  const us = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?(?: ?([AaPp])[Mm])?\s*$/.exec(text)
  if (us) return build(+us[3], +us[1], +us[2], hour12(+us[4], us[8]), +us[5], us[6], us[7])
  const de = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*$/.exec(text)
  if (de) return build(+de[3], +de[2], +de[1], +de[4], +de[5], de[6], de[7])
  return NaN
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour
  if (hour < 1 || hour > 12) return NaN
  const pm = meridiem === 'P' || meridiem === 'p'
  return (hour % 12) + (pm ? 12 : 0)
}

/**
 * Whether a sample's date is a real calendar date (no February 30) in a plausible year
 * (data/defaults.json earliestSampleYear, latestSampleYear: not Windows' zero time 1601, not 2999).
 */
export function plausibleSampleDate(year: number, month: number, day: number): boolean {
  if (!(year >= EARLIEST_YEAR && year <= LATEST_YEAR && month >= 1 && month <= 12 && day >= 1)) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const EARLIEST_YEAR = defaultOf('earliestSampleYear')
const LATEST_YEAR = defaultOf('latestSampleYear')

/** What a timestamp must be, for messages. */
export const TIMESTAMP_EXPECTED = `a real calendar date from ${EARLIEST_YEAR} to ${LATEST_YEAR}`

function build(year: number, month: number, day: number, hour: number, minute: number, second?: string, fraction?: string): number {
  if (!plausibleSampleDate(year, month, day) || !(hour >= 0 && hour < 24) || minute > 59) return NaN
  const s = second === undefined ? 0 : +second
  if (s > 59) return NaN
  const ms = fraction === undefined ? 0 : Math.round(+fraction * 10 ** (3 - fraction.length))
  return Date.UTC(year, month - 1, day, hour, minute, s, ms)
}

export interface ClockReport {
  /** DST corrections applied: [UTC instant, minutes the bias changed by]. */
  readonly dstCorrections: Array<[number, number]>
  /** Rows whose time did not move forward (dropped). */
  backwardRows: number
}

const HOUR = 3_600_000

/** Converts one file's local row times to UTC. */
export class LogClock {
  private bias: number
  private prevLocal = NaN
  private prevUtc = NaN
  readonly report: ClockReport = {dstCorrections: [], backwardRows: 0}

  constructor(
    /** Bias in force at log start (UTC = local + bias), minutes; NaN for a log that names no zone: the zone's rules give it from the first row. */
    biasMinutes: number,
    private readonly zone: WindowsTimeZone | undefined,
  ) {
    this.bias = biasMinutes
  }

  /** UTC ms of a local time, or NaN when the row goes back in time and must be dropped. */
  toUtc(localMs: number): number {
    if (Number.isNaN(this.bias)) this.bias = this.zone ? (biasesAtLocal(this.zone, localMs)[0] ?? standardBiasMinutesAt(this.zone, localMs)) : 0
    let utc = localMs + this.bias * 60_000
    if (!Number.isNaN(this.prevUtc)) {
      const step = localMs - this.prevLocal
      if (this.zone) {
        if (biasMinutesAt(this.zone, utc) !== this.bias || utc <= this.prevUtc) {
          // The reading sits on the other side of a DST change: take the bias the zone's rules
          // allow there that keeps time moving forward (in the repeated autumn hour both are valid).
          for (const bias of [biasMinutesAt(this.zone, utc), this.bias + 60, this.bias - 60]) {
            const candidate = localMs + bias * 60_000
            if (bias !== this.bias && candidate > this.prevUtc && candidate - this.prevUtc < 2 * HOUR && biasMinutesAt(this.zone, candidate) === bias) {
              this.report.dstCorrections.push([candidate, bias - this.bias])
              this.bias = bias
              utc = candidate
              break
            }
          }
        }
      } else if (step < -HOUR + 5 * 60_000 && step > -HOUR - 5 * 60_000) {
        // Autumn change without zone rules: local time stepped back about an hour.
        this.bias += 60
        utc = localMs + this.bias * 60_000
        this.report.dstCorrections.push([utc, 60])
      }
      if (!(utc > this.prevUtc)) {
        this.report.backwardRows++
        return NaN
      }
    }
    this.prevLocal = localMs
    this.prevUtc = utc
    return utc
  }
}
