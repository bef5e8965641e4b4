/**
 * The PDF report, its text extracted with pdf.js (an independent reader): headline numbers equal
 * the document's, charts are vector drawings with real text, tables repeat their header on every
 * page, pages are numbered, the font is embedded, and input text is shown as text.
 */
import {join} from 'node:path'
import {readFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReportDocument} from '../../src/report/document.js'
import {FONT_FILES} from '../../src/report/chartImage.js'
import {writeReport} from '../../src/report/writeReport.js'
import {keepTogether} from '../../src/report/writePdf.js'
import {EVIL, reportEstate} from '../helpers/reportEstate.js'
import {pdfPageTexts} from '../helpers/outputs.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()
let doc: ReportDocument
let pdfBytes: Buffer
let pages: string[]

const pageTexts = pdfPageTexts

beforeAll(async () => {
  const {report} = await reportEstate(tmp)
  doc = report({bandwidthMbps: 100})
  await writeReport(doc, {pdf: join(tmp, 'report.pdf'), json: join(tmp, 'report.json')})
  pdfBytes = readFileSync(join(tmp, 'report.pdf'))
  pages = await pageTexts(pdfBytes)
})

describe('PDF report', () => {
  it('opens with the decision: per RPO the bandwidth for 100 % and 90 %, after fixes, the worst RPO at the planned bandwidth, IR', () => {
    const cover = pages[0]
    expect(cover).toContain('Azure Site Recovery capacity plan')
    expect(cover).toContain('At the planned 100 Mbps, per RPO')
    doc.bandwidth.rpos.forEach((r, k) => {
      const ir = doc.protection.batching[k].plan.batches
      const hours = ir.reduce((n, b) => n + b.irSeconds, 0) / 3600
      expect(cover).toContain(`${r.rpoMinutes} ${r.bandwidth100Mbps.toFixed(1)} ${r.bandwidth90Mbps.toFixed(1)} ${doc.afterFixes!.rpos[k].bandwidth100Mbps.toFixed(1)} ${doc.whatIf[k].atBandwidth!.achievableRpoMinutes.toFixed(1)} ${ir.length} batch${ir.length === 1 ? '' : 'es'}, ${Number.isFinite(hours) ? `${hours.toFixed(1)} h` : 'no bandwidth left'}`)
    })
    expect(cover).toContain(`After fixes: all ${doc.afterFixes!.vms} profiled VMs.`)
    expect(cover).toContain(`Azure ${doc.protection.coresToRequest} cores to request`)
    expect(cover).toContain(`${doc.protection.vms.filter((v) => v.protect).length} VMs to protect`)
    expect(cover).toContain(`(${doc.profile.quality.daysProfiled.toFixed(1)} days)`)
  })

  it('agrees with the JSON written from the same document', () => {
    const json = JSON.parse(readFileSync(join(tmp, 'report.json'), 'utf8')) as ReportDocument
    expect(pages[0]).toContain(`${json.bandwidth.rpos[0].rpoMinutes} ${json.bandwidth.rpos[0].bandwidth100Mbps.toFixed(1)} ${json.bandwidth.rpos[0].bandwidth90Mbps.toFixed(1)}`)
    expect(json.generatedUtc).toBe(doc.generatedUtc)
  })

  it('draws the charts as vectors with their text, from the chart definitions', () => {
    const all = pages.join('\n')
    for (const title of [`RPO vs bandwidth (targets ${doc.bandwidth.rpos.map((r) => r.rpoMinutes).join(', ')} min)`, 'Bandwidth (Mbps)', 'Site churn per 5-minute window', 'Worst RPO per UTC day at 100.0 Mbps (planned bandwidth)', 'Hyper-V Replica log (HRL) space per host volume', 'Top 2 VMs by P95 churn']) {
      expect(all).toContain(title)
    }
    expect(all).toContain(`P95: ${doc.siteChurn.percentileMBps.toFixed(2)} MB/s`)
    // Vector drawing, not a picture: no image XObject in the file.
    expect(pdfBytes.includes('/Subtype /Image')).toBe(false)
  })

  it('lists incompatible VMs with their reasons, input names shown as text', () => {
    const all = pages.join('\n')
    const incompatible = doc.protection.vms.filter((v) => v.compatible === 'No')
    expect(incompatible.map((v) => v.vm)).toContain(EVIL)
    for (const v of incompatible) expect(all).toContain(v.vm)
    expect(all).toContain('Findings and actions')
    for (const f of doc.findings) expect(all).toContain(f.title)
  })

  it('numbers every page, embeds its font, and repeats a table header on a continued page', () => {
    pages.forEach((text, k) => expect(text).toContain(`Page ${k + 1} of ${pages.length}`))
    const raw = pdfBytes.toString('latin1')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/)
    expect(raw).toContain('/FontFile2')
    // The assumptions table runs over two pages; both start with its header row.
    const withLimits = pages.filter((p) => p.includes('Premium tier P') || p.includes('Limit: '))
    expect(withLimits.length).toBeGreaterThanOrEqual(2)
    for (const p of withLimits) expect(p).toMatch(/Item Value Source/)
  })
})

