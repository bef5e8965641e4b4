import {Args, Command, Flags} from '@oclif/core'
import {formatBytes, runOrExit} from '../src/cli.js'
import {type CostFlagValues, costFlags} from '../src/costFlags.js'
import {ingestFlags, type IngestFlagValues, type ModelFlagValues, modelFlags, reportFlags, type ReportFlagValues} from '../src/planFlags.js'
import {ProgressLine} from '../src/progress.js'
import {count} from '../src/text.js'

interface PlanResult {
  readonly out: string
  readonly status: string
  readonly files: {ingested: number; failed: number}
}

export default class Plan extends Command {
  static override summary = 'Plan protection from counter logs and an inventory, in one go'
  static override description = `Finds the counter logs and the inventory under the given files and folders (an inventory inside a folder is found by its header), ingests them into <out>/profile.sqlite, plans the VMs to protect and writes:
  <out>/report.pdf     the report: page 1 is the decision (bandwidth and network plan per RPO, initial replication, what cannot be protected and its fix, the top actions), then charts, protection, cost, findings, assumptions
  <out>/report.xlsx    the workbook: every table of the plan, charts, a cost sheet with live formulas
  <out>/report.html    the interactive page: move the bandwidth, pick VMs; B100, B90, the what-if and the
                       network plan recompute in the browser with the same models (docs/report.md)
  <out>/report.json    the same figures as JSON (docs/json.md)
  <out>/profile.sqlite the churn profile, for hvplan profile / bandwidth / whatif / plan-protection / report
  <out>/inputs.json    what was found: dialect, hosts, time zones per file
It takes every model, report, ingest and cost flag of the single-purpose commands (hvplan ingest, bandwidth, whatif, plan-protection, report); quantities may carry units (--bandwidth 1Gbps, --outage-hours 1.5d, --rpo 1h). The terminal shows the decision; --verbose adds the per-VM tables. The cost comes from a price sheet (--prices FILE, built with hvplan prices import); without one, the shipped example sheet is used and every output says so.`

  static override examples = ['<%= config.bin %> plan samples/contoso --out out', "<%= config.bin %> plan samples/contoso --out o --bandwidth 200Mbps --rpo 30 --exclude-disk '*pagefile*'", '<%= config.bin %> plan logs/ --inventory vms.csv --out plan --force --verbose']
  static override enableJsonFlag = true
  static override strict = false

  static override args = {
    inputs: Args.string({description: 'Counter logs (.csv, .tsv, .txt, optionally .gz) or folders of them.', required: true}),
  }

  static override flags = {
    out: Flags.string({char: 'o', summary: 'Folder for the plan (must not exist or be empty, unless --force).', required: true}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
    verbose: Flags.boolean({summary: 'Also print the per-VM and per-volume churn tables and each IR batch.', default: false}),
    ...ingestFlags,
    ...modelFlags,
    ...reportFlags,
    ...costFlags,
  }

  async run(): Promise<PlanResult> {
    const {argv, flags} = await this.parse(Plan)
    return runOrExit(this, async () => {
      const {reportInputsFromFlags, ingestOptionsFromFlags} = await import('../src/planFlags.js')
      const {PLAN_STATUS, runPlan} = await import('../src/plan/runPlan.js')
      const {formatHeadline} = await import('../src/plan/formatPlan.js')
      const {formatIngestLine, ingestWarnings} = await import('../src/ingest/formatIngest.js')
      const {assertWritableOutput} = await import('../src/io/outputDir.js')
      // Every flag is read (and refused when wrong) before anything is written.
      const inputs = reportInputsFromFlags(flags as unknown as ModelFlagValues & ReportFlagValues & CostFlagValues)
      const ingest = ingestOptionsFromFlags(flags as unknown as IngestFlagValues)
      assertWritableOutput(flags.out, flags.force, 'out')
      const bytes = new ProgressLine('ingest')
      const phases = new ProgressLine('plan')
      const {inputs: found, run, doc, files} = await runPlan(argv as string[], {...inputs, out: flags.out, force: flags.force, ingest}, {
        ingest: (p) => bytes.update(p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`, p.bytesDone),
        phase: (name) => {
          bytes.done()
          phases.phase(name)
        },
      })
      phases.done()
      if (!this.jsonEnabled()) {
        this.log(formatIngestLine(run, found))
        for (const w of ingestWarnings(run)) this.warn(w)
        if (flags.verbose) {
          const {formatProfileSummary} = await import('../src/profile/formatSummary.js')
          const {formatBatches} = await import('../src/plan/formatPlan.js')
          this.log('')
          this.log(formatProfileSummary(doc.profile))
          this.log('')
          this.log(formatBatches(doc.protection))
        }
        this.log('')
        this.log(formatHeadline(doc))
        this.log('')
        this.log(PLAN_STATUS)
        this.log(`Wrote ${files.join(', ')}${flags.verbose ? '' : ' (per-VM tables: --verbose)'}`)
      }
      if (run.failures.length > 0) this.error(`${count(run.failures.length, 'input file')} failed; the plan covers the others`, {exit: 1})
      return {out: flags.out, status: PLAN_STATUS, files: {ingested: run.outcomes.length, failed: run.failures.length}}
    })
  }
}
