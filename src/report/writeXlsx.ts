/**
 * The report as an Excel workbook (exceljs, loaded only here): one sheet per table, a title and
 * note, a styled header row, frozen panes, autofilter, number formats, column widths, detail rows
 * grouped under their parent, and a contents list linking every sheet. Text from inputs is always
 * written as a string cell, never as a formula.
 */
import {writeFileAtomic} from '../io/outputDir.js'
import {isFormula, type Table, tableLayout} from './tables.js'
import type {SheetImage} from './workbookCharts.js'

const HEADER_FILL = 'FF1F4E79'
const SUB_FONT = 'FF595959'
/** Inputs a planner may edit: light yellow, as spreadsheets mark input cells. */
const INPUT_FILL = 'FFFFF2CC'

/** images: PNG charts placed on the named sheets, stacked (beside the table when the sheet has one). */
export async function writeReportXlsx(tables: readonly Table[], path: string, images: readonly SheetImage[] = []): Promise<void> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hvplan'
  wb.created = new Date(0) // reproducible files: no wall-clock time inside
  for (const table of tables) {
    const {inputRow, headerRow} = tableLayout(table)
    // Frozen header and first column; under a block of inputs only the first column stays.
    const ws = wb.addWorksheet(table.sheet.slice(0, 31), {
      views: table.columns.length > 0 ? [{state: 'frozen', ySplit: table.inputs?.length ? 0 : headerRow, xSplit: 1}] : [],
      properties: {outlineLevelRow: 1},
      // Printed (or converted to PDF): landscape, all columns on one page width, header row repeated.
      pageSetup: {orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}`},
    })
    ws.getCell(1, 1).value = table.title
    ws.getCell(1, 1).font = {bold: true, size: 14}
    if (table.note) {
      ws.getCell(2, 1).value = table.note
      ws.getCell(2, 1).font = {italic: true, color: {argb: SUB_FONT}}
      // A long note wraps over the table's width (merged), instead of running far past it and
      // shrinking the printed page.
      const width = table.columns.reduce((n, c) => n + (c.width ?? 16), 0)
      if (table.columns.length > 1) {
        ws.mergeCells(2, 1, 2, table.columns.length)
        ws.getCell(2, 1).alignment = {wrapText: true, vertical: 'top'}
        ws.getRow(2).height = 15 * wrappedLines(table.note, width)
      }
    }
    table.inputs?.forEach((input, k) => {
      const label = ws.getCell(inputRow + k, 1)
      label.value = input.label
      label.font = {bold: true}
      const cell = ws.getCell(inputRow + k, 2)
      cell.value = input.value
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: INPUT_FILL}}
      if (typeof input.value === 'number') cell.numFmt = Number.isInteger(input.value) ? '0' : '#,##0.00'
      if (input.choices) cell.dataValidation = {type: 'list', allowBlank: false, formulae: [`"${input.choices.join(',')}"`]}
      if (input.note) {
        ws.getCell(inputRow + k, 3).value = input.note
        ws.getCell(inputRow + k, 3).font = {italic: true, color: {argb: SUB_FONT}}
      }
    })
    table.columns.forEach((c, k) => {
      const cell = ws.getCell(headerRow, k + 1)
      cell.value = c.header
      cell.font = {bold: true, color: {argb: 'FFFFFFFF'}}
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
      cell.alignment = {wrapText: true, vertical: 'middle'}
      ws.getColumn(k + 1).width = c.width ?? 16
      if (c.kind !== 'text') ws.getColumn(k + 1).numFmt = c.kind === 'percent' ? '0.0%' : c.kind === 'integer' ? '#,##0' : `#,##0${c.decimals ? `.${'0'.repeat(c.decimals)}` : ''}`
    })
    // Header text wraps: the row is as tall as its longest header needs (two lines at least).
    ws.getRow(headerRow).height = 15 * Math.max(2, ...table.columns.map((c) => wrappedLines(c.header, c.width ?? 16, 0.85)))
    table.rows.forEach((row, r) => {
      const excelRow = ws.getRow(headerRow + 1 + r)
      let lines = 1
      row.forEach((value, k) => {
        const cell = excelRow.getCell(k + 1)
        const column = table.columns[k]
        // Strings go in as string cells (shared strings), which Excel never evaluates: input text
        // such as a VM named =HYPERLINK("x") stays text. Only a {formula} value makes a formula.
        cell.value = isFormula(value) ? {formula: value.formula, result: value.result ?? undefined} : value
        // Text is indented off the number to its left; only long-text columns wrap, and their row
        // gets the height its lines need (LibreOffice and Excel keep heights as written).
        if (column.kind === 'text') cell.alignment = {vertical: 'top', indent: 1, wrapText: column.wrap === true}
        if (column.wrap && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, column.width ?? 16))
      })
      if (lines > 1) excelRow.height = 15 * lines
      if (table.boldRows?.has(r)) excelRow.font = {bold: true}
      if (table.subRows?.has(r)) {
        excelRow.outlineLevel = 1
        excelRow.font = {color: {argb: SUB_FONT}}
      }
    })
    if (table.heatMap && table.rows.length > 0 && table.columns.length > 1) {
      const ref = `B${headerRow + 1}:${columnLetter(table.columns.length)}${headerRow + table.rows.length}`
      ws.addConditionalFormatting({
        ref,
        rules: [{type: 'colorScale', priority: 1, cfvo: [{type: 'min'}, {type: 'percentile', value: 50}, {type: 'max'}], color: [{argb: 'FF63BE7B'}, {argb: 'FFFFEB84'}, {argb: 'FFF8696B'}]}],
      })
    }
    if (table.rows.length > 0) ws.autoFilter = {from: {row: headerRow, column: 1}, to: {row: headerRow + table.rows.length, column: table.columns.length}}
    // Charts: stacked down the sheet, right of the table if there is one. The rows they span get
    // an explicit 15 pt (20 px) height: spreadsheet programs differ in the default (LibreOffice
    // 12.8 pt), and stacked pictures would otherwise overlap.
    let top = headerRow - 1
    for (const image of images.filter((x) => x.sheet === table.sheet)) {
      const id = wb.addImage({buffer: image.png as unknown as ArrayBuffer, extension: 'png'})
      ws.addImage(id, {tl: {col: table.columns.length > 0 ? table.columns.length + 1 : 0, row: top}, ext: {width: image.width, height: image.height}})
      const rows = Math.ceil(image.height / 20) + 2
      for (let r = top + 1; r <= top + rows; r++) if (!ws.getRow(r).height) ws.getRow(r).height = 15
      // Printed, a picture cut by a page break comes out garbled: on a sheet of charts only, each
      // chart gets its own page.
      if (table.columns.length === 0) ws.getRow(top + rows).addPageBreak()
      top += rows
    }
  }
  // Contents on the first sheet: a link to every sheet.
  const first = wb.worksheets[0]
  const at = (tables[0].rows.length ?? 0) + (tables[0].note ? 6 : 5)
  first.getCell(at, 1).value = 'Contents'
  first.getCell(at, 1).font = {bold: true}
  wb.worksheets.forEach((ws, k) => {
    const cell = first.getCell(at + 1 + k, 1)
    cell.value = {text: ws.name, hyperlink: `#'${ws.name}'!A1`}
    cell.font = {color: {argb: 'FF0563C1'}, underline: true}
  })
  writeFileAtomic(path, Buffer.from(await wb.xlsx.writeBuffer()))
}

/** Lines a text needs in a column of `width` characters (charsPerWidth: 1.1 for text, less for bold headers broken at words). */
function wrappedLines(text: string, width: number, charsPerWidth = 1.1): number {
  const perLine = Math.max(8, Math.floor(width * charsPerWidth))
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0)
}

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = ''
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}
