import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../../src/cli.js'

export default class ProfileExport extends Command {
  static override summary = 'Export the profile in long format (one row per disk per window) as CSV or JSON'
  static override description = `Columns: host, vm, disk, volume, window_start_utc, write_bytes, read_bytes, write_ops, read_ops, coverage (share of the window with samples). Bytes and operations are totals over the window. Windows without samples are not written. Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.`
  static override examples = ['<%= config.bin %> profile export --format csv --out windows.csv', '<%= config.bin %> profile export --format json > windows.json']

  static override flags = {
    profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
    format: Flags.string({summary: 'Output format.', options: ['csv', 'json'], default: 'csv'}),
    out: Flags.string({char: 'o', summary: 'Output file (default: standard output).'}),
    force: Flags.boolean({summary: 'Replace an existing --out file.', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(ProfileExport)
    await runOrExit(this, async () => {
      const {ProfileStore} = await import('../../src/store/profileStore.js')
      const {exportRows, csvLine, EXPORT_COLUMNS} = await import('../../src/profile/export.js')
      const {FileSink} = await import('../../src/io/fileSink.js')
      const {assertWritableOutput} = await import('../../src/io/outputDir.js')
      if (flags.out) assertWritableOutput(flags.out, flags.force, 'out')
      const store = ProfileStore.open(flags.profile, {create: false})
      const sink = flags.out ? new FileSink(flags.out) : undefined
      const write = (text: string) => (sink ? sink.write(text) : process.stdout.write(text))
      try {
        if (flags.format === 'csv') {
          write(EXPORT_COLUMNS.join(',') + '\r\n')
          for (const row of exportRows(store)) write(csvLine(row))
        } else {
          let first = true
          write('[')
          for (const row of exportRows(store)) {
            write((first ? '\n' : ',\n') + JSON.stringify(row))
            first = false
          }
          write('\n]\n')
        }
        sink?.close()
      } catch (error) {
        sink?.abort()
        throw error
      } finally {
        store.close()
      }
    })
  }
}
