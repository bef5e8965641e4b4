/**
 * Fixed-length Float64 records (one per disk and measure): held in one buffer when they fit the
 * resident budget, else spilled to a temporary file and read back one record at a time. A plan of
 * 10,000 VMs × 31 days of 5-minute windows has 27,000 disks × 8,928 windows × 3 measures — 5.8 GB
 * of doubles — which no planner's laptop holds; read back from a file, they stay in the system's
 * file cache and the process holds one VM's series at a time (issue 14: memory flat in VM count).
 */
import {closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {onAbort, removeLeftovers} from '../io/onAbort.js'

/**
 * Records up to this many bytes are held in memory; larger sets go to a temporary file. The
 * environment variable HVPLAN_RESIDENT_SERIES_MB overrides it (0: always a file — how the tests
 * run the file path on a small profile; docs/development.md).
 */
export const RESIDENT_SERIES_BYTES = 256 * 2 ** 20

export function residentBudget(): number {
  const mb = Number(process.env.HVPLAN_RESIDENT_SERIES_MB)
  return process.env.HVPLAN_RESIDENT_SERIES_MB !== undefined && mb >= 0 ? mb * 2 ** 20 : RESIDENT_SERIES_BYTES
}

export class SeriesRecords {
  private readonly pool: Float64Array | undefined
  private fd: number | undefined
  private dir: string | undefined
  /** Takes back the undo registered for the temporary file. */
  private forget: (() => void) | undefined

  /** `resident` forces the choice (default: by the budget). */
  constructor(
    readonly count: number,
    readonly length: number,
    resident: boolean = count * length * 8 <= residentBudget(),
  ) {
    if (resident) {
      this.pool = new Float64Array(count * length)
      return
    }
    // Named with the process id: what a run stopped by a signal left is removed here by the next one.
    removeLeftovers(tmpdir(), 'hvplan-series-')
    this.dir = mkdtempSync(join(tmpdir(), `hvplan-series-${process.pid}-`))
    this.fd = openSync(join(this.dir, 'series.f64'), 'w+')
    // A run that ends without closing (an error) leaves no temporary file behind.
    this.forget = onAbort(() => this.close())
  }

  get resident(): boolean {
    return this.pool !== undefined
  }

  /** Writes a record (length values). */
  write(record: number, values: Float64Array): void {
    if (values.length !== this.length) throw new RangeError(`a record holds ${this.length} values, got ${values.length}`)
    if (this.pool) {
      this.pool.set(values, record * this.length)
      return
    }
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
    let done = 0
    while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, record * this.length * 8 + done)
  }

  /**
   * Values [from, from + n) of a record: a view into the buffer when resident (do not write to
   * it); read from the file otherwise, into `into` when given (n values: a caller's scratch for a
   * series it drops before the next read) or a fresh array.
   */
  read(record: number, from = 0, n = this.length - from, into?: Float64Array): Float64Array {
    if (this.pool) return this.pool.subarray(record * this.length + from, record * this.length + from + n)
    const out = into?.length === n ? into : new Float64Array(n)
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    const at = (record * this.length + from) * 8
    let done = 0
    while (done < bytes.length) {
      const got = readSync(this.fd!, bytes, done, bytes.length - done, at + done)
      if (got === 0) throw new Error(`series record ${record} is not in the temporary file`)
      done += got
    }
    return out
  }

  /** Frees the records (and deletes the temporary file); reading afterwards is an error. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    if (this.dir !== undefined) rmSync(this.dir, {recursive: true, force: true})
    this.fd = undefined
    this.dir = undefined
    this.forget?.()
    this.forget = undefined
  }
}
