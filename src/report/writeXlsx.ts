/**
 * The report as an Excel workbook (exceljs, loaded only here): one sheet per table, a title and
 * note, a styled header row, frozen panes, autofilter, number formats, column widths, detail rows
 * grouped under their parent, and a contents list linking every sheet. Text from inputs is always
 * written as a string cell, never as a formula.
 */
import {writeFileAtomic} from '../io/outputDir.js'
import {type Cell, type Column, formatCell, isFormula, type Table, tableLayout} from './tables.js'
import type {SheetImage} from './workbookCharts.js'

const HEADER_FILL = 'FF1F4E79'
const SUB_FONT = 'FF595959'
/** Inputs a planner may edit: light yellow, as spreadsheets mark input cells. */
const INPUT_FILL = 'FFFFF2CC'

/** Every cell names its font: a spreadsheet program shows a font object without a name in its own default (LibreOffice: a serif). */
const FONT = {name: 'Calibri', size: 11} as const

type Worksheet = import('exceljs').Worksheet

/** images: PNG charts placed on the named sheets, stacked (under the table when the sheet has one, from a new printed page). */
export async function writeReportXlsx(tables: readonly Table[], path: string, images: readonly SheetImage[] = []): Promise<void> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hvplan'
  wb.created = new Date(0) // reproducible files: no wall-clock time inside
  for (const table of tables) {
    const {inputRow, headerRow} = tableLayout(table)
    // Frozen header row and first column (under a block of inputs too: the header stays in view).
    const ws = wb.addWorksheet(table.sheet.slice(0, 31), {
      views: table.columns.length > 0 ? [{state: 'frozen', ySplit: headerRow, xSplit: 1}] : [],
      properties: {outlineLevelRow: 1},
      // Printed (or converted to PDF): landscape, all columns on one page width, header row
      // repeated (a sheet of charts has no header row to repeat).
      pageSetup: {orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(table.columns.length > 0 ? {printTitlesRow: `${headerRow}:${headerRow}`} : {})},
    })
    table.columns.forEach((c, k) => {
      ws.getColumn(k + 1).width = columnWidth(c, table.rows.map((row) => row[k]))
      if (c.kind !== 'text') ws.getColumn(k + 1).numFmt = numberFormat(c)
    })
    // Input labels are in column A: it is as wide as the longest (a label is never cut).
    if (table.inputs?.length) ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, ...table.inputs.map((i) => Math.min(48, i.label.length + 2)))
    title(ws, 1, table)
    table.inputs?.forEach((input, k) => {
      const label = ws.getCell(inputRow + k, 1)
      label.value = input.label
      label.font = {...FONT, bold: true}
      const cell = ws.getCell(inputRow + k, 2)
      cell.value = input.value
      cell.font = {...FONT}
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: INPUT_FILL}}
      if (typeof input.value === 'number') cell.numFmt = Number.isInteger(input.value) ? '0' : '#,##0.00'
      if (input.choices) cell.dataValidation = {type: 'list', allowBlank: false, formulae: [`"${input.choices.join(',')}"`]}
      if (input.note) {
        ws.getCell(inputRow + k, 3).value = input.note
        ws.getCell(inputRow + k, 3).font = {...FONT, italic: true, color: {argb: SUB_FONT}}
      }
    })
    const spans = table.columns.map((_c, k): [number, number] => [k + 1, k + 1])
    body(ws, table, headerRow, spans)
    if (table.heatMap && table.rows.length > 0 && table.columns.length > 1) {
      const ref = `B${headerRow + 1}:${columnLetter(table.columns.length)}${headerRow + table.rows.length}`
      ws.addConditionalFormatting({
        ref,
        rules: [{type: 'colorScale', priority: 1, cfvo: [{type: 'min'}, {type: 'percentile', value: 50}, {type: 'max'}], color: [{argb: 'FF63BE7B'}, {argb: 'FFFFEB84'}, {argb: 'FFF8696B'}]}],
      })
    }
    if (table.rows.length > 0) ws.autoFilter = {from: {row: headerRow, column: 1}, to: {row: headerRow + table.rows.length, column: table.columns.length}}
    // Tables below (the Recommendations sheet's blockers and actions): each of their columns spans
    // as many of the sheet's columns as its width needs (merged cells), so the first table keeps
    // its widths.
    let next = headerRow + table.rows.length + 2
    const sheetWidths = table.columns.map((_c, k) => ws.getColumn(k + 1).width ?? 10)
    for (const below of table.followedBy ?? []) {
      title(ws, next, below, sheetWidths.reduce((n, x) => n + x, 0))
      const header = next + (below.note ? 2 : 1)
      body(ws, below, header, placeColumns(sheetWidths, below.columns.map((c) => columnWidth(c, below.rows.map((row) => row[below.columns.indexOf(c)])))))
      next = header + below.rows.length + 2
    }
    // Charts: stacked down the sheet, under the table (and the tables below it) if there is one,
    // from a new printed page: beside a wide table a chart made the printed page twice as wide,
    // and fitting it to the paper's width shrank the table's text past reading. The rows they span
    // get an explicit 15 pt (20 px) height: spreadsheet programs differ in the default
    // (LibreOffice 12.8 pt), and stacked pictures would otherwise overlap.
    const sheetImages = images.filter((x) => x.sheet === table.sheet)
    let top = table.columns.length > 0 ? next - 1 : headerRow - 1
    if (table.columns.length > 0 && sheetImages.length > 0) ws.getRow(top).addPageBreak()
    for (const image of sheetImages) {
      const id = wb.addImage({buffer: image.png as unknown as ArrayBuffer, extension: 'png'})
      ws.addImage(id, {tl: {col: 0, row: top}, ext: {width: image.width, height: image.height}})
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
  first.getCell(at, 1).font = {...FONT, bold: true}
  wb.worksheets.forEach((ws, k) => {
    const cell = first.getCell(at + 1 + k, 1)
    cell.value = {text: ws.name, hyperlink: `#'${ws.name}'!A1`}
    cell.font = {...FONT, color: {argb: 'FF0563C1'}, underline: true}
  })
  writeFileAtomic(path, Buffer.from(await wb.xlsx.writeBuffer()))
}

