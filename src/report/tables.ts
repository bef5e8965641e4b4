/**
 * The report document laid out as format-neutral tables: typed cells with units in the headers.
 * The workbook and the PDF only render these; no number is computed here that the document does
 * not already hold (values are picked, converted in unit, and formatted by the writers).
 */
import {DEFAULTS, type Defaults} from '../defaults.js'
import {count, worstDayLabel, utcMinute} from '../text.js'
import {fixFor} from '../../models/compatibility.js'
import {actionsTable, blockersTable, pauseTable} from './decisionTables.js'
import {profiledDays} from './days.js'
import {findingTableLines} from './findings.js'
import {irHours} from '../plan/protectionPlan.js'
import type {ReportDocument} from './document.js'

/** "default 95 — ASR Deployment Planner: …": a default's value and source, from data/defaults.json. */
function defaultSource(key: keyof Defaults['values']): string {
  const d = DEFAULTS.values[key]
  return `default ${Array.isArray(d.value) ? d.value.join(', ') : d.value} — ${d.source}`
}

/** 33.8 h → "33:48" (hours:minutes, as ASR's planner gives IR time); "never" when no bandwidth is left. */
export function hoursMinutes(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never (no bandwidth left)'
  const minutes = Math.round(seconds / 60)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`
}

/** The k-th day of the day heat map is only partly inside the profiled period. */
function partialDay(doc: ReportDocument, k: number): boolean {
  let whole = WHOLE_DAYS.get(doc.siteChurn)
  if (!whole) WHOLE_DAYS.set(doc.siteChurn, (whole = new Set(profiledDays(doc.siteChurn).filter((d) => !d.partial).map((d) => d.dayUtc))))
  return !whole.has(doc.heatMap.columns[k])
}
const WHOLE_DAYS = new WeakMap<object, Set<string>>() // per document's site churn series

/** The heat map's colour key, with the values the colours stand for. */
function heatMapLegend(doc: ReportDocument): string {
  const values = doc.heatMap.vms.flatMap((v) => v.values).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (!values.length) return ''
  const h = (values.length - 1) / 2
  const median = (values[Math.floor(h)] + values[Math.ceil(h)]) / 2
  const unit = doc.heatMap.basis === 'day' ? 'GB' : 'MB/s'
  const v = (x: number) => `${x.toLocaleString('en-US', {maximumFractionDigits: doc.heatMap.basis === 'day' ? 1 : 2})} ${unit}`
  return `Colour key: green the lowest cell (${v(values[0])}), yellow the median (${v(median)}), red the highest (${v(values.at(-1)!)}), shaded in between.`
}

/** The day heat map's note: its one rule, and which cells had gaps. */
function heatMapDayNote(doc: ReportDocument): string {
  const gaps = doc.heatMap.vms.flatMap((v) => (v.measuredShare ?? []).flatMap((share, k) => (share < 1 && !partialDay(doc, k) ? [`${v.vm} ${doc.heatMap.columns[k]} (${(share * 100).toFixed(0)} % measured)`] : [])))
  return `From the same gap-filled series as the averages and the worst day: gaps are filled from the same time on other days (never zero), and a day the profile covers only in part is scaled to 24 h (marked "partial").${gaps.length ? ` Days with gaps: ${gaps.join(', ')}.` : ''}`
}

export type CellKind = 'text' | 'number' | 'integer' | 'percent'

export interface Column {
  readonly header: string
  readonly kind: CellKind
  /** Decimals shown for numbers. */
  readonly decimals?: number
  readonly width?: number
  /** Long text: wrapped within the column width (rows grow to fit). */
  readonly wrap?: boolean
  /** Names (a VM, a host volume, a limit's identifier): the column is as wide as its longest, never broken inside. */
  readonly whole?: boolean
}

/** A live Excel formula (absolute references, never input text) with the model's value cached. */
export interface FormulaCell {
  readonly formula: string
  readonly result: number | null
}

export type Cell = string | number | null | FormulaCell

/** An input shown above a table (label in column A, value in B) that its formulas refer to. */
export interface TableInput {
  readonly label: string
  readonly value: string | number
  /** Allowed values (a drop-down list in the workbook). */
  readonly choices?: readonly string[]
  readonly note?: string
}

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
  /** Inputs above the header (the cost sheet's drills, discount …). */
  readonly inputs?: readonly TableInput[]
  /** Rows (by index) shown bold: totals. */
  readonly boldRows?: ReadonlySet<number>
  /** Tables shown below this one on the same sheet (the Recommendations sheet's blockers and actions). */
  readonly followedBy?: readonly Table[]
}

/** Worksheet rows of a table: title in row 1, note in row 2, inputs from inputRow, then the header. */
export function tableLayout(table: Pick<Table, 'note' | 'inputs'>): {inputRow: number; headerRow: number} {
  const inputRow = table.note ? 4 : 3
  return {inputRow, headerRow: table.inputs?.length ? inputRow + table.inputs.length + 1 : inputRow}
}

export function isFormula(cell: Cell): cell is FormulaCell {
  return cell !== null && typeof cell === 'object'
}

export const t = (header: string, width = 18): Column => ({header, kind: 'text', width})
export const wrapped = (header: string, width: number): Column => ({header, kind: 'text', width, wrap: true})
/** A text column whose cells are names or short phrases (VMs, host volumes, "2 batches, 33.8 h"): never broken inside. */
export const name = (header: string, width = 18): Column => ({header, kind: 'text', width, whole: true})
export const num = (header: string, decimals = 1, width = 14): Column => ({header, kind: 'number', decimals, width})
export const int = (header: string, width = 12): Column => ({header, kind: 'integer', width})
export const pct = (header: string, width = 12): Column => ({header, kind: 'percent', width})
export const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)

/** A cell as text, the way the PDF shows it (the workbook keeps numbers as numbers with a format). */
export function formatCell(cell: Cell, column: Column): string {
  const value = isFormula(cell) ? cell.result : cell
  if (value === null) return '—'
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—'
  if (column.kind === 'percent') return `${(value * 100).toFixed(1)} %`
  const decimals = column.kind === 'integer' ? 0 : (column.decimals ?? 1)
  return numberFormat(decimals).format(value)
}

/** en-US number formats by decimals, made once (toLocaleString builds a formatter per call). */
const numberFormats = new Map<number, Intl.NumberFormat>()
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = numberFormats.get(decimals)
  if (!f) numberFormats.set(decimals, (f = new Intl.NumberFormat('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals})))
  return f
}

/** The VMs with the highest percentile churn (with growth), for the PDF's top-VM page. */
export function topVmsTable(doc: ReportDocument, rows = 10): Table {
  const a = doc.assumptions
  const first = doc.bandwidth.rpos[0]
  const dr = new Map(first.perVm.map((v) => [v.vm, v.drBandwidthMbps]))
  return {
    id: 'top-vms',
    sheet: 'Top VMs',
    title: `Top ${Math.min(rows, doc.bandwidth.churn.vms.length)} VMs to protect by P${a.percentile} churn`,
    note: `Churn with ${a.growthPercent} % growth. ${DR_NOTE(first.rpoMinutes)}`,
    columns: [name('VM', 18), num('Average (MB/s)', 2), num(`P${a.percentile} (MB/s)`, 2), num('Max (MB/s)', 2), num('Average (GB/day)', 1), num('Worst day (GB)', 1), num('DR bandwidth (Mbps)', 1), t('Worst day, UTC (h measured)', 26)],
    rows: doc.bandwidth.churn.vms.slice(0, rows).map((v) => [v.vm, finite(v.avgMBps), finite(v.percentileMBps), finite(v.maxMBps), finite(v.avgGBPerDay), finite(v.worstDayGB), finite(dr.get(v.vm)), worstDayLabel(v.worstDayUtc, v.worstDayMeasuredShare)]),
  }
}

/** What "DR bandwidth" means, said the same way on every sheet that shows it. */
export const DR_NOTE = (rpoMinutes: number) => `DR bandwidth = the ongoing replication (disaster recovery, DR) bandwidth the VM keeps once protected at ${rpoMinutes} min: its own 100 % bandwidth scaled so that the VMs to protect together keep the site's 100 % bandwidth.`

/** On-premises storage to add at the k-th RPO: Σ over host volumes (one figure per volume per RPO). */
export function storageToAddGB(doc: ReportDocument, k: number): number {
  return doc.protection.volumes.reduce((n, v) => n + (v.byRpo[k]?.additionalGB ?? 0), 0)
}

export function reportTables(doc: ReportDocument): Table[] {
  const a = doc.assumptions
  const q = doc.profile.quality
  const firstRpo = doc.bandwidth.rpos[0]
  const protect = doc.protection.vms.filter((v) => v.protect)
  const tables: Table[] = []

  tables.push({
    id: 'summary',
    sheet: 'On-premises Summary',
    title: 'On-premises summary',
    columns: [t('Item', 44), wrapped('Value', 70)],
    rows: [
      ['Profiled period (UTC)', `${utcMinute(q.firstUtc)} to ${utcMinute(q.lastUtc)}`],
      ['Days profiled (recommended ≥ 7, ideally 31)', q.daysProfiled.toFixed(1)],
      ['Files ingested', String(q.files)],
      ['VMs profiled', String(doc.profile.vms.length)],
      ['VMs the plan is for', doc.scope.text],
      ['Disks of the VMs to protect', String(doc.bandwidth.diskCount)],
      ['VMs compatible / to protect / incompatible', `${doc.protection.vms.filter((v) => v.compatible !== 'No').length} / ${protect.length} / ${doc.protection.vms.filter((v) => v.compatible === 'No').length}`],
      ['Inventory VMs without counter data', doc.scope.withoutData.filter((v) => !v.profiled).map((v) => v.vm).join(', ') || 'none'],
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
    note: `For ${doc.scope.text}.${doc.afterFixes ? ` "All VMs after fixes": every one of the ${doc.afterFixes.vms} profiled VMs, once the incompatible ones are fixed.` : ''} Growth ${a.growthPercent} %, percentile P${a.percentile}, copy frequency ${a.copyFrequencySeconds / 60} min, wire factor ${a.wireFactor}. Mbps = 10^6 bit/s.${doc.cost ? ` DR cost with the network plan for each RPO's bandwidth (${doc.cost.priceSheet.example ? 'EXAMPLE prices, not a quote' : `prices of ${doc.cost.priceSheet.date}`}; details on Cost Estimation).` : ''}`,
    columns: [
      int('RPO (min)'), num('Bandwidth RPO met 100 % (Mbps)', 1, 18), num('Bandwidth RPO met 90 % (Mbps)', 1, 18), ...(doc.afterFixes ? [num('All VMs after fixes: 100 % (Mbps)', 1, 18), num('All VMs after fixes: 90 % (Mbps)', 1, 18)] : []), t('What sets the 100 % bandwidth', 70), int('Largest copy frequency (s)', 16), num('Achievable RPO at planned bandwidth (min)', 1, 20), int('IR batches'), num('IR time, all batches (h)', 1, 16), int('Cores to request'), int('Storage accounts'), num('On-premises storage to add (GB)', 0, 18),
      ...(doc.cost ? [name('Network plan', 30), num(`DR cost (${doc.cost.priceSheet.currency}/month)`, 0, 16), num(`DR cost (${doc.cost.priceSheet.currency}/year)`, 0, 16)] : []),
    ],
    rows: doc.bandwidth.rpos.map((r, k) => {
      const batching = doc.protection.batching[k]
      const hours = batching ? irHours(batching.plan) : null
      const cost = doc.cost?.byRpo[k]
      const fixed = doc.afterFixes?.rpos[k]
      return [r.rpoMinutes, r.bandwidth100Mbps, r.bandwidth90Mbps, ...(fixed ? [fixed.bandwidth100Mbps, fixed.bandwidth90Mbps] : []), r.driver.text, r.largestCopyFrequencySeconds, doc.whatIf[k]?.atBandwidth ? doc.whatIf[k].atBandwidth!.achievableRpoMinutes : null, batching ? batching.plan.batches.length : null, finite(hours), doc.protection.coresToRequest, doc.protection.storageAccounts.filter((x) => x.storage !== 'log').length, storageToAddGB(doc, k), ...(cost ? [cost.networkPlan ?? 'none', cost.monthly, cost.yearly] : [])]
    }),
    // Page 1's other decisions under the figures: what cannot be protected (with the fix), the top actions, how long replication may pause.
    followedBy: [blockersTable(doc), actionsTable(doc), pauseTable(doc)].filter((x) => x.rows.length > 0),
  })

  tables.push({
    id: 'charts',
    sheet: 'Charts',
    title: 'Charts',
    note: 'Drawn from the same figures as the sheets and the PDF: RPO vs bandwidth, site churn, worst RPO per day, Hyper-V Replica log (HRL) space, top VMs.',
    columns: [],
    rows: [],
  })

  const churnOf = new Map(doc.bandwidth.churn.vms.map((v) => [v.vm, v]))
  const drOf = new Map(firstRpo.perVm.map((v) => [v.vm, v.drBandwidthMbps]))
  const compatRows: Cell[][] = []
  const subRows = new Set<number>()
  for (const v of doc.protection.vms.filter((x) => x.compatible !== 'No')) {
    const c = churnOf.get(v.vm)
    compatRows.push([v.vm, v.hosts.join(', '), v.compatible, v.storage.storage, v.azureSize ?? '—', v.vcpus ?? null, v.memoryMB === undefined ? null : v.memoryMB / 1024, v.storage.disks.length, v.vhdGB, finite(c?.percentileMBps), finite(c?.avgGBPerDay), finite(c?.percentileRwIops), finite(drOf.get(v.vm))])
    // Each disk: its size, churn and IOPS, and the tier it maps to (Standard SSD on a standard-storage VM).
    const diskOf = new Map(v.disks.map((d) => [d.path, d]))
    for (const d of v.storage.disks) {
      const disk = diskOf.get(d.path)
      subRows.add(compatRows.length)
      compatRows.push([`  └ ${d.path}`, '', d.higherTierNeeded ? 'Yes*' : '', v.storage.storage === 'standard' ? `Standard SSD ${d.standardTier ?? '—'}` : d.byNeed && d.byNeed !== d.bySize ? `${d.bySize ?? '—'} → ${d.byNeed}` : (d.bySize ?? '—'), '', null, null, null, finite(disk?.sizeGB), finite(disk?.churn?.percentileMBps), finite(disk?.churn?.avgGBPerDay), finite(disk?.churn?.percentileRwIops), null])
    }
  }
  tables.push({
    id: 'compatible',
    sheet: 'Compatible VMs',
    title: 'Compatible VMs (disks below each VM)',
    note: `Disk rows give each disk's size, churn and IOPS, and its tier: Standard SSD (E) on a standard-storage VM, premium (P) by size, "→" the tier its workload needs. Yes* = a disk's workload needs a higher premium tier than its size maps to. Churn and IOPS with ${a.growthPercent} % growth at P${a.percentile}. ${DR_NOTE(firstRpo.rpoMinutes)}`,
    columns: [t('VM / disk', 60), t('Hosts', 24), t('Compatible', 12), t('Storage / disk tier', 22), t('Azure size', 18), int('vCPUs', 8), num('Memory (GiB)', 0, 12), int('Disks', 8), num('VHD size (GB)', 0), num(`P${a.percentile} churn (MB/s)`, 2), num('Churn (GB/day)', 1), num(`P${a.percentile} R/W IOPS`, 0), num('DR bandwidth (Mbps)', 1)],
    rows: compatRows,
    subRows,
  })

  tables.push({
    id: 'incompatible',
    sheet: 'Incompatible VMs',
    title: 'Incompatible VMs and why',
    columns: [name('VM', 14), t('Hosts', 16), t('Rule', 16), wrapped('Reason', 60), wrapped('Fix', 60)],
    rows: doc.protection.vms.filter((v) => v.compatible === 'No').flatMap((v) => v.compatibility.findings.filter((f) => f.verdict === 'incompatible').map((f) => [v.vm, v.hosts.join(', '), f.rule, f.text, fixFor(f.rule)] as Cell[])),
  })

  const noData = doc.scope.withoutData
  tables.push({
    id: 'no-data',
    sheet: 'VMs without Data',
    title: 'Inventory disks without counter data',
    note: 'Listed, not planned: no churn is assumed for them (never zero). A whole VM without data is left out of every figure; a profiled VM missing a disk is planned from its other disks. Collect counters on their hosts and ingest them.',
    columns: [name('VM', 20), t('Host', 16), t('Status', 26), t('Disk', 70), num('Size (GB)', 0)],
    rows: noData.flatMap((v) => v.disks.map((d) => [v.vm, v.host, v.profiled ? 'profiled VM, disk without data' : 'no data', d.path, d.sizeGB ?? null] as Cell[])),
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
    title: 'On-premises storage requirement (Hyper-V Replica logs), per host volume and RPO',
    note: `Required = the most the volume holds at once while protection is enabled batch by batch: the DR space kept by earlier batches plus max(IR, DR) of each VM of the batch (each VHD's log on its own volume). Short: required > free (add the difference); tight: required > ${Math.round(doc.limits.values.hrlTightShareOfFreeSpace.value * 100)} % of free.`,
    columns: [name('Host volume', 34), int('RPO (min)', 9), int('VMs', 8), num('Free (GB)', 0), num('DR need (GB)', 1), num('IR need (GB)', 1), num('Required (GB)', 1), num('Additional to provision (GB)', 1, 18), t('Status', 10)],
    rows: doc.protection.volumes.flatMap((v) => v.byRpo.map((r) => [v.volume, r.rpoMinutes, v.vms.length, finite(v.freeGB), r.drNeedGB, r.irNeedGB, r.requiredGB, r.additionalGB, r.status] as Cell[])),
  })

  // IR batching in the form planners know from ASR's planner: a row per batch (its bandwidth for IR,
  // the DR bandwidth its VMs keep, the IR time), and under it a row per VM and volume (host, free
  // space seen, IR and DR storage, the deficit, the VM's minimum IR and DR bandwidth, comment).
  const hostsOf = new Map(doc.protection.vms.map((v) => [v.vm, v.hosts.join(', ')]))
  const mbps = (bytesPerSec: number) => finite((bytesPerSec * 8) / 1e6)
  const gib = (bytes: number) => finite(bytes / 2 ** 30)
  for (const b of doc.protection.batching) {
    const rows: Cell[][] = []
    const sub = new Set<number>()
    const bold = new Set<number>()
    for (const batch of b.plan.batches) {
      bold.add(rows.length)
      rows.push([batch.batch, '', count(batch.vms.length, 'VM'), '', null, null, null, null, mbps(batch.availableBytesPerSec), mbps(batch.drBytesPerSec), hoursMinutes(batch.irSeconds), `Bandwidth available for the batch's IR: ${(mbps(batch.availableBytesPerSec) ?? 0).toFixed(1)} Mbps; its VMs then keep ${(mbps(batch.drBytesPerSec) ?? 0).toFixed(1)} Mbps for DR`])
      for (const r of b.plan.vms.filter((x) => x.batch === batch.batch)) {
        r.volumes.forEach((v, k) => {
          sub.add(rows.length)
          rows.push([batch.batch, k === 0 ? (hostsOf.get(r.vm) ?? '') : '', r.vm, v.volume, gib(v.freeSeenBytes), gib(v.irNeedBytes), gib(v.drNeedBytes), gib(Math.max(0, v.deficitBytes)), k === 0 ? mbps(r.irMinBytesPerSec) : null, k === 0 ? mbps(r.drBytesPerSec) : null, '', k === 0 ? r.comment : ''])
        })
      }
    }
    tables.push({
      id: `batching-${b.rpoMinutes}`,
      sheet: `IR Batching ${b.rpoMinutes} min`,
      title: `Initial-replication (IR) batches for RPO ${b.rpoMinutes} min at ${b.totalBandwidthMbps.toFixed(1)} Mbps`,
      note: `Enable protection batch by batch: start batch k + 1 only when batch k has finished initial replication. Free space seen = the volume's free space less the DR space kept by earlier batches' VMs there (may be negative); additional storage = max(IR, DR storage) − free space seen, when positive. The IR storage is for the IR time of the VM's batch. ${DR_NOTE(b.rpoMinutes)}`,
      columns: [int('Batch', 8), name('Hyper-V host', 16), name('Virtual machine', 18), name('Volume (VHD path)', 30), num('Free space available on the volume (GB)', 1, 18), num('Storage required for IR (GB)', 1, 14), num('Storage required for DR (GB)', 1, 14), num('Additional storage required based on deficit (GB)', 1, 18), num('Minimum bandwidth for IR (Mbps)', 1, 16), num('Minimum bandwidth for DR (Mbps)', 1, 16), t('Estimated IR time (hh:mm)', 14), wrapped('Comments', 50)],
      rows,
      subRows: sub,
      boldRows: bold,
    })
  }

  // The RPO a bandwidth buys does not depend on the target; the time within it and the violations do: one block of columns per RPO.
  const curve = doc.whatIf[0]?.curve ?? []
  tables.push({
    id: 'whatif',
    sheet: 'What-if Bandwidth',
    title: `RPO vs bandwidth (targets ${a.rpoMinutes.join(', ')} min)`,
    note: 'Logs still queued when the profiled period ends are followed to their upload. Unstable: the bandwidth is below the mean send rate, so the backlog grows without bound.',
    columns: [
      num('Bandwidth (Mbps)', 1),
      num('Worst RPO (min)', 1),
      num('RPO P50 (min)', 1),
      num('RPO P90 (min)', 1),
      num('RPO P99 (min)', 1),
      ...doc.whatIf.flatMap((w) => [pct(`Time within ${w.rpoMinutes} min`, 13), int(`Violations of ${w.rpoMinutes} min`, 13), num(`Longest violation of ${w.rpoMinutes} min (min)`, 1, 16)]),
      num('Worst backlog (GB)', 2),
      t('Note', 16),
    ],
    rows: curve.map((p, i) => [
      p.bandwidthMbps,
      finite(p.achievableRpoMinutes),
      finite(p.rpoP50Minutes),
      finite(p.rpoP90Minutes),
      finite(p.rpoP99Minutes),
      ...doc.whatIf.flatMap((w) => [w.curve[i].withinTargetShare, w.curve[i].violations.count, finite(w.curve[i].violations.longestMinutes)]),
      p.worstBacklogGB,
      p.unstable ? 'unstable link' : '',
    ]),
  })

  const byDay = doc.heatMap.basis === 'day'
  tables.push({
    id: 'heat-map',
    sheet: 'Churn Heat Map',
    title: byDay ? 'Churn per VM to protect and UTC day (GB written, without growth)' : 'Churn per VM to protect and hour of the week, UTC (mean MB/s, measured, without growth)',
    note: `${byDay ? heatMapDayNote(doc) : 'Each hour averages the measured windows of that hour over every week profiled; an hour never measured is left empty.'} ${heatMapLegend(doc)}`,
    columns: [t('VM', 20), ...doc.heatMap.columns.map((c, k) => (byDay ? num(`${c}${partialDay(doc, k) ? ' (partial)' : ''} (GB)`, 1, 13) : num(`${c} (MB/s)`, 2, 9)))],
    rows: doc.heatMap.vms.map((v) => [v.vm, ...v.values]),
    heatMap: true,
  })

  if (doc.cost) tables.push(costTable(doc))

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
      ['Cells that were no rate (skipped as missing)', String(q.badCells)],
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
    rows: doc.findings.map((f) => [f.severity, f.title, f.table ? [f.text, ...findingTableLines(f.table)].join('\n') : f.text]),
  })

  tables.push({
    id: 'assumptions',
    sheet: 'Assumptions & Limits',
    title: 'Assumptions and limits',
    columns: [name('Item', 34), wrapped('Value', 30), wrapped('Source', 90)],
    rows: [
      ['RPOs (min)', a.rpoMinutes.join(', '), defaultSource('rpoMinutes')],
      ['Percentile', String(a.percentile), defaultSource('percentile')],
      ['Growth factor (%)', String(a.growthPercent), defaultSource('growthPercent')],
      ['Copy frequency (s)', String(a.copyFrequencySeconds), `${defaultSource('copyFrequencySeconds')}; offered: ${DEFAULTS.copyFrequencies.options.map((o) => `${o.seconds} s (${o.note})`).join(', ')} — ${DEFAULTS.copyFrequencies.source} (${DEFAULTS.copyFrequencies.date})`],
      ['Wire factor', String(a.wireFactor), defaultSource('wireFactor')],
      ['Apply latency (s)', String(a.applyLatencySeconds), defaultSource('applyLatencySeconds')],
      ['Planned bandwidth (Mbps)', a.bandwidthMbps === null ? '— (each RPO’s 100 % bandwidth)' : String(a.bandwidthMbps), ''],
      ['Outage assessed (h)', String(a.outageHours), defaultSource('outageHours')],
      ['VMs the plan is for', doc.scope.text, 'compatible (Yes, Yes*, Unknown) + --include-vm − --exclude-vm; --all-vms: every profiled VM'],
      ['Managed disks', a.managedDisks ? 'yes' : 'no', ''],
      ['Disks excluded', a.excludeDisks.join(', ') || '—', ''],
      ['VMs selected', a.vms.join(', ') || 'all', ''],
      ['Limits set', a.limitsSet, 'data/limits.json and --limits'],
      ['VM size catalog', a.vmCatalog, ''],
      ...Object.entries(doc.limits.values).map(([key, v]) => [`Limit: ${key}`, `${v.value} ${v.unit}`, `${v.source} (${v.date})`] as Cell[]),
      // Each ladder's source once, on its first tier.
      ...[doc.limits.premiumTiers, doc.limits.standardSsdTiers].flatMap((ladder, l) => ladder.tiers.map((tier, k) => [`${l === 0 ? 'Premium SSD' : 'Standard SSD'} tier ${tier.tier}`, `≤ ${tier.maxSizeGB} GB, ${tier.iops} IOPS, ${tier.mbps} MB/s`, k === 0 ? `${ladder.source} (${ladder.date})` : ''] as Cell[])),
    ],
  })
  return tables
}

