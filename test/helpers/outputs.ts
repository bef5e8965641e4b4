/** Readers of the written outputs, independent of the writers: PDF text (pdf.js) and workbook cells (exceljs). */
import {readFileSync} from 'node:fs'
import ExcelJS from 'exceljs'

/** The text of each PDF page, whitespace collapsed, word joiners dropped. */
export async function pdfPageTexts(data: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const pdf = await pdfjs.getDocument({data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false}).promise
  const texts: string[] = []
  for (let k = 1; k <= pdf.numPages; k++) {
    const content = await (await pdf.getPage(k)).getTextContent()
    // Word joiners glue paths in the PDF (writePdf.ts keepPaths); they are not part of the text.
    texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\u2060/g, '').replace(/\s+/g, ' '))
  }
  return texts
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer)
  return wb
}

/** A sheet's rows from its header row on, as arrays of cell values (row 1 = the header). */
export function sheetRows(wb: ExcelJS.Workbook, sheet: string, headerRow: number): unknown[][] {
  const ws = wb.getWorksheet(sheet)
  if (!ws) throw new Error(`no sheet ${sheet}`)
  const rows: unknown[][] = []
  ws.eachRow((row, r) => {
    if (r < headerRow) return
    const values: unknown[] = []
    row.eachCell({includeEmpty: true}, (cell, c) => {
      values[c - 1] = cell.value
    })
    rows.push(values)
  })
  return rows
}
