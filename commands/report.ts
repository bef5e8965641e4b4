import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import {type CostFlagValues, costFlags} from '../src/costFlags.js'
import {type ModelFlagValues, modelFlags, profileFlags, reportFlags, type ReportFlagValues} from '../src/planFlags.js'

interface ReportCommandFlags extends ModelFlagValues, ReportFlagValues, CostFlagValues {
  profile: string
  json?: string
  xlsx?: string
  pdf?: string
  html?: string
  force: boolean
}

export default class Report extends Command {
  static override summary = 'Write the plan as a report: every figure from one computation'
  static override description = `Computes the plan of the VMs to protect once — bandwidth per RPO and what sets it, the RPO-vs-bandwidth curves, the protection plan, outage tolerance, cost and the findings — and writes it in any of four forms that always agree: an Excel workbook (--xlsx FILE: one sheet per table, charts as images), a PDF report (--pdf FILE: page 1 is the decision, then vector charts, protection, cost, findings, assumptions and limits), an interactive page (--html FILE: one self-contained HTML file that opens from disk, where the bandwidth slider and the VM picker recompute B100, B90, the what-if and the network plan in the browser with the CLI's model; docs/report.md) and JSON (--json FILE; schema in docs/json.md). It takes the same model, report and cost flags as hvplan plan; quantities may carry units (--bandwidth 1Gbps, --outage-hours 1.5d). Cost comes from a price sheet (--prices; the shipped example sheet by default, labelled as such in every output; docs/cost.md). Each file is written to a temporary name and renamed; an existing file is kept unless --force.`
  static override examples = ['<%= config.bin %> report --xlsx plan.xlsx --pdf plan.pdf --json plan.json', '<%= config.bin %> report --bandwidth 200Mbps --rpo 30 --exclude-disk "*pagefile*" --pdf plan.pdf --force', '<%= config.bin %> report --heat-map hour-of-week --xlsx plan.xlsx']

  static override flags = {
    ...profileFlags,
    ...modelFlags,
    ...reportFlags,
    ...costFlags,
    json: Flags.string({summary: 'Write the report as JSON to this file.'}),
    xlsx: Flags.string({summary: 'Write the report as an Excel workbook to this file.'}),
    pdf: Flags.string({summary: 'Write the report as a PDF to this file.'}),
    html: Flags.string({summary: 'Write the interactive report page (one self-contained HTML file: move the bandwidth, pick VMs) to this file.'}),
    force: Flags.boolean({summary: 'Replace an existing output file.', default: false}),
  }

  async run(): Promise<void> {
    // --json FILE (as the report's spec names it) is a string here, not oclif's --json switch, which
    // this command does not enable; the parser's output type assumes the switch, so name ours.
    const flags = (await this.parse(Report)).flags as unknown as ReportCommandFlags
    await runOrExit(this, async () => {
      const {HvplanError} = await import('../src/errors.js')
      const {reportInputsFromFlags} = await import('../src/planFlags.js')
      const {buildReportFromProfile} = await import('../src/plan/runPlan.js')
      const {writeReport} = await import('../src/report/writeReport.js')
      const {formatHeadline} = await import('../src/plan/formatPlan.js')
      const {assertWritableOutput} = await import('../src/io/outputDir.js')
      const outputs = [['xlsx', flags.xlsx], ['pdf', flags.pdf], ['html', flags.html], ['json', flags.json]] as const
      if (!outputs.some(([, file]) => file)) throw new HvplanError('E_FLAG', 'must name an output file (--xlsx FILE, --pdf FILE, --html FILE or --json FILE), got none', {flag: 'json'})
      for (const [flag, file] of outputs) if (file) assertWritableOutput(file, flags.force, flag)
      const {ProgressLine} = await import('../src/progress.js')
      const inputs = reportInputsFromFlags(flags)
      const progress = new ProgressLine('report')
      const doc = buildReportFromProfile(flags.profile, inputs, (phase) => progress.phase(phase), flags.html !== undefined)
      for (const [kind, file] of outputs) {
        if (!file) continue
        progress.phase(`writing the ${{xlsx: 'workbook', pdf: 'PDF', html: 'interactive page', json: 'JSON'}[kind]}`)
        await writeReport(doc, {[kind]: file})
      }
      progress.done()
      this.log(formatHeadline(doc))
      this.log('')
      this.log(`Wrote ${outputs.flatMap(([, file]) => (file ? [file] : [])).join(', ')}.`)
    })
  }
}
