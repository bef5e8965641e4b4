import {describe, expect, it} from 'vitest'
import {LogClock, parseLocalTimestamp} from '../../src/ingest/timestamps.js'
import {findTimeZone} from '../../src/time/windowsTimeZones.js'

const t = (s: string) => Date.parse(`${s}Z`)
const west = findTimeZone('W. Europe Standard Time')!

describe('parseLocalTimestamp', () => {
  it('reads the forms Windows tools write', () => {
    expect(parseLocalTimestamp('10/25/2026 02:59:45.123')).toBe(t('2026-10-25T02:59:45.123'))
    expect(parseLocalTimestamp('10/25/2026 2:05:00 PM')).toBe(t('2026-10-25T14:05:00'))
    expect(parseLocalTimestamp('10/25/2026 12:00:15 AM')).toBe(t('2026-10-25T00:00:15'))
    expect(parseLocalTimestamp('25.10.2026 14:05:00,5')).toBe(t('2026-10-25T14:05:00.500'))
    expect(parseLocalTimestamp('25.10.2026 14:05')).toBe(t('2026-10-25T14:05:00'))
  })

  it('rejects impossible dates and other text', () => {
    for (const bad of ['02/30/2026 00:00:00', '13/01/2026 00:00:00', '10/25/2026 24:00:00', 'Exiting, please wait...', '']) expect(parseLocalTimestamp(bad)).toBeNaN()
  })
})

describe('LogClock', () => {
  it('follows the zone through the autumn change: the repeated hour maps forward', () => {
    const clock = new LogClock(-120, west)
    expect(clock.toUtc(t('2026-10-25T02:59:50'))).toBe(t('2026-10-25T00:59:50'))
    // Local time steps back to 02:00:05 (CET): UTC 01:00:05, not 00:00:05.
    expect(clock.toUtc(t('2026-10-25T02:00:05'))).toBe(t('2026-10-25T01:00:05'))
    expect(clock.report.dstCorrections).toEqual([[t('2026-10-25T01:00:05'), 60]])
  })

  it('follows the zone through the spring change', () => {
    const clock = new LogClock(-60, west)
    expect(clock.toUtc(t('2026-03-29T01:59:50'))).toBe(t('2026-03-29T00:59:50'))
    expect(clock.toUtc(t('2026-03-29T03:00:05'))).toBe(t('2026-03-29T01:00:05'))
    expect(clock.report.dstCorrections).toEqual([[t('2026-03-29T01:00:05'), -60]])
  })

  it('without zone rules, takes a backward jump of about an hour as the autumn change', () => {
    const clock = new LogClock(300, undefined)
    clock.toUtc(t('2026-11-01T01:59:50'))
    expect(clock.toUtc(t('2026-11-01T01:00:05'))).toBe(t('2026-11-01T07:00:05'))
  })

  it('drops rows that go back in time and counts them', () => {
    const clock = new LogClock(0, undefined)
    clock.toUtc(t('2026-10-25T10:00:00'))
    expect(clock.toUtc(t('2026-10-25T09:59:00'))).toBeNaN()
    expect(clock.report.backwardRows).toBe(1)
  })

  it('takes the first bias of a log without zone from the --tz rules', () => {
    expect(new LogClock(NaN, west).toUtc(t('2026-07-01T12:00:00'))).toBe(t('2026-07-01T10:00:00'))
    expect(new LogClock(NaN, west).toUtc(t('2026-12-01T12:00:00'))).toBe(t('2026-12-01T11:00:00'))
  })
})
