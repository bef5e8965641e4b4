/**
 * The report's charts, defined once from the report document: the workbook and the PDF draw
 * these same definitions (charts.ts), so their pictures agree with each other and with the JSON.
 */
import type {ChartDefinition} from './charts.js'
import type {ReportDocument} from './document.js'

const BLUE = '#1f4e79'
const ORANGE = '#c55a11'
const GREEN = '#548235'
const RED = '#c00000'
const GREY = '#7f7f7f'

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

  // RPO vs bandwidth: the worst RPO is off the scale near the mean send rate; clip at 6 × target.
  const clip = (v: number) => (Number.isFinite(v) ? v : NaN)
  charts.push({
    id: 'rpo-vs-bandwidth',
    kind: 'line',
    title: `RPO vs bandwidth (target ${target} min)`,
    xLabel: 'Bandwidth (Mbps)',
    yLabel: 'RPO (min)',
    xAxis: 'number',
    yMax: target * 6,
    series: [
      {name: 'Worst RPO', color: BLUE, points: doc.whatIf[0].curve.map((p) => [p.bandwidthMbps, clip(p.achievableRpoMinutes)] as const)},
      {name: 'RPO P90', color: ORANGE, dashed: true, points: doc.whatIf[0].curve.map((p) => [p.bandwidthMbps, clip(p.rpoP90Minutes)] as const)},
    ],
    hLines: [{y: target, label: `target ${target} min`, color: RED}],
    vLines: [
      {x: first.bandwidth100Mbps, label: `100 %: ${first.bandwidth100Mbps.toFixed(1)}`, color: GREEN},
      {x: first.bandwidth90Mbps, label: `90 %: ${first.bandwidth90Mbps.toFixed(1)}`, color: GREY},
      ...(doc.assumptions.bandwidthMbps === null ? [] : [{x: doc.assumptions.bandwidthMbps, label: `planned: ${doc.assumptions.bandwidthMbps}`, color: ORANGE}]),
    ],
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
  charts.push({
    id: 'worst-rpo-per-day',
    kind: 'bar',
    title: perDay ? `Worst RPO per UTC day at ${perDay.point.bandwidthMbps.toFixed(1)} Mbps (${perDay.basis})` : 'Worst RPO per UTC day: no churn, nothing to replicate',
    yLabel: 'Worst RPO (min)',
    bars: [{name: '', color: BLUE}],
    groups: (perDay?.point.worstRpoPerDay ?? []).map((d) => ({label: d.dayUtc.slice(5), values: [d.rpoMinutes]})),
    hLines: [{y: target, label: `target ${target} min`, color: RED}],
  })

  // At most 12 volumes stay readable: those with the least headroom (required ÷ free) first.
  const volumes = [...doc.protection.volumes].sort((a, b) => headroom(a) - headroom(b) || a.volume.localeCompare(b.volume))
  const shown = volumes.length > MAX_VOLUMES ? volumes.slice(0, MAX_VOLUMES) : doc.protection.volumes
  charts.push({
    id: 'hrl-space',
    kind: 'bar',
    horizontal: true,
    title: `${shown.length < volumes.length ? `Replica-log space: the ${shown.length} of ${volumes.length} host volumes with the least headroom` : 'Replica-log space per host volume'} (RPO ${target} min)`,
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
