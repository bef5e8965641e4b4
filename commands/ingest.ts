import {Args, Command, Flags} from '@oclif/core'
import {formatBytes, runOrExit} from '../src/cli.js'
import type {IngestRunResult} from '../src/ingest/ingestRun.js'
import {ProgressLine} from '../src/progress.js'
import {ingestWarnings} from '../src/ingest/formatIngest.js'
import {ingestFlags, ingestOptionsFromFlags} from '../src/planFlags.js'

export default class Ingest extends Command {
  static override summary = 'Ingest performance-counter logs and an inventory into a churn profile'
  static override description = `Reads Hyper-V Virtual Storage Device counters (Write/Read Bytes/sec, Write/Read Operations/Sec) from PDH-CSV/TSV logs in any of the dialects Windows writes (perfmon, relog, typeperf, Export-Counter, Get-Counter | Export-Csv, spreadsheet re-saves, UTF-16 and every ANSI code page, any Windows time zone; optionally .gz) and from Azure Monitor / Log Analytics Perf exports, maps each instance to its disk, VM and volume through the inventory, and adds per-disk windows aligned to UTC to the profile (an SQLite file).

Each file commits on its own: a bad file is reported with its line and column and the others still ingest; the command then exits 1. Files already in the profile (same content) are skipped, new days append, and time a disk already has is never counted twice.`

  static override examples = [
    '<%= config.bin %> ingest samples/contoso',
    '<%= config.bin %> ingest logs/ --inventory inventory.csv --profile estate.sqlite',
    '<%= config.bin %> ingest typeperf.csv --tz "Eastern Standard Time" --window 15m',
  ]

  static override enableJsonFlag = true
  static override strict = false
  static override args = {inputs: Args.string({description: 'Counter logs or folders of them (an inventory among them is found by its header).', required: true})}

  static override flags = {
    profile: Flags.string({char: 'p', summary: 'Profile file to create or add to.', default: 'hvplan-profile.sqlite'}),
    ...ingestFlags,
  }

  async run(): Promise<IngestRunResult> {
    const {argv, flags} = await this.parse(Ingest)
    return runOrExit(this, async () => {
      const {ingestInputs} = await import('../src/ingest/ingestRun.js')
      const progress = new ProgressLine('ingest')
      const result = await ingestInputs(
        argv as string[],
        {...ingestOptionsFromFlags(flags), profile: flags.profile},
        (p) => progress.update(p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`, p.bytesDone),
      )
      progress.done()
      const {nothingUsable} = await import('../src/ingest/ingestRun.js')
      const nothing = nothingUsable(result)
      if (nothing) throw nothing
      if (!this.jsonEnabled()) this.printSummary(result)
      if (result.failures.length > 0) this.error(`${result.failures.length} of ${result.outcomes.length + result.failures.length} files failed; the others are in ${result.profile}`, {exit: 1})
      return result
    })
  }

  private printSummary(r: IngestRunResult): void {
    const ingested = r.outcomes.filter((o) => o.status === 'ingested')
    const skipped = r.outcomes.length - ingested.length
    const mbps = r.seconds > 0 ? r.bytes / 2 ** 20 / r.seconds : 0
    this.log(`Ingested ${ingested.length} files (${formatBytes(r.bytes)} in ${r.seconds.toFixed(1)} s, ${mbps.toFixed(0)} MiB/s) into ${r.profile}${skipped ? `; ${skipped} already in the profile` : ''}.`)
    if (r.inventories.length) this.log(`Inventory: ${r.inventories.join(', ')}`)
    let blanks = 0
    let values = 0
    const noise = new Set<string>()
    const ignored = new Map<string, number>()
    let dst = 0
    let gaps = 0
    for (const o of ingested) {
      blanks += o.quality.stats.blankCells
      values += o.quality.stats.valueCells
      dst += o.quality.clock.dstCorrections.length
      gaps += o.quality.stats.gaps
      for (const n of o.quality.findings.noiseInstances) noise.add(n)
      for (const [k, v] of Object.entries(o.quality.findings.ignoredObjects)) ignored.set(k, (ignored.get(k) ?? 0) + v)
    }
    this.log(`  cells: ${values.toLocaleString('en-US')} values, ${blanks.toLocaleString('en-US')} blank (missing, not zero)`)
    if (dst) this.log(`  DST corrections: ${dst}`)
    if (gaps) this.log(`  sample gaps over 10 min: ${gaps}`)
    if (noise.size) this.log(`  excluded noise instances (.vmgs/.iso): ${noise.size}`)
    if (ignored.size) this.log(`  ignored objects: ${[...ignored.entries()].map(([k, v]) => `${k} (${v})`).join(', ')}`)
    for (const w of ingestWarnings(r)) this.warn(w)
    this.log(`Next: hvplan profile show --profile ${r.profile}`)
  }
}
