/**
 * The report as a PDF a manager reads in five minutes (pdfkit, loaded only here): a cover with
 * the inputs, the profiled period and the headline numbers; the charts as vectors from the same
 * definitions the workbook renders (svg-to-pdfkit); top VMs, incompatible VMs, replica-log space,
 * findings and actions, assumptions and limits. The bundled DejaVu Sans is embedded; tables repeat
 * their header on every page they run onto; every page is numbered.
 */
import {writeFileAtomic} from '../io/outputDir.js'
import {chartSvg, CHART_HEIGHT, CHART_WIDTH, type ChartDefinition} from './charts.js'
import {costLine} from './costText.js'
import {count, gb, utcMinute} from '../text.js'
import {FONT_FILES} from './chartImage.js'
import type {ReportDocument} from './document.js'
import {reportCharts} from './reportCharts.js'
import {actionsTable, blockersTable, decisionTable, driverTable, pauseSentence} from './decisionTables.js'
import {type Column, costTables, formatCell, name, num, reportTables, storageToAddGB, type Table, topVmsTable, wrapped} from './tables.js'

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

  cover(w, doc)
  pdf.addPage()
  w.heading('Bandwidth and RPO')
  w.paragraph('The curves show the worst RPO (solid) and its 90th percentile over time (dashed) that the profiled churn would have had at each bandwidth. Where the worst RPO meets a target is that RPO\'s 100 % bandwidth (filled dot): every recovery point within the target. Where the 90th percentile meets it is its 90 % bandwidth (hollow dot): 90 % of the time within it.')
  w.chart(charts.get('rpo-vs-bandwidth')!)
  w.table(driverTable(doc))
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
    for (const table of costTables(doc)) w.table(table)
  }
  pdf.addPage()
  w.heading('Findings and actions')
  for (const f of doc.findings) {
    w.finding(f.severity, f.title, f.text)
    if (f.table) w.table({id: f.id, sheet: 'Findings', title: '', columns: f.table.header.map((h, k) => (k === 0 ? name(h, 14) : /^[\d.,]+$/.test(f.table!.rows[0]?.[k] ?? '') ? num(h) : wrapped(h, 30))), rows: f.table.rows.map((r) => [...r])})
  }
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

/**
 * Page 1 decides: the VMs the plan is for; per RPO the bandwidth to order, its network plan and
 * monthly cost and how long initial replication (IR) takes; what cannot be protected, with reason
 * and fix; the top actions; how long replication may stay paused; then the inputs.
 */
function cover(w: Writer, doc: ReportDocument): void {
  const {pdf} = w
  const q = doc.profile.quality
  const a = doc.assumptions
  pdf.font('Bold').fontSize(20).fillColor('#000000').text('Azure Site Recovery capacity plan')
  pdf.font('Regular').fontSize(10.5).fillColor(MUTED).text('Hyper-V to Azure disaster recovery (DR): bandwidth to order, initial replication (IR), what cannot be protected, cost')
  pdf.fontSize(8.5).text(`Generated ${utcMinute(doc.generatedUtc)} UTC by hvplan ${doc.hvplanVersion} · profiled ${utcMinute(q.firstUtc)} to ${utcMinute(q.lastUtc)} UTC (${q.daysProfiled.toFixed(1)} days) · data quality ${q.confidence}`)
  pdf.moveDown(0.6)
  w.callout(`The plan is for ${doc.scope.text}.`)
  w.table(decisionTable(doc))
  const blockers = blockersTable(doc)
  if (blockers.rows.length) w.table(firstRows(blockers, 8, 'Incompatible VMs'))
  const actions = actionsTable(doc)
  if (actions.rows.length) w.table(actions)
  w.subheading('How long replication may stay paused')
  w.paragraph(pauseSentence(doc))
  const accounts = doc.protection.storageAccounts.filter((x) => x.storage !== 'log').length
  const tight = doc.protection.volumes.filter((v) => v.byRpo[0]?.status === 'tight').length
  w.keyValues([
    ['Azure', `${doc.protection.coresToRequest} cores to request, ${count(accounts, 'storage account')}, ${doc.protection.vms.filter((v) => v.protect).length} VMs to protect`],
    ['On-premises', `${gb(storageToAddGB(doc, 0))} to add on the host volumes for the Hyper-V Replica logs (HRL) at ${doc.bandwidth.rpos[0].rpoMinutes} min${tight ? `; ${count(tight, 'volume')} tight (the logs need more than ${Math.round(doc.limits.values.hrlTightShareOfFreeSpace.value * 100)} % of their free space)` : ''}`],
    ...(doc.cost ? [['Cost', `${costLine(doc.cost).replace(/^DR cost \([^)]*\): /, '')}${doc.cost.priceSheet.example ? ' — EXAMPLE prices, not a quote' : ''}`] as [string, string]] : []),
    ['Data quality', `${q.confidence} confidence${q.reasons.length ? ` — ${q.reasons.join('; ')}` : ''}`],
    ['Options', `RPO ${a.rpoMinutes.join(', ')} min; growth ${a.growthPercent} %; P${a.percentile}; copy frequency ${a.copyFrequencySeconds / 60} min; planned bandwidth ${a.bandwidthMbps === null ? 'not given' : `${a.bandwidthMbps} Mbps`}; outage assessed ${a.outageHours} h; limits ${a.limitsSet}`],
  ])
}

