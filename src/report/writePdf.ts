/**
 * The report as a PDF a manager reads in five minutes (pdfkit, loaded only here): a cover with
 * the inputs, the profiled period and the headline numbers; the charts as vectors from the same
 * definitions the workbook renders (svg-to-pdfkit); top VMs, incompatible VMs, replica-log space,
 * findings and actions, assumptions and limits. The bundled DejaVu Sans is embedded; tables repeat
 * their header on every page they run onto; every page is numbered.
 */
import {writeFileAtomic} from '../io/outputDir.js'
import {chartSvg, CHART_HEIGHT, CHART_WIDTH, type ChartDefinition} from './charts.js'
import {money} from './costText.js'
import {count} from '../text.js'
import {FONT_FILES} from './chartImage.js'
import type {ReportDocument} from './document.js'
import {reportCharts} from './reportCharts.js'
import {costSummaryTable, formatCell, reportTables, storageToAddGB, type Table, topVmsTable} from './tables.js'

type Pdf = PDFKit.PDFDocument

const MARGIN = 48
const HEADER_FILL = '#1f4e79'
const MUTED = '#595959'
const SEVERITY_COLOR = {action: '#c00000', warning: '#c55a11', info: '#1f4e79'} as const

export async function writeReportPdf(doc: ReportDocument, path: string): Promise<void> {
  writeFileAtomic(path, await renderReportPdf(doc))
}

export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const tables = new Map([...reportTables(doc), topVmsTable(doc)].map((t) => [t.id, t]))
  const charts = new Map(reportCharts(doc).map((c) => [c.id, c]))
  const PDFDocument = (await import('pdfkit')).default
  const SVGtoPDF = (await import('svg-to-pdfkit')).default
  const pdf: Pdf = new PDFDocument({size: 'A4', margin: MARGIN, bufferPages: true, autoFirstPage: true, info: {Title: 'Azure Site Recovery capacity plan', Author: 'hvplan', Creator: `hvplan ${doc.hvplanVersion}`, CreationDate: new Date(doc.generatedUtc)}})
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve)
    pdf.on('error', reject)
  })
  pdf.registerFont('Regular', FONT_FILES.regular)
  pdf.registerFont('Bold', FONT_FILES.bold)
  pdf.font('Regular')
  const w = new Writer(pdf, (chart, x, y, width) => SVGtoPDF(pdf as never, chartSvg(chart), x, y, {width, height: (width * CHART_HEIGHT) / CHART_WIDTH, assumePt: true, fontCallback: (_family, bold) => (bold ? 'Bold' : 'Regular')}))

  cover(w, doc, tables.get('recommendations'))
  pdf.addPage()
  w.heading('Bandwidth and RPO')
  w.paragraph(`The curve shows the worst RPO (and its 90th percentile over time) the profiled churn would have had at each bandwidth, for the ${doc.bandwidth.rpos[0].rpoMinutes}-minute target. The 100 % bandwidth keeps every recovery point within the target; the 90 % bandwidth keeps 90 % of the time within it.`)
  w.chart(charts.get('rpo-vs-bandwidth')!)
  w.chart(charts.get('worst-rpo-per-day')!)
  pdf.addPage()
  w.heading('Churn')
  w.paragraph(`Site churn is the sum of every protected disk's writes per window, with ${doc.assumptions.growthPercent} % growth and gaps filled from the same time on other days; the bandwidth is computed from this series.`)
  w.chart(charts.get('site-churn')!)
  w.chart(charts.get('top-vms')!)
  w.table(tables.get('top-vms')!)
  pdf.addPage()
  w.heading('Protection')
  w.table(firstRows(tables.get('incompatible')!, 40, 'Incompatible VMs'), 'No VM is incompatible.')
  if (doc.scope.withoutData.length) w.table(firstRows(tables.get('no-data')!, 30, 'VMs without Data'))
  w.chart(charts.get('hrl-space')!)
  w.table(firstRows(tables.get('onprem-storage')!, 30, 'On-premises Storage'))
  if (doc.cost) {
    pdf.addPage()
    w.heading('Cost')
    w.paragraph(`What disaster recovery costs per month and per year: replication (storage for the replicas and recovery points, the network plan, the ASR license once per protected instance) and DR drills (the VMs and their disks while a test failover runs). The workbook's Cost Estimation sheet has every VM and recalculates when drills, duration, Hybrid Benefit or discount change.`)
    w.table(costSummaryTable(doc))
    const first = doc.cost.byRpo.map((b) => `${b.rpoMinutes} min: ${b.networkPlan ?? 'no plan'} — ${money(b.monthly, doc.cost!.priceSheet.currency)} per month`)
    w.paragraph(`With the network plan each RPO's bandwidth needs: ${first.join('; ')}.`)
  }
  pdf.addPage()
  w.heading('Findings and actions')
  for (const f of doc.findings) w.finding(f.severity, f.title, f.text)
  pdf.addPage()
  w.table(tables.get('assumptions')!)

  // Page numbers, once every page exists.
  const range = pdf.bufferedPageRange()
  for (let k = range.start; k < range.start + range.count; k++) {
    pdf.switchToPage(k)
    pdf.page.margins.bottom = 0 // text in the bottom margin must not start a new page
    pdf.font('Regular').fontSize(8).fillColor(MUTED)
    const y = pdf.page.height - MARGIN + 16
    pdf.text(`hvplan ${doc.hvplanVersion} · Azure Site Recovery capacity plan`, MARGIN, y, {lineBreak: false})
    pdf.text(`Page ${k + 1} of ${range.count}`, MARGIN, y, {width: pdf.page.width - 2 * MARGIN, align: 'right', lineBreak: false})
  }
  pdf.end()
  await ended
  return Buffer.concat(chunks)
}

