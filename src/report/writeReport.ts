/**
 * The one place a report document becomes files: the workbook, the PDF, the JSON and the
 * interactive HTML page, each from
 * the same document, so they always agree. Heavy writers (exceljs, pdfkit, resvg) load only when
 * their output is asked for.
 */
import type {ReportDocument} from './document.js'

export interface ReportFiles {
  readonly xlsx?: string
  readonly pdf?: string
  readonly json?: string
  /** The interactive page (the document must have been built with pageSeries). */
  readonly html?: string
}

export async function writeReport(doc: ReportDocument, files: ReportFiles): Promise<void> {
  if (files.json) {
    const {writeReportJson} = await import('./writeJson.js')
    writeReportJson(doc, files.json)
  }
  if (files.xlsx) {
    const {reportTables} = await import('./tables.js')
    const {workbookCharts} = await import('./workbookCharts.js')
    const {writeReportXlsx} = await import('./writeXlsx.js')
    await writeReportXlsx(reportTables(doc), files.xlsx, await workbookCharts(doc))
  }
  if (files.html) {
    const {writeReportHtml} = await import('./writeHtml.js')
    writeReportHtml(doc, files.html)
  }
  if (files.pdf) {
    const {writeReportPdf} = await import('./writePdf.js')
    await writeReportPdf(doc, files.pdf)
  }
}
