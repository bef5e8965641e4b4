import {describe, expect, it} from 'vitest'
import {biasMinutesAt, daylightPeriodUtc, findWindowsTimeZone, localToUtcMs, utcToLocalMs, zoneNameAt} from '../../src/time/windowsTimeZones.js'

const utc = (s: string) => Date.parse(s)
const west = findWindowsTimeZone('W. Europe Standard Time')!
const eastern = findWindowsTimeZone('eastern standard time')!

describe('Windows time zones', () => {
  it('finds zones by standard or daylight name, case-insensitively', () => {
    expect(findWindowsTimeZone('W. Europe Daylight Time')?.id).toBe('W. Europe Standard Time')
    expect(eastern.standardBiasMinutes).toBe(300)
    expect(findWindowsTimeZone('Atlantis Standard Time')).toBeUndefined()
  })

  it('puts EU summer time 2026 from 29 March to 25 October, 01:00 UTC', () => {
    expect(daylightPeriodUtc(west, 2026)).toEqual([utc('2026-03-29T01:00:00Z'), utc('2026-10-25T01:00:00Z')])
  })

  it('puts US daylight time 2026 from 8 March 07:00 UTC to 1 November 06:00 UTC (Eastern)', () => {
    expect(daylightPeriodUtc(eastern, 2026)).toEqual([utc('2026-03-08T07:00:00Z'), utc('2026-11-01T06:00:00Z')])
  })

  it('uses the Win32 sign: UTC = local + bias', () => {
    expect(biasMinutesAt(west, utc('2026-10-25T00:59:59Z'))).toBe(-120)
    expect(biasMinutesAt(west, utc('2026-10-25T01:00:00Z'))).toBe(-60)
    expect(biasMinutesAt(eastern, utc('2026-07-01T12:00:00Z'))).toBe(240)
    expect(utcToLocalMs(west, utc('2026-10-24T22:00:00Z'))).toBe(utc('2026-10-25T00:00:00Z'))
  })

  it('maps local times to UTC, taking the first of the repeated autumn hour', () => {
    expect(localToUtcMs(west, utc('2026-10-25T00:00:00Z'))).toBe(utc('2026-10-24T22:00:00Z'))
    expect(localToUtcMs(west, utc('2026-10-25T02:30:00Z'))).toBe(utc('2026-10-25T00:30:00Z'))
    expect(localToUtcMs(west, utc('2026-10-25T03:30:00Z'))).toBe(utc('2026-10-25T02:30:00Z'))
    expect(localToUtcMs(eastern, utc('2026-01-15T09:00:00Z'))).toBe(utc('2026-01-15T14:00:00Z'))
  })

  it('names the zone as PDH headers do: daylight name while DST is in force', () => {
    expect(zoneNameAt(west, utc('2026-10-24T22:00:00Z'))).toBe('W. Europe Daylight Time')
    expect(zoneNameAt(west, utc('2026-10-25T23:00:00Z'))).toBe('W. Europe Standard Time')
  })
})
