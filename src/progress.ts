/**
 * A one-line progress display on stderr: rewritten in place on a terminal, one plain line every
 * few seconds otherwise (CI logs, pipes), nothing at all under HVPLAN_QUIET=1 or in tests.
 */
export class ProgressLine {
  private readonly tty = Boolean(process.stderr.isTTY)
  private readonly quiet = process.env.HVPLAN_QUIET === '1' || process.env.VITEST !== undefined
  private readonly startedAt = Date.now()
  private lastPrint = Date.now()
  private printed = false

  constructor(private readonly label: string) {}

  /** fraction done, a detail text, and optionally bytes done (adds MB/s). */
  update(fraction: number, detail: string, bytesDone?: number): void {
    if (this.quiet) return
    const now = Date.now()
    if (now - this.lastPrint < (this.tty ? 200 : 5000)) return
    this.lastPrint = now
    const elapsed = (now - this.startedAt) / 1000
    const eta = fraction > 0.01 ? Math.max(0, (elapsed * (1 - fraction)) / fraction) : NaN
    const width = 20
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width)
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
    const rate = bytesDone !== undefined && elapsed > 0 ? `  ${(bytesDone / 2 ** 20 / elapsed).toFixed(0)} MiB/s` : ''
    const text = `${this.label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${detail}${rate}  elapsed ${elapsed.toFixed(0)} s${Number.isNaN(eta) ? '' : `, ETA ${eta.toFixed(0)} s`}`
    process.stderr.write(this.tty ? `\r${text}\x1b[K` : `${text}\n`)
    this.printed = true
  }

  /**
   * A phase of work starting (the model, the protection plan, the workbook, the PDF): on a
   * terminal its name and the time so far, rewritten in place; otherwise one line for each phase
   * that took a second or more, when it ends.
   */
  phase(name: string): void {
    if (this.quiet) return
    this.endPhase()
    this.current = {name, started: Date.now()}
    if (this.tty) {
      process.stderr.write(`\r${this.label}: ${name} …  ${((Date.now() - this.startedAt) / 1000).toFixed(0)} s\x1b[K`)
      this.printed = true
    }
  }

  private current: {name: string; started: number} | undefined

  private endPhase(): void {
    const c = this.current
    this.current = undefined
    if (!c || this.tty) return
    const seconds = (Date.now() - c.started) / 1000
    if (seconds >= 1) process.stderr.write(`${this.label}: ${c.name} took ${seconds.toFixed(1)} s\n`)
  }

  done(): void {
    if (!this.quiet) this.endPhase()
    if (this.printed && this.tty) process.stderr.write('\r\x1b[K')
  }
}
