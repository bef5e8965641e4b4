/**
 * The report's charts, defined once from the report document: the workbook and the PDF draw
 * these same definitions (charts.ts), so their pictures agree with each other and with the JSON.
 */
import type {ChartDefinition} from './charts.js'
import {partialDaysText, profiledDays} from './days.js'
import type {ReportDocument} from './document.js'

const BLUE = '#1f4e79'
const ORANGE = '#c55a11'
const GREEN = '#548235'
const RED = '#c00000'

/** The what-if point the per-day chart shows: at the planned bandwidth, else at the first RPO's B90 (none when nothing churns). */
export function perDayPoint(doc: ReportDocument) {
  const first = doc.whatIf[0]
  if (first.atBandwidth) return {point: first.atBandwidth, basis: 'planned bandwidth'}
  return first.atBandwidth90 ? {point: first.atBandwidth90, basis: `the ${first.rpoMinutes}-minute 90 % bandwidth`} : null
}

const MAX_VOLUMES = 12

/** Free space left after the first RPO's requirement, as a share of the free space (lower = tighter). */
function headroom(v: ReportDocument['protection']['volumes'][number]): number {
  return v.freeGB > 0 ? 1 - (v.byRpo[0]?.requiredGB ?? 0) / v.freeGB : -Infinity
}

export function reportCharts(doc: ReportDocument): ChartDefinition[] {
  const first = doc.bandwidth.rpos[0]
  const target = first.rpoMinutes
  const charts: ChartDefinition[] = []

  // RPO vs bandwidth: one curve serves every target (the RPO a bandwidth buys does not depend on
  // the target); each target is a line, and where the worst RPO meets it is that RPO's 100 %
  // bandwidth (filled marker), where the P90 meets it its 90 % bandwidth (hollow). Near the mean
  // send rate the RPO runs away: the axis stops at twice the largest target (at least six times
  // the smallest) and the chart says how far the curve goes.
  const targets = doc.bandwidth.rpos.map((r) => r.rpoMinutes)
  const finite = (v: number) => (Number.isFinite(v) ? v : NaN)
  const planned = doc.assumptions.bandwidthMbps
  charts.push({
    id: 'rpo-vs-bandwidth',
    kind: 'line',
    title: `RPO vs bandwidth (targets ${targets.join(', ')} min)`,
    xLabel: 'Bandwidth (Mbps)',
    yLabel: 'RPO (min)',
    xAxis: 'number',
    xFromZero: true,
    yMax: Math.max(2 * Math.max(...targets), 6 * Math.min(...targets)),
    series: [
      {name: 'Worst RPO', color: BLUE, points: doc.whatIf[0].curve.map((p) => [p.bandwidthMbps, finite(p.achievableRpoMinutes)] as const)},
      {name: 'RPO P90 (90 % of the time within)', color: ORANGE, dashed: true, points: doc.whatIf[0].curve.map((p) => [p.bandwidthMbps, finite(p.rpoP90Minutes)] as const)},
    ],
    hLines: targets.map((t) => ({y: t, label: `${t} min`, color: RED})),
    vLines: planned === null ? [] : [{x: planned, label: `planned: ${planned} Mbps`, color: GREEN}],
    markers: doc.bandwidth.rpos.flatMap((r) => [
      {x: r.bandwidth100Mbps, y: r.rpoMinutes, label: `${r.rpoMinutes} min: ${r.bandwidth100Mbps.toFixed(1)}`, color: BLUE},
      {x: r.bandwidth90Mbps, y: r.rpoMinutes, label: r.bandwidth90Mbps.toFixed(1), color: ORANGE, hollow: true},
    ]),
  })

  const s = doc.siteChurn
  const start = Date.parse(s.firstWindowUtc)
  charts.push({
    id: 'site-churn',
    kind: 'line',
    title: `Site churn per ${s.windowSeconds / 60}-minute window, with ${doc.assumptions.growthPercent} % growth`,
    xLabel: 'UTC day',
    yLabel: 'Churn (MB/s)',
    xAxis: 'utc-ms',
    series: [{name: 'Site churn', color: BLUE, points: s.churnMBps.map((v, k) => [start + k * s.windowSeconds * 1000, v] as const)}],
    hLines: [{y: s.percentileMBps, label: `P${s.percentile}: ${s.percentileMBps.toFixed(2)} MB/s`, color: RED}],
  })

  const perDay = perDayPoint(doc)
  const days = profiledDays(doc.siteChurn)
  const partial = new Set(days.filter((d) => d.partial).map((d) => d.dayUtc))
  charts.push({
    id: 'worst-rpo-per-day',
    kind: 'bar',
    title: perDay ? `Worst RPO per UTC day at ${perDay.point.bandwidthMbps.toFixed(1)} Mbps (${perDay.basis})` : 'Worst RPO per UTC day: no churn, nothing to replicate',
    yLabel: 'Worst RPO (min)',
    bars: [{name: '', color: BLUE}],
    groups: (perDay?.point.worstRpoPerDay ?? []).map((d) => ({label: `${d.dayUtc.slice(5)}${partial.has(d.dayUtc) ? '*' : ''}`, values: [d.rpoMinutes]})),
    hLines: [{y: target, label: `target ${target} min`, color: RED}],
    ...(partial.size ? {note: `* partly profiled: ${partialDaysText(days)}; the bar is the worst RPO of the hours profiled`} : {}),
  })

  // At most 12 volumes stay readable: those with the least headroom (required ÷ free) first.
  const volumes = [...doc.protection.volumes].sort((a, b) => headroom(a) - headroom(b) || a.volume.localeCompare(b.volume))
  const shown = volumes.length > MAX_VOLUMES ? volumes.slice(0, MAX_VOLUMES) : doc.protection.volumes
  charts.push({
    id: 'hrl-space',
    kind: 'bar',
    horizontal: true,
    title: `${shown.length < volumes.length ? `Hyper-V Replica log (HRL) space: the ${shown.length} of ${volumes.length} host volumes with the least headroom` : 'Hyper-V Replica log (HRL) space per host volume'} (RPO ${target} min)`,
    yLabel: 'GB',
    bars: [
      {name: 'Free', color: GREEN},
      {name: 'Required', color: ORANGE},
    ],
    groups: shown.map((v) => ({label: v.volume, values: [v.freeGB, v.byRpo[0]?.requiredGB ?? 0]})),
  })

  const top = doc.bandwidth.churn.vms.slice(0, 10)
  charts.push({
    id: 'top-vms',
    kind: 'bar',
    horizontal: true,
    title: `Top ${top.length} VMs by P${doc.assumptions.percentile} churn, with ${doc.assumptions.growthPercent} % growth`,
    yLabel: 'MB/s',
    bars: [{name: '', color: BLUE}],
    groups: top.map((v) => ({label: v.vm, values: [v.percentileMBps]})),
  })
  return charts
}