function cover(w: Writer, doc: ReportDocument, recommendations: Table | undefined): void {
  const {pdf} = w
  const q = doc.profile.quality
  const a = doc.assumptions
  pdf.font('Bold').fontSize(22).fillColor('#000000').text('Azure Site Recovery capacity plan')
  pdf.font('Regular').fontSize(12).fillColor(MUTED).text('Hyper-V to Azure: bandwidth, RPO, storage, replica logs and initial replication')
  pdf.moveDown(0.3)
  pdf.fontSize(9).text(`Generated ${doc.generatedUtc.slice(0, 16).replace('T', ' ')} UTC by hvplan ${doc.hvplanVersion}`)
  pdf.moveDown(1)

  const first = doc.bandwidth.rpos[0]
  const compatible = doc.protection.vms.filter((v) => v.compatible !== 'No').length
  const incompatible = doc.protection.vms.length - compatible
  const additional = storageToAddGB(doc, 0)
  const batches = doc.protection.batching[0]?.plan.batches.length ?? 0
  const headline: Array<[string, string, string]> = [
    [`Bandwidth for a ${first.rpoMinutes}-minute RPO`, `${first.bandwidth100Mbps.toFixed(1)} Mbps`, `met 100 % of the time; ${first.bandwidth90Mbps.toFixed(1)} Mbps meets it 90 % of the time${doc.afterFixes ? `; all ${doc.afterFixes.vms} VMs after fixes: ${doc.afterFixes.rpos[0].bandwidth100Mbps.toFixed(1)} Mbps` : ''}`],
    ['VMs to protect', `${doc.protection.vms.filter((v) => v.protect).length} of ${doc.protection.vms.length}`, `${compatible} compatible, ${incompatible} incompatible${doc.scope.left.length ? `; not protected: ${doc.scope.left.map((l) => l.vm).join(', ')}` : ''}`],
    ['Azure cores to request', String(doc.protection.coresToRequest), count(doc.protection.storageAccounts.filter((x) => x.storage !== 'log').length, 'storage account')],
    ['On-premises storage to add', `${additional.toFixed(0)} GB`, 'for Hyper-V Replica logs on the host volumes'],
    ['Initial replication', count(batches, 'batch', 'batches'), `at ${(doc.protection.batching[0]?.totalBandwidthMbps ?? first.bandwidth100Mbps).toFixed(1)} Mbps`],
  ]
  if (doc.cost) {
    const c = doc.cost
    headline.push(['Disaster recovery cost', `${money(c.totals.monthly, c.priceSheet.currency)} / month`, `${money(c.totals.yearly, c.priceSheet.currency)} per year; ${c.priceSheet.example ? 'EXAMPLE prices, not a quote' : `prices of ${c.priceSheet.date}`}`])
  }
  if (doc.whatIf.atBandwidth) headline.push([`At the planned ${doc.whatIf.atBandwidth.bandwidthMbps} Mbps`, `${formatMinutes(doc.whatIf.atBandwidth.achievableRpoMinutes)}`, `worst RPO; ${(doc.whatIf.atBandwidth.withinTargetShare * 100).toFixed(1)} % of the time within ${first.rpoMinutes} min`])
  w.headline(headline)
  pdf.moveDown(0.8)

  w.subheading('Inputs')
  w.keyValues([
    ['Profiled period (UTC)', `${q.firstUtc?.slice(0, 16).replace('T', ' ') ?? '—'} to ${q.lastUtc?.slice(0, 16).replace('T', ' ') ?? '—'} (${q.daysProfiled.toFixed(1)} days; recommended ≥ 7, ideally 31)`],
    ['Counter logs', `${q.files} file(s); ${doc.profile.vms.length} VMs profiled`],
    ['The plan is for', `${doc.scope.text}; ${doc.bandwidth.diskCount} disks`],
    ['Data quality', `${q.confidence} confidence${q.reasons.length ? ` — ${q.reasons.join('; ')}` : ''}`],
    ['Options', `RPO ${a.rpoMinutes.join(', ')} min; growth ${a.growthPercent} %; P${a.percentile}; copy frequency ${a.copyFrequencySeconds / 60} min; planned bandwidth ${a.bandwidthMbps === null ? 'not given' : `${a.bandwidthMbps} Mbps`}; outage assessed ${a.outageHours} h`],
    ['Limits', a.limitsSet],
  ])
  pdf.moveDown(0.8)
  // The cover keeps the bandwidth columns of the recommendations; the workbook has them all.
  // (the achievable RPO only with a planned bandwidth; the monthly cost with each RPO's network plan).
  if (recommendations) {
    const at = (header: RegExp) => recommendations.columns.findIndex((c) => header.test(c.header))
    const keep = [/^RPO/, /met 100 %/, /met 90 %/, ...(doc.afterFixes ? [/^All VMs after fixes: 100 %/] : []), /^What sets/, ...(doc.whatIf.atBandwidth ? [/^Achievable RPO/] : []), ...(doc.cost ? [/^DR cost .*\/month\)$/] : [])].map(at)
    w.table(pickColumns(recommendations, keep))
  }
}

