/**
 * The report document laid out as format-neutral tables: typed cells with units in the headers.
 * The workbook and the PDF only render these; no number is computed here that the document does
 * not already hold (values are picked, converted in unit, and formatted by the writers).
 */
import type {ReportDocument} from './document.js'

export type CellKind = 'text' | 'number' | 'integer' | 'percent'

export interface Column {
  readonly header: string
  readonly kind: CellKind
  /** Decimals shown for numbers. */
  readonly decimals?: number
  readonly width?: number
  /** Long text: wrapped within the column width (rows grow to fit). */
  readonly wrap?: boolean
}

export type Cell = string | number | null

export interface Table {
  readonly id: string
  /** Sheet name (≤ 31 characters) and title. */
  readonly sheet: string
  readonly title: string
  readonly note?: string
  readonly columns: readonly Column[]
  readonly rows: ReadonlyArray<readonly Cell[]>
  /** Rows (by index) that are detail rows of the row above (disks under their VM). */
  readonly subRows?: ReadonlySet<number>
  /** Colour the numeric cells from low (green) to high (red). */
  readonly heatMap?: boolean
}

const t = (header: string, width = 18): Column => ({header, kind: 'text', width})
const wrapped = (header: string, width: number): Column => ({header, kind: 'text', width, wrap: true})
const num = (header: string, decimals = 1, width = 14): Column => ({header, kind: 'number', decimals, width})
const int = (header: string, width = 12): Column => ({header, kind: 'integer', width})
const pct = (header: string, width = 12): Column => ({header, kind: 'percent', width})
const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)

