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

  update(fraction: number, detail: string): void {
    if (this.quiet) return
    const now = Date.now()
    if (now - this.lastPrint < (this.tty ? 200 : 5000)) return
    this.lastPrint = now
    const elapsed = (now - this.startedAt) / 1000
    const eta = fraction > 0.01 ? Math.max(0, (elapsed * (1 - fraction)) / fraction) : NaN
    const text = `${this.label}: ${(fraction * 100).toFixed(0).padStart(3)}%  ${detail}  elapsed ${elapsed.toFixed(0)} s${Number.isNaN(eta) ? '' : `, ETA ${eta.toFixed(0)} s`}`
    process.stderr.write(this.tty ? `\r${text}\x1b[K` : `${text}\n`)
    this.printed = true
  }

  done(): void {
    if (this.printed && this.tty) process.stderr.write('\r\x1b[K')
  }
}
