import {Args, Command, Flags} from '@oclif/core'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {formatBytes, runOrExit} from '../src/cli.js'
import {ProgressLine} from '../src/progress.js'

interface PlanResult {
  readonly out: string
  readonly status: string
  readonly files: {ingested: number; failed: number}
}

export const PLAN_STATUS =
  'Churn profile computed. Bandwidth and RPO, the protection plan and the Excel/PDF reports are not built yet (issues #4–#7): no bandwidth, RPO, storage or cost figures are given.'

export default class Plan extends Command {
  static override summary = 'Plan protection from counter logs and an inventory, in one go'
  static override description = `Finds the counter logs and the inventory under the given files and folders (an inventory inside a folder is found by its header), ingests them into <out>/profile.sqlite and writes:
  <out>/inputs.json    what was found: dialect, hosts, time zones per file
  <out>/profile.json   churn per VM and host volume, and the data quality (as hvplan profile show --json)
The replication model, the protection plan and the Excel/PDF reports come with the next issues; until then no bandwidth or RPO figure is given, and the output says so.`

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
    window: Flags.string({summary: 'Window length.', options: ['5m', '10m', '15m'], default: '5m'}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
  }

  async run(): Promise<PlanResult> {
    const {argv, flags} = await this.parse(Plan)
    return runOrExit(this, async () => {
      const {discoverInputs} = await import('../src/ingest/discover.js')
      const {ingestInputs} = await import('../src/ingest/ingestRun.js')
      const {inputReport} = await import('../src/plan/inputReport.js')
      const {ProfileStore} = await import('../src/store/profileStore.js')
      const {summarizeProfile} = await import('../src/profile/summary.js')
      const {formatProfileSummary} = await import('../src/profile/formatSummary.js')
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
        const store = ProfileStore.open(join(tmp, 'profile.sqlite'), {create: false})
        const summary = (() => {
          try {
            return summarizeProfile(store)
          } finally {
            store.close()
          }
        })()
        writeFileSync(join(tmp, 'profile.json'), JSON.stringify({status: PLAN_STATUS, ...summary}, null, 2) + '\n')
        return {run, summary}
      })
      const {run, summary} = result
      if (!this.jsonEnabled()) {
        this.log(`Ingested ${run.outcomes.length} counter logs from ${inputs.logs.flatMap((l) => l.hosts).filter((h, i, all) => all.indexOf(h) === i).length} hosts${run.inventories.length ? ` with the inventory ${run.inventories.join(', ')}` : ' (no inventory: VMs guessed from paths)'}.`)
        for (const f of run.failures) this.warn(f.message)
        for (const u of run.unreadable) this.warn(`${u.path}: ${u.reason}`)
        this.log('')
        this.log(formatProfileSummary(summary))
        this.log('')
        this.log(PLAN_STATUS)
        this.log(`Wrote ${join(flags.out, 'profile.sqlite')}, ${join(flags.out, 'profile.json')}, ${join(flags.out, 'inputs.json')}`)
      }
      if (run.failures.length > 0) this.error(`${run.failures.length} input files failed; the plan covers the others`, {exit: 1})
      return {out: flags.out, status: PLAN_STATUS, files: {ingested: run.outcomes.length, failed: run.failures.length}}
    })
  }
}
