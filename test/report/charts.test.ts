/** Chart definitions (one per chart, drawn as SVG for both the workbook and the PDF) and the series behind them. */
import {beforeAll, describe, expect, it} from 'vitest'
import {chartSvg, niceTicks, type LineChart} from '../../src/report/charts.js'
import type {ReportDocument} from '../../src/report/document.js'
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
    // Frame: x 70 → 740, y 288 (value 0) → 56 (top tick 10).
    expect(chartSvg(chart)).toContain('points="70,288 740,56"')
  })

  it('breaks a line at a missing value and clips values above yMax to the top', () => {
    const chart: LineChart = {id: 't', kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', xAxis: 'number', yMax: 10, series: [{name: 's', color: '#000000', points: [[0, 0], [5, NaN], [10, 1000]]}]}
    const svg = chartSvg(chart)
    expect(svg).toContain('points="70,288"')
    expect(svg).toContain('points="740,56"')
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
    expect(curve.vLines!.map((v) => v.x)).toEqual([doc.bandwidth.rpos[0].bandwidth100Mbps, doc.bandwidth.rpos[0].bandwidth90Mbps])
    const perDay = charts.get('worst-rpo-per-day')!
    expect(perDay.title).toContain(`at ${doc.bandwidth.rpos[0].bandwidth90Mbps.toFixed(1)} Mbps (the 15-minute 90 % bandwidth)`)
    expect(perDay.kind === 'bar' && perDay.groups.map((g) => g.values[0])).toEqual(doc.whatIf[0].atBandwidth90!.worstRpoPerDay.map((d) => d.rpoMinutes))
    const hrl = charts.get('hrl-space')!
    expect(hrl.title).toBe('Replica-log space per host volume (RPO 15 min)')
    expect(hrl.kind === 'bar' && hrl.groups).toEqual(doc.protection.volumes.map((v) => ({label: v.volume, values: [v.freeGB, v.byRpo[0].requiredGB]})))
    const top = charts.get('top-vms')!
    expect(top.kind === 'bar' && top.groups.map((g) => g.label)).toEqual(doc.bandwidth.churn.vms.map((v) => v.vm))
    expect(chartSvg(top)).toContain('=HYPERLINK(&quot;x&quot;)')
    expect(doc.bandwidth.churn.vms.map((v) => v.vm)).toContain(EVIL)
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
