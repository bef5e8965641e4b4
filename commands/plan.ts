import {Args, Command, Flags} from '@oclif/core'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {formatBytes, runOrExit} from '../src/cli.js'
import {costFlags, costFromFlags} from '../src/costFlags.js'
import {ProgressLine} from '../src/progress.js'
import {defaultOf} from '../src/defaults.js'

interface PlanResult {
  readonly out: string
  readonly status: string
  readonly files: {ingested: number; failed: number}
}

export const PLAN_STATUS = 'Churn profile, replication bandwidth, protection plan and cost computed (report.xlsx, report.pdf, report.json).'

export default class Plan extends Command {
  static override summary = 'Plan protection from counter logs and an inventory, in one go'
  static override description = `Finds the counter logs and the inventory under the given files and folders (an inventory inside a folder is found by its header), ingests them into <out>/profile.sqlite and writes:
  <out>/report.xlsx    the workbook: summary, recommendations per RPO, charts, compatible and incompatible VMs, storage placement, on-premises storage, IR batches, what-if bandwidth, churn heat map, data quality, findings, assumptions and limits
  <out>/report.pdf     the report for managers: headline numbers, charts, top VMs, incompatible VMs, replica-log space, findings, assumptions
  <out>/report.json    the same figures as JSON (docs/json.md)
  <out>/profile.sqlite the churn profile, for hvplan profile / bandwidth / whatif / plan-protection / report
  <out>/inputs.json    what was found: dialect, hosts, time zones per file
The cost comes from a price sheet (--prices FILE, built with hvplan prices import); without one, the shipped example sheet is used and every output says so.`

  static override examples = ['<%= config.bin %> plan samples/contoso --out out', '<%= config.bin %> plan logs/ --inventory vms.csv --out plan --force']
  static override enableJsonFlag = true
  static override strict = false

  static override args = {
    inputs: Args.string({description: 'Counter logs (.csv, .tsv, .txt, optionally .gz) or folders of them.', required: true}),
  }