/** The table's first rows, with a note naming the sheet that has them all (a PDF stays short). */
function firstRows(table: Table, count: number, sheet: string): Table {
  if (table.rows.length <= count) return table
  return {...table, rows: table.rows.slice(0, count), note: `${table.note ? `${table.note} ` : ''}The first ${count} of ${table.rows.length} rows; the workbook's ${sheet} sheet has them all.`}
}

/** The same table with only some of its columns (by index). */
function pickColumns(table: Table, keep: readonly number[]): Table {
  return {...table, columns: keep.map((k) => table.columns[k]), rows: table.rows.map((row) => keep.map((k) => row[k]))}
}

function formatMinutes(m: number): string {
  return Number.isFinite(m) ? `${m.toFixed(1)} min` : 'not reached'
}

class Writer {
  constructor(
    readonly pdf: Pdf,
    private readonly drawChart: (chart: ChartDefinition, x: number, y: number, width: number) => void,
  ) {}

  private get width(): number {
    return this.pdf.page.width - 2 * MARGIN
  }

  private get bottom(): number {
    return this.pdf.page.height - MARGIN
  }

  /** Starts a new page unless `height` fits below the cursor. */
  private ensure(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage()
  }

  heading(text: string): void {
    this.ensure(60)
    this.pdf.font('Bold').fontSize(16).fillColor(HEADER_FILL).text(text, MARGIN, this.pdf.y)
    this.pdf.moveDown(0.4)
  }

  subheading(text: string): void {
    this.ensure(50)
    this.pdf.font('Bold').fontSize(12).fillColor('#000000').text(text, MARGIN, this.pdf.y)
    this.pdf.moveDown(0.3)
  }

  paragraph(text: string): void {
    this.pdf.font('Regular').fontSize(9.5).fillColor('#000000')
    this.ensure(this.pdf.heightOfString(text, {width: this.width}) + 6)
    this.pdf.text(text, MARGIN, this.pdf.y, {width: this.width})
    this.pdf.moveDown(0.5)
  }

  headline(items: ReadonlyArray<[string, string, string]>): void {
    const {pdf} = this
    for (const [label, value, note] of items) {
      const y = pdf.y
      pdf.rect(MARGIN, y, this.width, 38).fill('#eef3f8')
      pdf.font('Regular').fontSize(9).fillColor(MUTED).text(label, MARGIN + 10, y + 6, {width: 190})
      pdf.font('Bold').fontSize(16).fillColor(HEADER_FILL).text(value, MARGIN + 10, y + 17, {width: 190, lineBreak: false})
      pdf.font('Regular').fontSize(9).fillColor('#000000').text(note, MARGIN + 210, y + 13, {width: this.width - 220})
      pdf.y = y + 43
    }
  }

  keyValues(rows: ReadonlyArray<[string, string]>): void {
    const {pdf} = this
    for (const [k, v] of rows) {
      pdf.font('Regular').fontSize(9.5)
      const h = Math.max(pdf.heightOfString(v, {width: this.width - 140}), 12)
      this.ensure(h + 4)
      const y = pdf.y
      pdf.font('Bold').fillColor('#000000').text(k, MARGIN, y, {width: 130})
      pdf.font('Regular').text(v, MARGIN + 140, y, {width: this.width - 140})
      pdf.y = y + h + 4
    }
  }