/**
 * The Cost Estimation sheet: inputs a planner edits (drills, duration, Hybrid Benefit, discount,
 * license and network prices) and, per VM, the prices used; every cost is a live formula over
 * them, with the model's value cached for viewers that do not recalculate. The formulas are those
 * of models/cost.ts (a test evaluates them and compares).
 */
export function costTable(doc: ReportDocument): Table {
  const cost = doc.cost!
  const c = cost.priceSheet.currency
  const inputs: TableInput[] = [
    {label: 'Region / currency', value: `${cost.priceSheet.region} / ${c}`},
    {label: 'Price sheet', value: `${cost.priceSheet.example ? 'EXAMPLE prices, not a quote — ' : ''}${cost.priceSheet.file} (${cost.priceSheet.date})`},
    {label: 'DR drills per year', value: cost.options.drillsPerYear},
    {label: 'Each DR drill, days', value: cost.options.drillDays},
    {label: 'Azure Hybrid Benefit (Windows)', value: cost.options.hybridBenefit ? 'Yes' : 'No', choices: ['Yes', 'No']},
    {label: 'Discount (%)', value: cost.options.discountPercent},
    {label: `ASR license per instance per month (${c})`, value: cost.options.licensePerInstanceMonthly},
    {label: 'Network plan', value: cost.network.plan ?? `none — ${cost.network.note}`},
    {label: `Network plan per month (${c})`, value: cost.network.monthlyPrice ?? 0},
    {label: 'Storage redundancy', value: cost.options.redundancy, note: 'prices per VM below are for this redundancy: change it with --redundancy'},
    {label: 'Recovery points kept, days', value: cost.options.retentionDays, note: 'snapshot storage: change with --retention-days'},
  ]
  const note = `Edit the inputs in column B and the costs recalculate. ${cost.priceSheet.example ? 'EXAMPLE prices, not a quote: import current prices with hvplan prices import. ' : ''}Protected VMs of the plan${cost.rows.some((r) => r.manual) ? ' and manual rows' : ''}; the ASR license is counted once per protected instance. A cost without a price says so and is left out of the totals.`
  // Formulas refer to cells by address: the same layout rule the workbook writer uses.
  const {inputRow, headerRow} = tableLayout({note, inputs})
  const ref = (label: string) => `$B$${inputRow + inputs.findIndex((i) => i.label === label)}`
  const drills = ref('DR drills per year')
  const days = ref('Each DR drill, days')
  const ahb = ref('Azure Hybrid Benefit (Windows)')
  const discount = `(1-${ref('Discount (%)')}/100)`
  const license = ref(`ASR license per instance per month (${c})`)
  const network = ref(`Network plan per month (${c})`)
  const first = headerRow + 1
  const last = headerRow + cost.rows.length
  const rows: Cell[][] = cost.rows.map((r, k) => {
    const n = first + k
    const f = (formula: string, result: number | null): Cell => (result === null ? 'no price' : {formula, result})
    return [
      r.name + (r.manual ? ' (manual)' : ''),
      r.count,
      r.os === 'linux' ? 'Linux' : 'Windows',
      r.azureSize ?? '—',
      r.storage === 'premium' ? 'Premium' : 'Standard',
      r.storageGB,
      r.hourlyWindows,
      r.hourlyLinux,
      r.replicationStoragePerVmMonthly,
      f(`B${n}*I${n}*${discount}`, r.replicationStorage),
      f(`B${n}*IF(OR(C${n}="Linux",${ahb}="Yes"),H${n},G${n})*24*${drills}*${days}/12*${discount}`, r.drillCompute),
      f(`B${n}*I${n}*${drills}*${days}/365*${discount}`, r.drillStorage),
      {formula: `B${n}*${license}*${discount}`, result: r.license},
      f(`J${n}+K${n}+L${n}+M${n}`, r.total),
      f(`N${n}*12`, r.total === null ? null : r.total * 12),
    ]
  })
  const tot = cost.totals
  const sum = (col: string, result: number): Cell => ({formula: `SUM(${col}${first}:${col}${last})`, result})
  const at = (offset: number) => last + 1 + offset // worksheet row of summary row `offset`
  const summary: Cell[][] = []
  /** A summary row: its label, the monthly figure in N and the year (N × 12) in O. */
  const line = (label: string, monthly: FormulaCell): Cell[] => {
    const row: Cell[] = Array.from({length: 15}, () => null)
    row[0] = label
    row[13] = monthly
    row[14] = {formula: `N${at(summary.length)}*12`, result: monthly.result === null ? null : monthly.result * 12}
    return row
  }
  // Σ of the component totals (not of the row totals): a row without one price still counts its others.
  const totalsRow = line(`Total of ${count(cost.rows.length, 'VM row')}`, {formula: `J${at(0)}+K${at(0)}+L${at(0)}+M${at(0)}`, result: tot.compute + tot.replicationStorage + tot.drillStorage + tot.license})
  totalsRow[1] = sum('B', cost.rows.reduce((n, r) => n + r.count, 0))
  totalsRow[9] = sum('J', tot.replicationStorage)
  totalsRow[10] = sum('K', tot.compute)
  totalsRow[11] = sum('L', tot.drillStorage)
  totalsRow[12] = sum('M', tot.license)
  summary.push(totalsRow)
  summary.push(line(`Network: ${cost.network.plan ?? 'none'}`, {formula: `${network}*${discount}`, result: tot.network}))
  summary.push(line('By component — compute (DR drills)', {formula: `K${at(0)}`, result: tot.compute}))
  summary.push(line('By component — storage (replication and drills)', {formula: `J${at(0)}+L${at(0)}`, result: tot.storage}))
  summary.push(line('By component — network', {formula: `N${at(1)}`, result: tot.network}))
  summary.push(line('By component — ASR license', {formula: `M${at(0)}`, result: tot.license}))
  summary.push(line('By state — replication (storage, network, license)', {formula: `J${at(0)}+N${at(1)}+M${at(0)}`, result: tot.replication}))
  summary.push(line('By state — DR drills (compute, storage)', {formula: `K${at(0)}+L${at(0)}`, result: tot.drill}))
  summary.push(line('Total', {formula: `N${at(0)}+N${at(1)}`, result: tot.monthly}))
  const bold = new Set([0, 8].map((k) => rows.length + k))
  return {
    id: 'cost',
    sheet: 'Cost Estimation',
    title: `DR cost estimate (${c}, per month and per year)`,
    note,
    inputs,
    columns: [t('VM', 34), int('Count', 8), t('OS', 10), t('Azure size', 18), t('Storage', 11), num('Storage (GB)', 0, 12), num(`Windows ${c}/h`, 4, 12), num(`Linux (base) ${c}/h`, 4, 13), num(`Replication storage per VM (${c}/month)`, 2, 18), num(`Replication storage (${c}/month)`, 2, 16), num(`DR-drill compute (${c}/month)`, 2, 16), num(`DR-drill storage (${c}/month)`, 2, 16), num(`ASR license (${c}/month)`, 2, 14), num(`Total (${c}/month)`, 2, 14), num(`Total (${c}/year)`, 2, 14)],
    rows: [...rows, ...summary],
    boldRows: bold,
  }
}