/** A cell as text, the way the PDF shows it (the workbook keeps numbers as numbers with a format). */
export function formatCell(value: Cell, column: Column): string {
  if (value === null) return '—'
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—'
  if (column.kind === 'percent') return `${(value * 100).toFixed(1)} %`
  const decimals = column.kind === 'integer' ? 0 : (column.decimals ?? 1)
  return value.toLocaleString('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals})
}

/** The VMs with the highest percentile churn (with growth), for the PDF's top-VM page. */
export function topVmsTable(doc: ReportDocument, count = 10): Table {
  const a = doc.assumptions
  const first = doc.bandwidth.rpos[0]
  const dr = new Map(first.perVm.map((v) => [v.vm, v.bandwidth100Mbps]))
  return {
    id: 'top-vms',
    sheet: 'Top VMs',
    title: `Top ${Math.min(count, doc.bandwidth.churn.vms.length)} VMs by P${a.percentile} churn`,
    note: `Churn with ${a.growthPercent} % growth. DR bandwidth = the VM's own 100 % bandwidth for ${first.rpoMinutes} min.`,
    columns: [t('VM', 18), num('Average (MB/s)', 2), num(`P${a.percentile} (MB/s)`, 2), num('Max (MB/s)', 2), num('Average (GB/day)', 1), num('Worst day (GB)', 1), num('DR bandwidth (Mbps)', 1)],
    rows: doc.bandwidth.churn.vms.slice(0, count).map((v) => [v.vm, finite(v.avgMBps), finite(v.percentileMBps), finite(v.maxMBps), finite(v.avgGBPerDay), finite(v.worstDayGB), finite(dr.get(v.vm))]),
  }
}

export function reportTables(doc: ReportDocument): Table[] {
  const a = doc.assumptions
  const q = doc.profile.quality
  const firstRpo = doc.bandwidth.rpos[0]
  const protect = doc.protection.vms.filter((v) => v.protect)
  const additional = doc.protection.volumes.reduce((n, v) => n + v.additionalGB, 0)
  const tables: Table[] = []

  tables.push({
    id: 'summary',
    sheet: 'On-premises Summary',
    title: 'On-premises summary',
    columns: [t('Item', 44), wrapped('Value', 70)],
    rows: [
      ['Profiled period (UTC)', `${q.firstUtc ?? '—'} to ${q.lastUtc ?? '—'}`],
      ['Days profiled (recommended ≥ 7, ideally 31)', q.daysProfiled.toFixed(1)],
      ['Files ingested', String(q.files)],
      ['VMs profiled', String(doc.profile.vms.length)],
      ['Disks profiled', String(doc.bandwidth.diskCount)],
      ['VMs compatible / to protect / incompatible', `${doc.protection.vms.filter((v) => v.compatible !== 'No').length} / ${protect.length} / ${doc.protection.vms.filter((v) => v.compatible === 'No').length}`],
      // The site figures of the replication model (gaps filled), consistent with the send rate below.
      [`Site churn with growth: average / P${a.percentile} / max (MB/s)`, `${doc.bandwidth.siteChurn.avgMBps.toFixed(2)} / ${doc.bandwidth.siteChurn.percentileMBps.toFixed(2)} / ${doc.bandwidth.siteChurn.maxMBps.toFixed(2)}`],
      ['Mean send rate (Mbps)', doc.bandwidth.siteMeanSendMbps.toFixed(1)],
      ['Data quality', `${q.confidence} confidence${q.reasons.length ? ` — ${q.reasons.join('; ')}` : ''}`],
    ],
  })

  tables.push({
    id: 'recommendations',
    sheet: 'Recommendations',
    title: 'Recommendations per RPO',
    note: `Growth ${a.growthPercent} %, percentile P${a.percentile}, copy frequency ${a.copyFrequencySeconds / 60} min, wire factor ${a.wireFactor}. Mbps = 10^6 bit/s.`,
    columns: [int('RPO (min)'), num('Bandwidth RPO met 100 % (Mbps)', 1, 18), num('Bandwidth RPO met 90 % (Mbps)', 1, 18), t('What sets the 100 % bandwidth', 70), int('Largest copy frequency (s)', 16), num('Achievable RPO at planned bandwidth (min)', 1, 20), int('IR batches'), num('IR time, all batches (h)', 1, 16), int('Cores to request'), int('Storage accounts'), num('On-premises storage to add (GB)', 0, 18)],
    rows: doc.bandwidth.rpos.map((r, k) => {
      const batching = doc.protection.batching[k]
      const irHours = batching ? batching.plan.batches.reduce((n, b) => n + b.irSeconds, 0) / 3600 : null
      return [r.rpoMinutes, r.bandwidth100Mbps, r.bandwidth90Mbps, r.driver.text, r.largestCopyFrequencySeconds, k === 0 && doc.whatIf.atBandwidth ? doc.whatIf.atBandwidth.achievableRpoMinutes : null, batching ? batching.plan.batches.length : null, finite(irHours), doc.protection.coresToRequest, doc.protection.storageAccounts.filter((x) => x.storage !== 'log').length, additional]
    }),
  })

  tables.push({
    id: 'charts',
    sheet: 'Charts',
    title: 'Charts',
    note: 'Drawn from the same figures as the sheets and the PDF: RPO vs bandwidth, site churn, worst RPO per day, replica-log space, top VMs.',
    columns: [],
    rows: [],
  })

  const churnOf = new Map(doc.bandwidth.churn.vms.map((v) => [v.vm, v]))
  const drOf = new Map(firstRpo.perVm.map((v) => [v.vm, v.bandwidth100Mbps]))
  const compatRows: Cell[][] = []
  const subRows = new Set<number>()
  for (const v of doc.protection.vms.filter((x) => x.compatible !== 'No')) {
    const c = churnOf.get(v.vm)
    compatRows.push([v.vm, v.hosts.join(', '), v.compatible, v.storage.storage, v.azureSize ?? '—', v.vcpus ?? null, v.memoryMB === undefined ? null : v.memoryMB / 1024, v.storage.disks.length, v.vhdGB, finite(c?.percentileMBps), finite(c?.avgGBPerDay), finite(c?.percentileRwIops), finite(drOf.get(v.vm))])
    for (const d of v.storage.disks) {
      subRows.add(compatRows.length)
      compatRows.push([`  └ ${d.path}`, '', d.higherTierNeeded ? 'Yes*' : '', d.byNeed && d.byNeed !== d.bySize ? `${d.bySize ?? '—'} → ${d.byNeed}` : (d.bySize ?? '—'), '', null, null, null, null, null, null, null, null])
    }
  }
  tables.push({
    id: 'compatible',
    sheet: 'Compatible VMs',
    title: 'Compatible VMs (disks below each VM)',
    note: `Yes* = a disk's workload needs a higher premium tier than its size maps to. Churn and IOPS with ${a.growthPercent} % growth at P${a.percentile}. DR bandwidth = the VM's own 100 % bandwidth for ${firstRpo.rpoMinutes} min.`,
    columns: [t('VM / disk', 60), t('Hosts', 24), t('Compatible', 12), t('Storage / premium tier', 22), t('Azure size', 18), int('vCPUs', 8), num('Memory (GiB)', 0, 12), int('Disks', 8), num('VHD size (GB)', 0), num(`P${a.percentile} churn (MB/s)`, 2), num('Churn (GB/day)', 1), num(`P${a.percentile} R/W IOPS`, 0), num('DR bandwidth (Mbps)', 1)],
    rows: compatRows,
    subRows,
  })

  tables.push({
    id: 'incompatible',
    sheet: 'Incompatible VMs',
    title: 'Incompatible VMs and why',
    columns: [t('VM', 20), t('Hosts', 24), t('Rule', 22), wrapped('Reason', 90)],
    rows: doc.protection.vms.filter((v) => v.compatible === 'No').flatMap((v) => v.compatibility.findings.filter((f) => f.verdict === 'incompatible').map((f) => [v.vm, v.hosts.join(', '), f.rule, f.text] as Cell[])),
  })

  tables.push({
    id: 'placement',
    sheet: 'VM-Storage Placement',
    title: `Storage accounts (${doc.protection.managedDisks ? 'managed disks' : 'unmanaged disks'})`,
    columns: [t('Account', 16), t('Type', 10), t('VMs', 70), num('IOPS', 0), num('Provisioned (GB)', 0, 16), num('Snapshots (GB)', 0, 16), t('Note', 30)],
    rows: doc.protection.storageAccounts.map((x) => [x.name, x.storage, x.vms.join(', '), x.iops, x.sizeGB, x.snapshotGB, x.overLimit ? 'one VM exceeds an account limit' : '']),
  })

  tables.push({
    id: 'onprem-storage',
    sheet: 'On-premises Storage',
    title: 'On-premises storage requirement (Hyper-V Replica logs)',
    note: 'Required = Σ delta-replication need of the volume’s VMs + the largest initial-replication need among them.',
    columns: [t('Host volume', 34), int('VMs', 8), num('Free (GB)', 0), num('DR need (GB)', 1), num('IR need (GB)', 1), num('Required (GB)', 1), num('Additional to provision (GB)', 1, 18)],
    rows: doc.protection.volumes.map((v) => [v.volume, v.vms.length, v.freeGB, v.drNeedGB, v.irNeedGB, v.requiredGB, v.additionalGB]),
  })

  for (const b of doc.protection.batching) {
    const rows: Cell[][] = []
    const sub = new Set<number>()
    for (const batch of b.plan.batches) {
      rows.push([`Batch ${batch.batch}`, batch.vms.length, (batch.availableBytesPerSec * 8) / 1e6, (batch.drBytesPerSec * 8) / 1e6, finite(batch.irSeconds / 3600), ''])
      for (const r of b.plan.vms.filter((x) => x.batch === batch.batch)) {
        sub.add(rows.length)
        rows.push([`  └ ${r.vm}`, null, finite((r.irMinBytesPerSec * 8) / 1e6), (r.drBytesPerSec * 8) / 1e6, null, r.comment])
      }
    }
    tables.push({
      id: `batching-${b.rpoMinutes}`,
      sheet: `IR Batching ${b.rpoMinutes} min`,
      title: `Initial-replication batches for RPO ${b.rpoMinutes} min at ${b.totalBandwidthMbps.toFixed(1)} Mbps`,
      note: 'Enable protection batch by batch: start batch k + 1 only when batch k has finished initial replication.',
      columns: [t('Batch / VM', 30), int('VMs', 8), num('IR bandwidth (Mbps)', 1, 18), num('DR bandwidth kept (Mbps)', 1, 20), num('IR time (h)', 1), t('Comment', 60)],
      rows,
      subRows: sub,
    })
  }

  tables.push({
    id: 'whatif',
    sheet: 'What-if Bandwidth',
    title: `RPO vs bandwidth (target ${a.rpoMinutes[0]} min)`,
    columns: [num('Bandwidth (Mbps)', 1), num('Worst RPO (min)', 1), num('RPO P50 (min)', 1), num('RPO P90 (min)', 1), num('RPO P99 (min)', 1), pct('Time within target'), int('Violations'), num('Longest violation (min)', 1, 18), num('Worst backlog (GB)', 2), t('Note', 24)],
    rows: doc.whatIf.curve.map((p) => [p.bandwidthMbps, finite(p.achievableRpoMinutes), finite(p.rpoP50Minutes), finite(p.rpoP90Minutes), finite(p.rpoP99Minutes), p.withinTargetShare, p.violations.count, finite(p.violations.longestMinutes), p.worstBacklogGB, p.unstable ? 'unstable link' : '']),
  })

  const byDay = doc.heatMap.basis === 'day'
  tables.push({
    id: 'heat-map',
    sheet: 'Churn Heat Map',
    title: byDay ? 'Churn per VM and UTC day (GB written, measured, without growth)' : 'Churn per VM and hour of the week, UTC (mean MB/s, measured, without growth)',
    note: byDay ? 'A day with less than half of its windows measured is left empty; others are scaled to 24 h.' : 'Each hour averages the measured windows of that hour over every week profiled; an hour never measured is left empty.',
    columns: [t('VM', 20), ...doc.heatMap.columns.map((c) => (byDay ? num(`${c} (GB)`, 1, 13) : num(`${c} (MB/s)`, 2, 9)))],
    rows: doc.heatMap.vms.map((v) => [v.vm, ...v.values]),
    heatMap: true,
  })

  tables.push({
    id: 'data-quality',
    sheet: 'Data Quality',
    title: 'Data quality',
    columns: [t('Item', 44), wrapped('Value', 90)],
    rows: [
      ['Confidence', q.confidence],
      ...q.reasons.map((r) => ['Reason', r] as Cell[]),
      ['Coverage of disk-windows', `${q.coveragePct.toFixed(1)} %`],
      ['Blank cells (missing, not zero)', `${q.blankCells} of ${q.blankCells + q.valueCells}`],
      ['Sample gaps / DST corrections / rows dropped', `${q.gaps} / ${q.dstCorrections} / ${q.backwardRows}`],
      ['Overlapping samples not counted twice (s)', q.overlapClippedSeconds.toFixed(0)],
      ['Noise instances excluded', q.noiseInstances.join('; ')],
      ['Localized names seen', q.localizedNames.join('; ')],
      ['Mappings guessed (no inventory entry)', q.guessedInstances.join('; ')],
    ],
  })

  tables.push({
    id: 'findings',
    sheet: 'Findings',
    title: 'Findings and actions',
    columns: [t('Severity', 10), wrapped('Finding', 40), wrapped('Details', 100)],
    rows: doc.findings.map((f) => [f.severity, f.title, f.text]),
  })

  tables.push({
    id: 'assumptions',
    sheet: 'Assumptions & Limits',
    title: 'Assumptions and limits',
    columns: [t('Item', 34), wrapped('Value', 30), wrapped('Source', 90)],
    rows: [
      ['RPOs (min)', a.rpoMinutes.join(', '), 'defaults 15, 30, 60 (ASR Deployment Planner)'],
      ['Percentile', String(a.percentile), 'default 95'],
      ['Growth factor (%)', String(a.growthPercent), 'default 30, applied to every workload figure'],
      ['Copy frequency (s)', String(a.copyFrequencySeconds), 'default 300'],
      ['Wire factor', String(a.wireFactor), 'bytes sent per byte written; 1.0: no compression to Azure'],
      ['Apply latency (s)', String(a.applyLatencySeconds), ''],
      ['Planned bandwidth (Mbps)', a.bandwidthMbps === null ? '— (each RPO’s 100 % bandwidth)' : String(a.bandwidthMbps), ''],
      ['Outage assessed (h)', String(a.outageHours), ''],
      ['Managed disks', a.managedDisks ? 'yes' : 'no', ''],
      ['Disks excluded', a.excludeDisks.join(', ') || '—', ''],
      ['VMs selected', a.vms.join(', ') || 'all', ''],
      ['Limits set', a.limitsSet, 'data/limits.json and --limits'],
      ['VM size catalog', a.vmCatalog, ''],
      ...Object.entries(doc.limits.values).map(([key, v]) => [`Limit: ${key}`, `${v.value} ${v.unit}`, `${v.source} (${v.date})`] as Cell[]),
      ...doc.limits.premiumTiers.tiers.map((tier) => [`Premium tier ${tier.tier}`, `≤ ${tier.maxSizeGB} GB, ${tier.iops} IOPS, ${tier.mbps} MB/s`, `${doc.limits.premiumTiers.source} (${doc.limits.premiumTiers.date})`] as Cell[]),
    ],
  })
  return tables
}
