/** UTC days of the profiled period and how much of each was profiled (first and last days are often partial). */
import type {ReportDocument} from './document.js'

export interface ProfiledDay {
  /** YYYY-MM-DD, UTC. */
  readonly dayUtc: string
  /** Hours of the day inside the profiled period (whole windows). */
  readonly hours: number
  /** Less than the whole day was profiled. */
  readonly partial: boolean
}

/** Every UTC day the site churn series touches, with the hours of it profiled. */
export function profiledDays(siteChurn: ReportDocument['siteChurn']): ProfiledDay[] {
  const perDay = 86_400 / siteChurn.windowSeconds
  const first = Date.parse(siteChurn.firstWindowUtc) / 1000 / siteChurn.windowSeconds
  const windows = new Map<number, number>()
  for (let k = 0; k < siteChurn.churnMBps.length; k++) {
    const day = Math.floor((first + k) / perDay)
    windows.set(day, (windows.get(day) ?? 0) + 1)
  }
  return [...windows].map(([day, n]) => ({
    dayUtc: new Date(day * 86_400_000).toISOString().slice(0, 10),
    hours: (n * siteChurn.windowSeconds) / 3600,
    partial: n < perDay,
  }))
}

/** "10-24 (2 h), 10-26 (23 h)": the partly profiled days, as a chart note or a heading says them. */
export function partialDaysText(days: readonly ProfiledDay[]): string {
  return days.filter((d) => d.partial).map((d) => `${d.dayUtc.slice(5)} (${Number.isInteger(d.hours) ? d.hours : d.hours.toFixed(1)} h)`).join(', ')
}
