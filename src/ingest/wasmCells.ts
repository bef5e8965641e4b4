/**
 * The cell parser of plain PDH-CSV rows in WebAssembly (wasm/pdh-cells.wat, compiled by `npm run
 * build` into dist/wasm/pdh-cells.wasm): the same numbers as pdhFast.ts's parseRow, about twice as
 * fast. A row is copied into the module's memory with a few zero bytes after it, parsed, and its
 * values copied out; a row the module does not accept is left to parseRow (RowParser).
 */
import {existsSync, readFileSync} from 'node:fs'

// Node has WebAssembly; @types/node 20 does not declare it (TypeScript's DOM library does, which
// the build does not include): the few members used here.
interface WasmModule {
  readonly kind?: 'module'
}
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface CellsExports {
  readonly memory: WasmMemory
  readonly cells: (p: number, end: number, map: number, cells: number, values: number, pow: number) => number
}
const Wasm = (globalThis as unknown as {WebAssembly: {Module: new (bytes: Uint8Array) => WasmModule; Instance: new (module: WasmModule, imports: object) => {exports: unknown}}}).WebAssembly

let compiled: WasmModule | null | undefined

/** The compiled module, or undefined when it is not built (the JavaScript parser then does all). */
function cellsModule(): WasmModule | undefined {
  if (compiled === undefined) {
    compiled = null
    // From the sources (src/ingest/) or the build (dist/src/ingest/).
    for (const rel of ['../../dist/wasm/pdh-cells.wasm', '../../wasm/pdh-cells.wasm']) {
      const url = new URL(rel, import.meta.url)
      if (existsSync(url)) {
        compiled = new Wasm.Module(readFileSync(url))
        break
      }
    }
  }
  return compiled ?? undefined
}

const PAGE = 65_536
/** Zero bytes written after a row: the digit look-ahead (up to 3 bytes) never reads a digit of an earlier row. */
const GUARD = 8

export class WasmCells {
  private readonly memory: WasmMemory
  private readonly fn: CellsExports['cells']
  private readonly cellCount: number
  private readonly powAt = 0
  private readonly mapAt: number
  private readonly valuesAt: number
  private readonly lineAt: number
  private bytes!: Uint8Array
  private out!: Float64Array

  /** Undefined when the module is not built. map: each cell's value slot or -1; slots: values before the timestamp slot. */
  static create(map: Int32Array, slots: number): WasmCells | undefined {
    const module = cellsModule()
    return module && new WasmCells(module, map, slots)
  }

  private constructor(module: WasmModule, map: Int32Array, private readonly slots: number) {
    const exports = new Wasm.Instance(module, {}).exports as CellsExports
    this.memory = exports.memory
    this.fn = exports.cells
    this.cellCount = map.length
    this.mapAt = 23 * 8
    this.valuesAt = this.mapAt + Math.ceil((map.length * 4) / 8) * 8
    this.lineAt = this.valuesAt + slots * 8
    this.reserve(64 << 10)
    new Float64Array(this.memory.buffer, this.powAt, 23).set(Array.from({length: 23}, (_, k) => 10 ** k))
    new Int32Array(this.memory.buffer, this.mapAt, map.length).set(map)
  }

  /**
   * The value cells of buf[p, end) (p at the ',' after the timestamp cell) into values[0, slots);
   * false, with values unspecified, when the module does not take the row.
   */
  parse(buf: Buffer, p: number, end: number, values: Float64Array): boolean {
    const length = end - p
    this.reserve(length + GUARD)
    const bytes = this.bytes
    bytes.set(buf.subarray(p, end), this.lineAt)
    bytes.fill(0, this.lineAt + length, this.lineAt + length + GUARD)
    this.out.fill(NaN)
    if (this.fn(this.lineAt, this.lineAt + length, this.mapAt, this.cellCount, this.valuesAt, this.powAt) !== this.lineAt + length) return false
    values.set(this.out)
    return true
  }

  /** Room for a row of `bytes` (the memory grows; its views are made again). */
  private reserve(bytes: number): void {
    const needed = this.lineAt + bytes
    const have = this.memory.buffer.byteLength
    if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE))
    // A grown memory has a new buffer (the old one is detached): the views are made on it again.
    if (this.bytes === undefined || this.bytes.buffer !== this.memory.buffer) {
      this.bytes = new Uint8Array(this.memory.buffer)
      this.out = new Float64Array(this.memory.buffer, this.valuesAt, this.slots)
    }
  }
}
