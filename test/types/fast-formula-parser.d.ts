declare module 'fast-formula-parser' {
  interface Position {
    sheet: string
    row: number
    col: number
  }
  interface Range {
    sheet: string
    from: {row: number; col: number}
    to: {row: number; col: number}
  }
  export default class FormulaParser {
    constructor(config: {onCell: (ref: Position) => unknown; onRange: (ref: Range) => unknown[][]})
    parse(formula: string, position: Position): unknown
  }
}
