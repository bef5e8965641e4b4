import {Args, Command, Flags} from '@oclif/core'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {formatBytes, runOrExit} from '../src/cli.js'
import {discoverInputs} from '../src/ingest/discover.js'
import {writeOutputDir} from '../src/io/outputDir.js'
import {inputReport, type InputReport} from '../src/plan/inputReport.js'

export default class Plan extends Command {
  static override summary = 'Plan protection from counter logs and an inventory, in one go'
  static override description = `Finds the counter logs and the inventory under the given files and folders (an inventory inside a folder is found by its header) and writes the plan to --out.

Today it recognises and lists the inputs (dialect, hosts, time zones) and writes <out>/inputs.json. Ingest, the models and the Excel/PDF reports come with the next issues; until then no figure is computed, and the output says so.`

  static override examples = ['<%= config.bin %> plan samples/contoso --out out', '<%= config.bin %> plan logs/ --inventory vms.csv --out plan --force']
  static override enableJsonFlag = true
  static override strict = false

  static override args = {
    inputs: Args.string({description: 'Counter logs (.csv, .tsv, .txt, optionally .gz) or folders of them.', required: true}),
  }

  static override flags = {
    out: Flags.string({char: 'o', summary: 'Folder for the plan (must not exist or be empty, unless --force).', required: true}),
    inventory: Flags.string({summary: 'Inventory CSV (default: the one found among the inputs).'}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
  }

  async run(): Promise<InputReport> {
    const {argv, flags} = await this.parse(Plan)
    return runOrExit(this, async () => {
      const inputs = await discoverInputs(argv as string[], flags.inventory)
      const report = inputReport(inputs, process.cwd())
      writeOutputDir(flags.out, flags.force, 'out', (tmp) => writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(report, null, 2) + '\n'))
      if (!this.jsonEnabled()) {
        this.log(`Found ${report.logs.length} counter logs from ${report.hosts.length} hosts, ${report.inventories.length} inventory file(s).`)
        for (const h of report.hosts) this.log(`  ${h.host.padEnd(14)} ${String(h.files).padStart(3)} files  ${formatBytes(h.bytes).padStart(10)}  ${h.dialects.join(', ')}  zone ${h.timeZones.join(', ')}`)
        for (const i of report.inventories) this.log(`  inventory: ${i}`)
        for (const u of report.unreadable) this.warn(`${u.path}: ${u.reason}`)
        this.log(`\n${report.status}`)
        this.log(`Wrote ${join(flags.out, 'inputs.json')}`)
      }
      return report
    })
  }
}