/**
 * What reads as one thing stays on one line: a Windows path never breaks at a backslash, a host
 * never parts from its volume ("CL01 C:\ClusterStorage\Volume1"), a number from its unit
 * ("50 %", "256 GB", "USD 1,567"). pdfkit's line breaker would break after "C:" and after each
 * "\": a word joiner (U+2060, zero width) on each side of a backslash and no-break spaces glue
 * them; text still breaks at every other space.
 */
export function keepTogether(text: string): string {
  return text
    .replace(/\\/g, '\u2060\\\u2060')
    .replace(/(\S) (?=[A-Za-z]:\u2060\\)/g, '$1\u00a0')
    .replace(/(\d) (?=(%|GB|TB|MB\/s|Mbps|Gbps|h|min|s|days?)(?![\w/]))/g, '$1\u00a0')
    .replace(/\b(USD|EUR|GBP) (?=\d)/g, '$1\u00a0')
}

/** The table's first rows, with a note naming the sheet that has them all (a PDF stays short). */
function firstRows(table: Table, count: number, sheet: string): Table {
  if (table.rows.length <= count) return table
  return {...table, rows: table.rows.slice(0, count), note: `${table.note ? `${table.note} ` : ''}The first ${count} of ${table.rows.length} rows; the workbook's ${sheet} sheet has them all.`}
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

  paragraph(raw: string): void {
    const text = keepTogether(raw)
    this.pdf.font('Regular').fontSize(9.5).fillColor('#000000')
    this.ensure(this.pdf.heightOfString(text, {width: this.width}) + 6)
    this.pdf.text(text, MARGIN, this.pdf.y, {width: this.width})
    this.pdf.moveDown(0.5)
  }

  /** A sentence that frames the page, on a tinted band. */
  callout(raw: string): void {
    const {pdf} = this
    const text = keepTogether(raw)
    pdf.font('Bold').fontSize(10.5)
    const h = pdf.heightOfString(text, {width: this.width - 16}) + 10
    this.ensure(h + 6)
    const y = pdf.y
    pdf.rect(MARGIN, y, this.width, h).fill('#eef3f8')
    pdf.fillColor(HEADER_FILL).text(text, MARGIN + 8, y + 5, {width: this.width - 16})
    pdf.y = y + h + 8
  }

  keyValues(rows: ReadonlyArray<[string, string]>): void {
    const {pdf} = this
    for (const [k, raw] of rows) {
      const v = keepTogether(raw)
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

  finding(severity: keyof typeof SEVERITY_COLOR, rawTitle: string, rawText: string): void {
    const {pdf} = this
    const title = keepTogether(rawTitle)
    const text = keepTogether(rawText)
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
    // Each column at least as wide as its longest header word and its longest value (a number, a
    // word; a whole name — a VM, a host volume, a network plan — in full), within a share of the
    // page; the rest shared by character width. So nothing is broken inside a word or a name.
    const texts = table.rows.map((row) => row.map((v, k) => keepTogether(formatCell(v, table.columns[k]))))
    const cap = this.width * (table.columns.length > 2 ? 0.4 : 0.6)
    // pdfkit wraps a word whose width with its trailing space exceeds the line, hence + space.
    // A header takes at most three lines.
    const least = table.columns.map((c, k) => {
      pdf.font('Bold').fontSize(fontSize)
      const header = Math.max(pdf.widthOfString(c.header) / 3, ...c.header.split(/\s+/).map((word) => pdf.widthOfString(word))) + pdf.widthOfString(' ')
      pdf.font('Regular').fontSize(fontSize)
      const body = Math.max(0, ...texts.map((row) => (c.whole || c.kind !== 'text' ? [row[k]] : row[k].split(/[ \n]+/)).reduce((m, word) => Math.max(m, pdf.widthOfString(word)), 0))) + pdf.widthOfString(' ')
      return Math.min(cap, Math.max(header, body)) + 2 * pad + 1
    })
    // Spare width first lets headers take two lines instead of three, then goes to the text columns
    // that wrap (numbers and whole names already have all they need).
    const widths = [...least]
    // Too wide (long words in several text columns, a URL): the wrapping text columns give up width
    // in proportion to what they have beyond 40 pt, breaking their longest words.
    const over = least.reduce((n, x) => n + x, 0) - this.width
    if (over > 0) {
      const give = table.columns.map((c, k) => (c.kind === 'text' && !c.whole ? Math.max(0, least[k] - 40) : 0))
      const can = give.reduce((n, x) => n + x, 0)
      give.forEach((g, k) => (widths[k] -= can > 0 ? g * Math.min(1, over / can) : 0))
      const still = widths.reduce((n, x) => n + x, 0) / this.width
      if (still > 1) widths.forEach((x, k) => (widths[k] = x / still))
    }
    let spare = Math.max(0, this.width - widths.reduce((n, x) => n + x, 0))
    pdf.font('Bold').fontSize(fontSize)
    const comfort = table.columns.map((c, k) => Math.max(0, Math.min(cap, pdf.widthOfString(c.header) / 2 + pdf.widthOfString(' ') + 2 * pad + 1) - widths[k]))
    const wanted = comfort.reduce((n, x) => n + x, 0)
    if (wanted > 0) {
      const share = Math.min(1, spare / wanted)
      comfort.forEach((x, k) => (widths[k] += x * share))
      spare -= wanted * share
    }
    const weight = (c: Column) => (c.kind === 'text' && !c.whole ? (c.width ?? 16) : 0)
    const total = table.columns.reduce((n, c) => n + weight(c), 0)
    table.columns.forEach((c, k) => (widths[k] += total > 0 ? (weight(c) / total) * spare : spare / table.columns.length))
    const cellHeight = (cells: readonly string[], font: string) => {
      pdf.font(font).fontSize(fontSize)
      return Math.max(...cells.map((text, k) => pdf.heightOfString(text, {width: widths[k] - 2 * pad}))) + 2 * pad
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
    if (table.title) pdf.font('Bold').fontSize(11).fillColor('#000000').text(table.title, MARGIN, pdf.y, {width: this.width})
    if (table.note) pdf.font('Regular').fontSize(8).fillColor(MUTED).text(table.note, MARGIN, pdf.y + 1, {width: this.width})
    pdf.moveDown(0.3)
    if (table.rows.length === 0) {
      pdf.font('Regular').fontSize(9).fillColor('#000000').text(whenEmpty ?? 'None.', MARGIN, pdf.y)
      pdf.moveDown(1)
      return
    }
    drawHeader()
    table.rows.forEach((_row, r) => {
      const font = table.boldRows?.has(r) ? 'Bold' : 'Regular'
      const height = cellHeight(texts[r], font) // measured in the font it is drawn in
      if (pdf.y + height > this.bottom) {
        pdf.addPage()
        drawHeader()
      }
      const y = pdf.y
      if (r % 2 === 1) pdf.rect(MARGIN, y, this.width, height).fill('#f2f2f2')
      pdf.font(font).fontSize(fontSize).fillColor(table.subRows?.has(r) ? MUTED : '#000000')
      placeCells(texts[r], y)
      pdf.y = y + height
    })
    pdf.x = MARGIN
    pdf.moveDown(1)
  }
}