  static override flags = {
    out: Flags.string({char: 'o', summary: 'Folder for the plan (must not exist or be empty, unless --force).', required: true}),
    inventory: Flags.string({summary: 'Inventory CSV (default: the one found among the inputs).'}),
    tz: Flags.string({summary: 'Windows time zone of logs that name none (typeperf, Get-Counter).'}),
    window: Flags.string({summary: 'Window length.', options: ['5m', '10m', '15m'], default: `${defaultOf('windowMinutes')}m`}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
    ...costFlags,
  }

  async run(): Promise<PlanResult> {
    const {argv, flags} = await this.parse(Plan)
    return runOrExit(this, async () => {
      const {discoverInputs} = await import('../src/ingest/discover.js')
      const {ingestInputs} = await import('../src/ingest/ingestRun.js')
      const {inputReport} = await import('../src/plan/inputReport.js')
      const {withProfile} = await import('../src/store/profileStore.js')
      const {formatProfileSummary} = await import('../src/profile/formatSummary.js')
      const {formatBandwidthTable, formatVolumeSpace} = await import('../src/plan/formatPlan.js')
      const {count} = await import('../src/text.js')
      const {normalizeReplicationOptions} = await import('../src/plan/replicationOptions.js')
      const {costLine} = await import('../src/report/costText.js')
      const cost = costFromFlags(flags)
      const {buildReport} = await import('../src/report/document.js')
      const {writeReport} = await import('../src/report/writeReport.js')
      const {loadLimits} = await import('../src/limits.js')
      const {loadVmCatalog} = await import('../src/vmCatalog.js')
      const {assertWritableOutput, writeOutputDirAsync} = await import('../src/io/outputDir.js')
      assertWritableOutput(flags.out, flags.force, 'out')
      const inputs = await discoverInputs(argv as string[], flags.inventory)
      const progress = new ProgressLine('ingest')
      const result = await writeOutputDirAsync(flags.out, flags.force, 'out', async (tmp) => {
        writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({...inputReport(inputs, process.cwd()), status: PLAN_STATUS}, null, 2) + '\n')
        const run = await ingestInputs(argv as string[], {profile: join(tmp, 'profile.sqlite'), windowMinutes: Number(flags.window.replace('m', '')) as 5 | 10 | 15, tz: flags.tz, excludeInstances: [], inventory: flags.inventory}, (p) =>
          progress.update(p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`, p.bytesDone),
        )
        progress.done()
        const doc = withProfile(join(tmp, 'profile.sqlite'), (store) =>
          buildReport(store, {replication: normalizeReplicationOptions({}), bandwidthMbps: undefined, outageHours: defaultOf('outageHours'), managedDisks: true, cost}, loadLimits(), loadVmCatalog()),
        )
        await writeReport(doc, {xlsx: join(tmp, 'report.xlsx'), pdf: join(tmp, 'report.pdf'), json: join(tmp, 'report.json')})
        return {run, doc}
      })
      const {run, doc} = result
      const {profile: summary, bandwidth, protection} = doc
      if (!this.jsonEnabled()) {
        this.log(`Ingested ${run.outcomes.length} counter logs from ${inputs.logs.flatMap((l) => l.hosts).filter((h, i, all) => all.indexOf(h) === i).length} hosts${run.inventories.length ? ` with the inventory ${run.inventories.join(', ')}` : ' (no inventory: VMs guessed from paths)'}.`)
        for (const f of run.failures) this.warn(f.message)
        for (const u of run.unreadable) this.warn(`${u.path}: ${u.reason}`)
        this.log('')
        this.log(formatProfileSummary(summary))
        this.log('')
        this.log(`The plan is for ${doc.scope.text}.`)
        for (const v of doc.scope.withoutData.filter((x) => !x.profiled)) this.log(`  ${v.vm} on ${v.host || '?'}: no data (${v.disks.length} disk${v.disks.length === 1 ? '' : 's'} in the inventory, no counters); not planned`)
        this.log('')
        this.log(`Replication bandwidth for the VMs to protect (growth ${bandwidth.options.growthPercent} %, copy frequency ${bandwidth.options.copyFrequencySeconds / 60} min, mean send rate ${bandwidth.siteMeanSendMbps.toFixed(1)} Mbps):`)
        this.log(formatBandwidthTable(bandwidth, doc.afterFixes))
        this.log('')
        this.log(`Protection (limits: ${protection.limitsSet}; details: hvplan plan-protection):`)
        for (const v of protection.vms.filter((x) => x.compatible !== 'Yes')) this.log(`  ${v.vm}: ${v.compatible}${v.compatibility.findings.length ? ` — ${v.compatibility.findings.map((f) => f.text).join('; ')}` : v.compatible === 'Yes*' ? ' — a disk needs a higher premium tier than its size maps to' : ''}`)
        const first = protection.batching[0]
        this.log(`  ${protection.vms.filter((v) => v.protect).length} VMs to protect: ${protection.coresToRequest} cores, ${protection.storageAccounts.filter((a) => a.storage !== 'log').length} storage accounts; IR in ${count(first?.plan.batches.length ?? 0, 'batch', 'batches')} at the ${first?.rpoMinutes ?? '—'}-minute B100 (${(first?.totalBandwidthMbps ?? 0).toFixed(1)} Mbps)`)
        for (const line of formatVolumeSpace(protection.volumes)) this.log(line)
        if (doc.cost) {
          this.log('')
          this.log(costLine(doc.cost))
        }
        this.log('')
        this.log(PLAN_STATUS)
        this.log(`Wrote ${['report.xlsx', 'report.pdf', 'report.json', 'profile.sqlite', 'inputs.json'].map((f) => join(flags.out, f)).join(', ')}`)
      }
      if (run.failures.length > 0) this.error(`${run.failures.length} input files failed; the plan covers the others`, {exit: 1})
      return {out: flags.out, status: PLAN_STATUS, files: {ingested: run.outcomes.length, failed: run.failures.length}}
    })
  }
}
