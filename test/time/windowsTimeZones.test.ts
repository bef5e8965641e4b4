import {describe, expect, it} from 'vitest'
import {biasChangesUtc, biasesAtLocal, biasMinutesAt, findTimeZone, localToUtcMs, utcToLocalMs, windowsZoneIds, zoneNameAt} from '../../src/time/windowsTimeZones.js'

const utc = (s: string) => Date.parse(s)
const west = findTimeZone('W. Europe Standard Time')!
const eastern = findTimeZone('eastern standard time')!

describe('time zones: Windows IDs and names, IANA names', () => {
  it('finds zones by ID, standard or daylight name, case-insensitively, and by IANA name', () => {
    expect(findTimeZone('W. Europe Daylight Time')?.id).toBe('W. Europe Standard Time')
    expect(findTimeZone('Coordinated Universal Time')?.id).toBe('UTC')
    expect(findTimeZone('Russia TZ 2 Standard Time')?.id).toBe('Russian Standard Time')
    expect(findTimeZone('Malay Peninsula Standard Time')?.id).toBe('Singapore Standard Time')
    expect(findTimeZone('Russian Standard Time')?.iana).toBe('Europe/Moscow')
    expect(findTimeZone('China Standard Time')?.iana).toBe('Asia/Shanghai')
    expect(findTimeZone('Australia/Sydney')?.iana).toBe('Australia/Sydney')
    expect(findTimeZone('Australia/Sydney')?.standardName).toBe('AUS Eastern Standard Time')
    expect(findTimeZone('Atlantis Standard Time')).toBeUndefined()
    expect(findTimeZone('Mars/Olympus_Mons')).toBeUndefined()
  })

  it('every Windows zone ID in CLDR\'s mapping round-trips, by ID and by its standard and daylight names', () => {
    const ids = windowsZoneIds()
    expect(ids.length).toBeGreaterThanOrEqual(139) // CLDR 2024+: 139 IDs
    for (const id of ids) {
      const zone = findTimeZone(id)
      expect(zone?.id, id).toBe(id)
      expect(findTimeZone(zone!.standardName)?.id, zone!.standardName).toBe(id)
      expect(findTimeZone(zone!.daylightName)?.id, zone!.daylightName).toBe(id)
      expect(Number.isFinite(biasMinutesAt(zone!, utc('2026-07-01T00:00:00Z'))), id).toBe(true)
    }
  })

  it('knows the offsets by hand: India +5:30, Nepal +5:45, Russia +3 all year, Chatham +12:45 / +13:45', () => {
    expect(biasMinutesAt(findTimeZone('India Standard Time')!, utc('2026-01-15T00:00:00Z'))).toBe(-330)
    expect(biasMinutesAt(findTimeZone('Nepal Standard Time')!, utc('2026-01-15T00:00:00Z'))).toBe(-345)
    const moscow = findTimeZone('Russian Standard Time')!
    expect(biasMinutesAt(moscow, utc('2026-01-15T00:00:00Z'))).toBe(-180)
    expect(biasMinutesAt(moscow, utc('2026-07-15T00:00:00Z'))).toBe(-180)
    expect(biasChangesUtc(moscow, 2026)).toEqual([])
    const chatham = findTimeZone('Chatham Islands Standard Time')!
    expect(biasMinutesAt(chatham, utc('2026-07-15T00:00:00Z'))).toBe(-765)
    expect(biasMinutesAt(chatham, utc('2026-01-15T00:00:00Z'))).toBe(-825)
  })
})

describe('daylight time from the IANA rules', () => {
  it('puts EU summer time 2026 from 29 March to 25 October, 01:00 UTC', () => {
    expect(biasChangesUtc(west, 2026)).toEqual([
      [utc('2026-03-29T01:00:00Z'), -120],
      [utc('2026-10-25T01:00:00Z'), -60],
    ])
  })

  it('puts US daylight time 2026 from 8 March 07:00 UTC to 1 November 06:00 UTC (Eastern)', () => {
    expect(biasChangesUtc(eastern, 2026)).toEqual([
      [utc('2026-03-08T07:00:00Z'), 240],
      [utc('2026-11-01T06:00:00Z'), 300],
    ])
  })

  it('southern hemisphere: Sydney leaves daylight time on 5 April 2026 03:00 local (16:00 UTC the day before) and enters it on 4 October 02:00 local', () => {
    // AEDT +11 until the first Sunday of April, 03:00 local = 2026-04-04T16:00Z; AEST +10 until the
    // first Sunday of October, 02:00 local = 2026-10-03T16:00Z.
    const sydney = findTimeZone('AUS Eastern Standard Time')!
    expect(biasChangesUtc(sydney, 2026)).toEqual([
      [utc('2026-04-04T16:00:00Z'), -600],
      [utc('2026-10-03T16:00:00Z'), -660],
    ])
    expect(zoneNameAt(sydney, utc('2026-01-10T00:00:00Z'))).toBe('AUS Eastern Daylight Time')
    expect(zoneNameAt(sydney, utc('2026-07-10T00:00:00Z'))).toBe('AUS Eastern Standard Time')
    // The repeated hour 02:00–03:00 local on 5 April: both biases, daylight first.
    expect(biasesAtLocal(sydney, utc('2026-04-05T02:30:00Z'))).toEqual([-660, -600])
    // The skipped hour 02:00–03:00 local on 4 October: none.
    expect(biasesAtLocal(sydney, utc('2026-10-04T02:30:00Z'))).toEqual([])
  })

  it('UTC has no daylight time', () => {
    const zone = findTimeZone('UTC')!
    expect(biasChangesUtc(zone, 2026)).toEqual([])
    expect(zoneNameAt(zone, utc('2026-07-01T00:00:00Z'))).toBe('Coordinated Universal Time')
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
    // In the skipped spring hour the standard bias reads it.
    expect(localToUtcMs(west, utc('2026-03-29T02:30:00Z'))).toBe(utc('2026-03-29T01:30:00Z'))
  })

  it('names the zone as PDH headers do: daylight name while DST is in force', () => {
    expect(zoneNameAt(west, utc('2026-10-24T22:00:00Z'))).toBe('W. Europe Daylight Time')
    expect(zoneNameAt(west, utc('2026-10-25T23:00:00Z'))).toBe('W. Europe Standard Time')
  })
})
