import {Command, Flags} from '@oclif/core'
import {join} from 'node:path'
import {runOrExit} from '../src/cli.js'
import {COLLECT_SCRIPTS} from '../src/collect/scripts.js'
import {FileSink} from '../src/io/fileSink.js'
import {writeOutputDir} from '../src/io/outputDir.js'

export default class Collect extends Command {
  static override summary = 'Write the PowerShell scripts that collect counters and the inventory on Hyper-V hosts'
  static override description = `Writes to --out:
  Start-HvplanCollector.ps1    creates and starts a Data Collector Set: VSD counters every 15 s to daily BLG logs (localized counter names looked up in the registry)
  Convert-HvplanLogs.ps1       converts the BLG logs with relog -f csv
  Export-HvplanInventory.ps1   exports the inventory CSV (-Cluster for every node of a cluster)
Run them as Administrator in Windows PowerShell 5.1 on each host; see docs/collect.md.`
  static override examples = ['<%= config.bin %> collect --out scripts']
  static override flags = {
    out: Flags.string({char: 'o', summary: 'Folder to write the scripts to (must not exist or be empty, unless --force).', required: true}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Collect)
    await runOrExit(this, () =>
      writeOutputDir(flags.out, flags.force, 'out', (tmp) => {
        for (const [name, script] of Object.entries(COLLECT_SCRIPTS)) {
          // Windows PowerShell 5.1 reads BOM-less files as ANSI: write UTF-8 with a BOM and CRLF.
          const sink = new FileSink(join(tmp, name), {bom: true})
          sink.write(script().replaceAll('\n', '\r\n'))
          sink.close()
        }
      }),
    )
    this.log(`Wrote ${Object.keys(COLLECT_SCRIPTS).join(', ')} to ${flags.out}`)
  }
}