/**
 * Per RPO, the IR batches as ASR's planner draws them: for each batch the bandwidth its IR gets
 * and the DR bandwidth kept once it and the batches before it are protected; the last DR bar is
 * the whole link at the RPO's 100 % bandwidth.
 */
export function batchCharts(doc: ReportDocument): Array<{rpoMinutes: number; chart: ChartDefinition}> {
  return doc.protection.batching.map((b) => {
    let kept = 0
    const groups = b.plan.batches.map((batch) => {
      kept += (batch.drBytesPerSec * 8) / 1e6
      return {label: `Batch ${batch.batch}`, values: [(batch.availableBytesPerSec * 8) / 1e6, kept]}
    })
    return {
      rpoMinutes: b.rpoMinutes,
      chart: {
        id: `batches-${b.rpoMinutes}`,
        kind: 'bar',
        title: `IR batches for RPO ${b.rpoMinutes} min: bandwidth per batch (${b.totalBandwidthMbps.toFixed(1)} Mbps in all)`,
        yLabel: 'Mbps',
        bars: [
          {name: 'Bandwidth for the batch’s IR', color: ORANGE},
          {name: 'DR bandwidth kept after it', color: BLUE},
        ],
        groups,
        hLines: [{y: b.totalBandwidthMbps, label: `${b.totalBandwidthMbps.toFixed(1)} Mbps`, color: RED}],
      },
    }
  })
}