  chart(chart: ChartDefinition): void {
    const height = (this.width * CHART_HEIGHT) / CHART_WIDTH
    this.ensure(height + 10)
    this.drawChart(chart, MARGIN, this.pdf.y, this.width)
    this.pdf.y += height + 10
  }

  finding(severity: keyof typeof SEVERITY_COLOR, title: string, text: string): void {
    const {pdf} = this
    pdf.font('Bold').fontSize(10.5)
    const titleHeight = pdf.heightOfString(title, {width: this.width - 70})
    pdf.font('Regular').fontSize(9.5)
    this.ensure(titleHeight + Math.min(60, pdf.heightOfString(text, {width: this.width - 70})) + 12)
    const y = pdf.y
    pdf.font('Bold').fontSize(8).fillColor(SEVERITY_COLOR[severity]).text(severity.toUpperCase(), MARGIN, y + 2, {width: 60})
    pdf.font('Bold').fontSize(10.5).fillColor('#000000').text(title, MARGIN + 70, y, {width: this.width - 70})
    pdf.font('Regular').fontSize(9.5).text(text, MARGIN + 70, pdf.y + 2, {width: this.width - 70})
    pdf.moveDown(0.8)
  }

  /** A table: widths from the columns' character widths, wrapped cells, header repeated on each page. */
  table(table: Table, whenEmpty?: string): void {
    const {pdf} = this
    const pad = 3
    const fontSize = table.columns.length > 8 ? 7 : 8
    // Each column at least as wide as its longest header word; the rest shared by character width.
    pdf.font('Bold').fontSize(fontSize)
    const least = table.columns.map((c) => Math.max(...c.header.split(/\s+/).map((word) => pdf.widthOfString(word))) + 2 * pad + 1)
    const spare = Math.max(0, this.width - least.reduce((n, x) => n + x, 0))
    const total = table.columns.reduce((n, c) => n + (c.width ?? 16), 0)
    const widths = table.columns.map((c, k) => least[k] + ((c.width ?? 16) / total) * spare)
    const cellHeight = (texts: readonly string[], font: string) => {
      pdf.font(font).fontSize(fontSize)
      return Math.max(...texts.map((text, k) => pdf.heightOfString(text, {width: widths[k] - 2 * pad}))) + 2 * pad
    }
    /** One row's texts in their columns, from y (font and colour already set). */
    const placeCells = (texts: readonly string[], y: number) => {
      let x = MARGIN
      texts.forEach((text, k) => {
        pdf.text(text, x + pad, y + pad, {width: widths[k] - 2 * pad, align: table.columns[k].kind === 'text' ? 'left' : 'right'})
        x += widths[k]
      })
    }
    const headers = table.columns.map((c) => c.header)
    const headerHeight = cellHeight(headers, 'Bold')
    const drawHeader = () => {
      const y = pdf.y
      pdf.rect(MARGIN, y, this.width, headerHeight).fill(HEADER_FILL)
      pdf.font('Bold').fontSize(fontSize).fillColor('#ffffff')
      placeCells(headers, y)
      pdf.y = y + headerHeight
    }
    this.ensure(40 + headerHeight)
    pdf.font('Bold').fontSize(11).fillColor('#000000').text(table.title, MARGIN, pdf.y, {width: this.width})
    if (table.note) pdf.font('Regular').fontSize(8).fillColor(MUTED).text(table.note, MARGIN, pdf.y + 1, {width: this.width})
    pdf.moveDown(0.3)
    if (table.rows.length === 0) {
      pdf.font('Regular').fontSize(9).fillColor('#000000').text(whenEmpty ?? 'None.', MARGIN, pdf.y)
      pdf.moveDown(1)
      return
    }
    drawHeader()
    table.rows.forEach((row, r) => {
      const texts = row.map((v, k) => formatCell(v, table.columns[k]))
      const font = table.boldRows?.has(r) ? 'Bold' : 'Regular'
      const height = cellHeight(texts, font) // measured in the font it is drawn in
      if (pdf.y + height > this.bottom) {
        pdf.addPage()
        drawHeader()
      }
      const y = pdf.y
      if (r % 2 === 1) pdf.rect(MARGIN, y, this.width, height).fill('#f2f2f2')
      pdf.font(font).fontSize(fontSize).fillColor(table.subRows?.has(r) ? MUTED : '#000000')
      placeCells(texts, y)
      pdf.y = y + height
    })
    pdf.x = MARGIN
    pdf.moveDown(1)
  }
}