/**
 * The PDF's cost page: what the total is made of (components), the same total by state
 * (replicating, drilling), and each RPO's total with the network plan its bandwidth needs.
 * Two tables for one total, so neither column reads as twice the total.
 */
export function costTables(doc: ReportDocument): Table[] {
  const cost = doc.cost!
  const c = cost.priceSheet.currency
  const tot = cost.totals
  const money = (label: string, rows: Array<[string, number]>, id: string, title: string, note?: string): Table => ({
    id,
    sheet: 'Cost Estimation',
    title,
    note,
    columns: [t(label, 40), num(`Per month (${c})`, 0), num(`Per year (${c})`, 0)],
    rows: [...rows, ['Total', tot.monthly] as [string, number]].map(([what, monthly]) => [what, monthly, monthly * 12]),
    boldRows: new Set([rows.length]),
  })
  return [
    money('Component', [
      ['Compute (DR drills)', tot.compute],
      ['Storage (replication and drills)', tot.storage],
      [`Network (${cost.network.plan ?? 'none'})`, tot.network],
      ['ASR license', tot.license],
    ], 'cost-components', `DR cost by component (${c})`, `${cost.priceSheet.example ? 'EXAMPLE prices, not a quote' : 'Prices'}: ${cost.priceSheet.file} (${cost.priceSheet.date}), ${cost.priceSheet.region}. ${count(cost.rows.length, 'VM row')}; ${cost.options.drillsPerYear} drills a year of ${cost.options.drillDays} days; Azure Hybrid Benefit ${cost.options.hybridBenefit ? 'on' : 'off'}; ${cost.options.redundancy}; discount ${cost.options.discountPercent} %.${tot.rowsMissingPrices ? ` ${count(tot.rowsMissingPrices, 'row')} without prices left out.` : ''}`),
    money('State', [
      ['Replicating (storage, network, license)', tot.replication],
      ['DR drills (compute, storage while a test failover runs)', tot.drill],
    ], 'cost-states', `The same total by state (${c})`),
    {
      id: 'cost-by-rpo',
      sheet: 'Recommendations',
      title: `DR cost per RPO (${c})`,
      note: 'Each RPO priced with the network plan that covers its bandwidth; storage, compute and license are the same for every RPO.',
      columns: [int('RPO (min)', 8), num('Bandwidth priced (Mbps)', 1), name('Network plan', 30), num(`Per month (${c})`, 0), num(`Per year (${c})`, 0)],
      rows: cost.byRpo.map((b) => [b.rpoMinutes, b.requiredMbps, b.networkPlan ?? 'none covers it', b.monthly, b.yearly]),
    },
  ]
}
