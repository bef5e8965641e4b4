import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import {type CostFlagValues, costFlags, costFromFlags} from '../src/costFlags.js'
import {defaultOf} from '../src/defaults.js'
import {percentileFlag, replicationFlags, replicationOptionsFromFlags, rpoFlag, scopeFromFlags} from '../src/replicationFlags.js'
import type {ReportDocument} from '../src/report/document.js'

interface ReportFlags extends CostFlagValues {
  profile: string
  growth: number
  'copy-frequency': string
  'wire-factor': string
  'apply-latency': number
  vm?: string[]
  'exclude-disk'?: string[]
  'include-vm'?: string[]
  'exclude-vm'?: string[]
  'all-vms': boolean
  rpo?: number[]
  percentile: number
  bandwidth?: string
  'outage-hours': string
  limits?: string
  'vm-sizes'?: string
  'managed-disks': boolean
  json?: string
  xlsx?: string
  pdf?: string
  'heat-map': 'day' | 'hour-of-week'
  force: boolean
}

export default class Report extends Command {
  static override summary = 'Write the plan as a report: every figure from one computation'
  static override description = `Computes the churn profile summary, the bandwidth per RPO and what sets it, the RPO-vs-bandwidth curve, the protection plan, outage tolerance and the findings once, and writes them in any of three forms that always agree: an Excel workbook (--xlsx FILE: one sheet per table, charts as images), a PDF report for managers (--pdf FILE: cover with headline numbers, vector charts, top VMs, incompatible VMs, replica-log space, findings, assumptions and limits) and JSON (--json FILE; schema in docs/json.md). Cost comes from a price sheet (--prices; the shipped example sheet by default, labelled as such in every output): per VM and for the site by component and state, with live formulas in the workbook (docs/cost.md). Each file is written to a temporary name and renamed; an existing file is kept unless --force.`
  static override examples = ['<%= config.bin %> report --xlsx plan.xlsx --pdf plan.pdf --json plan.json', '<%= config.bin %> report --bandwidth 200 --rpo 15 --pdf plan.pdf --force', '<%= config.bin %> report --heat-map hour-of-week --xlsx plan.xlsx']

  static override flags = {
    ...replicationFlags,
    rpo: rpoFlag,
    percentile: percentileFlag,
    bandwidth: Flags.string({summary: 'Planned WAN bandwidth, Mbps: what-if, batching and findings use it.'}),
    'outage-hours': Flags.string({summary: 'WAN outage length to assess, hours.', default: String(defaultOf('outageHours'))}),
    'vm-sizes': Flags.string({summary: 'Azure VM size catalog (JSON).'}),
    json: Flags.string({summary: 'Write the report as JSON to this file.'}),
    xlsx: Flags.string({summary: 'Write the report as an Excel workbook to this file.'}),
    pdf: Flags.string({summary: 'Write the report as a PDF to this file.'}),
    'heat-map': Flags.string({summary: 'Churn heat map columns: UTC days (GB/day) or the 168 hours of the week (MB/s).', options: ['day', 'hour-of-week'], default: 'day'}),
    force: Flags.boolean({summary: 'Replace an existing output file.', default: false}),
    ...costFlags,
  }

  async run(): Promise<void> {
    // --json FILE (as the report's spec names it) is a string here, not oclif's --json switch, which
    // this command does not enable; the parser's output type assumes the switch, so name ours.
    const flags = (await this.parse(Report)).flags as unknown as ReportFlags
    await runOrExit(this, async () => {
      const {HvplanError, positiveNumberFlag} = await import('../src/errors.js')
      const {withProfile} = await import('../src/store/profileStore.js')
      const {loadLimits} = await import('../src/limits.js')
      const {loadVmCatalog} = await import('../src/vmCatalog.js')
      const {buildReport} = await import('../src/report/document.js')
      const {writeReport} = await import('../src/report/writeReport.js')
      const {costLine} = await import('../src/report/costText.js')
      const {assertWritableOutput} = await import('../src/io/outputDir.js')
      const bandwidth = flags.bandwidth === undefined ? undefined : positiveNumberFlag('bandwidth', flags.bandwidth, 'Mbps')
      const outageHours = positiveNumberFlag('outage-hours', flags['outage-hours'], 'hours')
      const outputs = [['xlsx', flags.xlsx], ['pdf', flags.pdf], ['json', flags.json]] as const
      if (!outputs.some(([, file]) => file)) throw new HvplanError('E_FLAG', 'must name an output file (or --xlsx FILE, --pdf FILE), got none', {flag: 'json'})
      for (const [flag, file] of outputs) if (file) assertWritableOutput(file, flags.force, flag)
      const cost = costFromFlags(flags)
      const options = {replication: replicationOptionsFromFlags(flags, {rpo: flags.rpo, percentile: flags.percentile}), scope: scopeFromFlags(flags), bandwidthMbps: bandwidth, outageHours, managedDisks: flags['managed-disks'], heatMap: flags['heat-map'], cost}
      const doc: ReportDocument = withProfile(flags.profile, (store) => buildReport(store, options, loadLimits(flags.limits), loadVmCatalog(flags['vm-sizes'])))
      await writeReport(doc, {xlsx: flags.xlsx, pdf: flags.pdf, json: flags.json})
      this.log(`Wrote ${outputs.flatMap(([, file]) => (file ? [file] : [])).join(', ')}: for ${doc.scope.text}; B100 ${doc.bandwidth.rpos.map((r) => `${r.bandwidth100Mbps.toFixed(1)} Mbps @ ${r.rpoMinutes} min`).join(', ')}${doc.afterFixes ? ` (all ${doc.afterFixes.vms} VMs after fixes: ${doc.afterFixes.rpos.map((r) => `${r.bandwidth100Mbps.toFixed(1)}`).join(' / ')} Mbps)` : ''}; ${doc.findings.length} findings`)
      if (doc.cost) this.log(costLine(doc.cost))
      for (const f of doc.findings.filter((x) => x.severity !== 'info')) this.log(`  [${f.severity}] ${f.title}`)
    })
  }
}
