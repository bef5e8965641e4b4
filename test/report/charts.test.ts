/** Chart definitions (one per chart, drawn as SVG for both the workbook and the PDF) and the series behind them. */
import {beforeAll, describe, expect, it} from 'vitest'
import {chartSvg, niceTicks, type LineChart} from '../../src/report/charts.js'
import type {ReportDocument} from '../../src/report/document.js'
import {partialDaysText, profiledDays} from '../../src/report/days.js'
import {reportCharts} from '../../src/report/reportCharts.js'
import {loadProfile} from '../../src/store/loadProfile.js'
import {withProfile} from '../../src/store/profileStore.js'
import {EVIL, reportEstate} from '../helpers/reportEstate.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let doc: ReportDocument
let windowCount: number

beforeAll(async () => {
  const estate = await reportEstate(tmp)
  doc = estate.report({bandwidthMbps: undefined})
  windowCount = withProfile(estate.profile, (store) => loadProfile(store, {measures: ['writeBytes']}).windowCount)
})

describe('chart drawing', () => {
  it('ticks at 1, 2, 2.5 or 5 × 10^k covering the data', () => {
    expect(niceTicks(0, 254.3)).toEqual([0, 50, 100, 150, 200, 250, 300])
    expect(niceTicks(0, 8.4)).toEqual([0, 2, 4, 6, 8, 10])
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
  })

  it('maps data to the plot frame: (0, 0) bottom left, the top tick top right', () => {
    const chart: LineChart = {id: 't', kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', xAxis: 'number', series: [{name: 's', color: '#000000', points: [[0, 0], [10, 10]]}]}
    // Frame: x 78 → 740, y 284 (value 0) → 62 (top tick 10).
    expect(chartSvg(chart)).toContain('points="78,284 740,62"')
  })

  it('breaks a line at a missing value and clips values above yMax to the top', () => {
    const chart: LineChart = {id: 't', kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', xAxis: 'number', yMax: 10, series: [{name: 's', color: '#000000', points: [[0, 0], [5, NaN], [10, 1000]]}]}
    const svg = chartSvg(chart)
    expect(svg).toContain('points="78,284"')
    expect(svg).toContain('points="740,62"')
    // The clipping is marked, with how far the curve goes.
    expect(svg).toContain('▲ off the scale above 10: s up to 1,000 at 10')
    expect(chartSvg({...chart, yMax: 1000})).not.toContain('off the scale')
  })

  it('escapes input text: a VM name never becomes markup', () => {
    const svg = chartSvg({id: 'b', kind: 'bar', horizontal: true, title: 'x', yLabel: 'MB/s', bars: [{name: '', color: '#000'}], groups: [{label: '<script>"&', values: [1]}]})
    expect(svg).toContain('&lt;script&gt;&quot;&amp;')
    expect(svg).not.toContain('<script>')
  })
})

describe('report charts', () => {
  it('draw the document’s figures: curve, per-day RPO at B90 without a planned bandwidth, volumes, top VMs', () => {
    const charts = new Map(reportCharts(doc).map((c) => [c.id, c]))
    expect([...charts.keys()]).toEqual(['rpo-vs-bandwidth', 'site-churn', 'worst-rpo-per-day', 'hrl-space', 'top-vms'])
    const curve = charts.get('rpo-vs-bandwidth') as LineChart
    expect(curve.series[0].points).toEqual(doc.whatIf[0].curve.map((p) => [p.bandwidthMbps, p.achievableRpoMinutes]))
    // One curve for every target: a line per target, a filled dot where the worst RPO meets it (B100), a hollow one for B90.
    expect(curve.title).toBe('RPO vs bandwidth (targets 15, 30, 60 min)')
    expect(curve.hLines!.map((h) => h.y)).toEqual([15, 30, 60])
    expect(curve.markers!.map((m) => [m.x, m.y, m.hollow === true])).toEqual(doc.bandwidth.rpos.flatMap((r) => [[r.bandwidth100Mbps, r.rpoMinutes, false], [r.bandwidth90Mbps, r.rpoMinutes, true]]))
    expect(curve.vLines).toEqual([]) // no planned bandwidth
    expect(curve.yMax).toBe(120) // twice the largest target, at least six times the smallest
    expect(curve.xFromZero).toBe(true)
    const perDay = charts.get('worst-rpo-per-day')!
    expect(perDay.title).toContain(`at ${doc.bandwidth.rpos[0].bandwidth90Mbps.toFixed(1)} Mbps (the 15-minute 90 % bandwidth)`)
    expect(perDay.kind === 'bar' && perDay.groups.map((g) => g.values[0])).toEqual(doc.whatIf[0].atBandwidth90!.worstRpoPerDay.map((d) => d.rpoMinutes))
    const hrl = charts.get('hrl-space')!
    expect(hrl.title).toBe('Hyper-V Replica log (HRL) space per host volume (RPO 15 min)')
    expect(hrl.kind === 'bar' && hrl.groups).toEqual(doc.protection.volumes.map((v) => ({label: v.volume, values: [v.freeGB, v.byRpo[0].requiredGB]})))
    const top = charts.get('top-vms')!
    expect(top.kind === 'bar' && top.groups.map((g) => g.label)).toEqual(doc.bandwidth.churn.vms.map((v) => v.vm))
    expect(chartSvg(top)).toContain('=HYPERLINK(&quot;x&quot;)')
    expect(doc.bandwidth.churn.vms.map((v) => v.vm)).toContain(EVIL)
  })

  it('marks partly profiled days on the per-day bars and says how many hours each had', () => {
    // 22:00 on day 1 to 22:59 on day 3 in 5-minute windows: 2 h, 24 h, 23 h.
    const windows = (2 + 24 + 23) * 12
    const days = profiledDays({firstWindowUtc: '2026-10-24T22:00:00.000Z', windowSeconds: 300, percentile: 95, percentileMBps: 0, churnMBps: new Array<number>(windows).fill(1)})
    expect(days).toEqual([{dayUtc: '2026-10-24', hours: 2, partial: true}, {dayUtc: '2026-10-25', hours: 24, partial: false}, {dayUtc: '2026-10-26', hours: 23, partial: true}])
    expect(partialDaysText(days)).toBe('10-24 (2 h), 10-26 (23 h)')
    const perDay = reportCharts(doc).find((c) => c.id === 'worst-rpo-per-day')!
    const first = Date.parse(doc.siteChurn.firstWindowUtc)
    const firstDayHours = (Math.ceil(first / 86_400_000) * 86_400_000 - first) / 3_600_000
    expect(firstDayHours).toBeLessThan(24)
    expect(perDay.kind === 'bar' && perDay.groups[0].label).toBe(`${doc.siteChurn.firstWindowUtc.slice(5, 10)}*`)
    expect(perDay.note).toContain(`* partly profiled: ${doc.siteChurn.firstWindowUtc.slice(5, 10)} (${firstDayHours} h)`)
  })

  it('plots the site churn series whose P95 is the bandwidth model’s site P95', () => {
    const series = doc.siteChurn.churnMBps
    expect(series).toHaveLength(windowCount)
    // Type-7 quantile (Excel PERCENTILE.INC) of the plotted series, worked out here independently.
    const sorted = [...series].sort((a, b) => a - b)
    const h = (sorted.length - 1) * 0.95
    const p95 = sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)])
    expect(p95).toBeCloseTo(doc.siteChurn.percentileMBps, 5)
    expect(doc.siteChurn.percentileMBps).toBe(doc.bandwidth.siteChurn.percentileMBps)
  })
})