describe('PDF line breaking', () => {
  /** The lines pdfkit makes of `text` in a column `width` pt wide (DejaVu Sans 10 pt), read back by pdf.js. */
  async function linesOf(text: string, width: number): Promise<string[]> {
    const PDFDocument = (await import('pdfkit')).default
    const pdf = new PDFDocument({size: 'A4', margin: 40})
    const chunks: Buffer[] = []
    pdf.on('data', (c: Buffer) => chunks.push(c))
    const ended = new Promise((resolve) => pdf.on('end', resolve))
    pdf.registerFont('R', FONT_FILES.regular)
    pdf.font('R').fontSize(10).text(text, 40, 40, {width})
    pdf.end()
    await ended
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const page = await (await pdfjs.getDocument({data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false}).promise).getPage(1)
    const byY = new Map<number, string>()
    for (const item of (await page.getTextContent()).items) if ('str' in item && item.str.trim()) byY.set(Math.round(item.transform[5]), `${byY.get(Math.round(item.transform[5])) ?? ''}${item.str}`)
    return [...byY.entries()].sort((a, b) => b[0] - a[0]).map(([, s]) => s.replace(/\u2060/g, '').replace(/\s+/g, ' ').trim())
  }

  it('keeps a host volume, a path and a number with its unit on one line', async () => {
    const text = 'Watch the space on CL01 C:\\ClusterStorage\\Volume1 now; BUILD01_temp.vhdx reaches 50 % of 256 GB'
    // Unglued, pdfkit breaks after "C:" (the reason for keepTogether).
    expect((await linesOf(text, 220))[1]).toMatch(/^\\ClusterStorage/)
    // pdf.js may read a zero-width joiner as a gap: compare without spaces.
    const lines = (await linesOf(keepTogether(text), 220)).map((l) => l.replace(/ /g, ''))
    expect(lines.some((l) => l.includes('CL01C:\\ClusterStorage\\Volume1'))).toBe(true)
    expect(lines.some((l) => l.includes('50%'))).toBe(true)
    expect(lines.some((l) => l.includes('256GB'))).toBe(true)
    expect(lines.join('')).toBe(text.replace(/ /g, ''))
  })
})

describe('PDF page layout', () => {
  it('keeps every piece of text inside the page margins (no table wider than the page)', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const pdf = await pdfjs.getDocument({data: new Uint8Array(pdfBytes), useSystemFonts: false, isEvalSupported: false}).promise
    let items = 0
    for (let k = 1; k <= pdf.numPages; k++) {
      const page = await pdf.getPage(k)
      const [, , width] = page.view
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue
        items++
        const x = item.transform[4]
        // A4 is 595 pt wide; the report's margins are 48 pt (charts draw inside them too).
        expect(x, `page ${k}: ${item.str}`).toBeGreaterThanOrEqual(48 - 0.5)
        expect(x + item.width, `page ${k}: ${item.str}`).toBeLessThanOrEqual(width - 48 + 0.5)
      }
    }
    expect(items).toBeGreaterThan(500)
  })
})