/** Title at `row`, the note under it wrapped over the table's width (merged) instead of running far past it. */
function title(ws: Worksheet, row: number, table: Table, width = table.columns.reduce((n, c) => n + (c.width ?? 16), 0)): void {
  ws.getCell(row, 1).value = table.title
  ws.getCell(row, 1).font = {...FONT, bold: true, size: 14}
  if (!table.note) return
  const cell = ws.getCell(row + 1, 1)
  cell.value = table.note
  cell.font = {...FONT, italic: true, color: {argb: SUB_FONT}}
  const columns = Math.max(table.columns.length, ws.columnCount)
  if (columns > 1) {
    ws.mergeCells(row + 1, 1, row + 1, columns)
    cell.alignment = {wrapText: true, vertical: 'top'}
    ws.getRow(row + 1).height = 15 * wrappedLines(table.note, width)
  }
}

/**
 * The header row at `headerRow` and the rows under it; column k of the table fills sheet columns
 * spans[k] (merged when it spans more than one). Numbers right-aligned under right-aligned headers;
 * text left-aligned and indented off the number to its left.
 */
function body(ws: Worksheet, table: Table, headerRow: number, spans: ReadonlyArray<[number, number]>): void {
  const widthOf = ([a, b]: [number, number]) => Array.from({length: b - a + 1}, (_x, k) => ws.getColumn(a + k).width ?? 10).reduce((n, x) => n + x, 0)
  const place = (row: number, k: number) => {
    const [a, b] = spans[k]
    if (b > a) ws.mergeCells(row, a, row, b)
    return ws.getCell(row, a)
  }
  table.columns.forEach((c, k) => {
    const cell = place(headerRow, k)
    cell.value = c.header
    cell.font = {...FONT, bold: true, color: {argb: 'FFFFFFFF'}}
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
    cell.alignment = {wrapText: true, vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'right', ...(c.kind === 'text' ? {indent: 1} : {})}
  })
  // Header text wraps: the row is as tall as its longest header needs (two lines at least).
  ws.getRow(headerRow).height = 15 * Math.max(2, ...table.columns.map((c, k) => wrappedLines(c.header, widthOf(spans[k]), 0.85)))
  // One font and alignment object for all the cells that share them: a 10,000-VM workbook has
  // about a million cells, and ExcelJS keeps whatever object a cell is given.
  const fonts = [0, 1, 2, 3].map((k) => ({...FONT, ...(k & 1 ? {bold: true} : {}), ...(k & 2 ? {color: {argb: SUB_FONT}} : {})}))
  const textAlignment = table.columns.map((c) => ({vertical: 'top' as const, horizontal: 'left' as const, indent: 1, wrapText: c.wrap === true}))
  table.rows.forEach((row, r) => {
    const excelRow = ws.getRow(headerRow + 1 + r)
    let lines = 1
    const bold = table.boldRows?.has(r) === true
    const sub = table.subRows?.has(r) === true
    row.forEach((value, k) => {
      const cell = place(headerRow + 1 + r, k)
      const column = table.columns[k]
      // Strings go in as string cells (shared strings), which Excel never evaluates: input text
      // such as a VM named =HYPERLINK("x") stays text. Only a {formula} value makes a formula.
      cell.value = isFormula(value) ? {formula: value.formula, result: value.result ?? undefined} : value
      cell.font = fonts[(bold ? 1 : 0) | (sub ? 2 : 0)]
      if (spans[k][1] > spans[k][0] && column.kind !== 'text') cell.numFmt = numberFormat(column)
      // Only long-text columns wrap, and their row gets the height its lines need (LibreOffice
      // and Excel keep heights as written).
      if (column.kind === 'text') cell.alignment = textAlignment[k]
      if (column.wrap && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, widthOf(spans[k])))
    })
    if (lines > 1) excelRow.height = 15 * lines
    if (sub) excelRow.outlineLevel = 1
  })
}

/** A column as wide as its declared width, and as its longest whole name or number (never cut), at most 60. */
function columnWidth(c: Column, cells: readonly Cell[]): number {
  const declared = c.width ?? 16
  if (c.wrap) return declared
  const longest = Math.max(0, ...cells.map((v) => (typeof v === 'string' ? v.length : typeof v === 'number' ? formatCell(v, c).length : 0)))
  return Math.max(declared, Math.min(60, longest + 3))
}

/** Consecutive sheet columns for each wanted width: a column spans sheet columns until it is wide enough. */
function placeColumns(sheetWidths: readonly number[], wanted: readonly number[]): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  let col = 1
  wanted.forEach((w, k) => {
    const start = col
    let width = 0
    const last = k === wanted.length - 1
    // The last column takes what is left of the first table's width (at least one sheet column).
    while (col <= Math.max(start, sheetWidths.length) && (width < w || (last && col <= sheetWidths.length))) width += sheetWidths[col++ - 1] ?? 10
    spans.push([start, Math.max(start, col - 1)])
  })
  return spans
}

function numberFormat(c: Column): string {
  return c.kind === 'percent' ? '0.0%' : c.kind === 'integer' ? '#,##0' : `#,##0${c.decimals ? `.${'0'.repeat(c.decimals)}` : ''}`
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
