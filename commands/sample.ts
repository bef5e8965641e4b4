import {Command, Flags} from '@oclif/core'
import {DIALECT_SUMMARIES, DIALECTS, type Dialect} from '../src/sample/dialects.js'
import {DEFAULT_SAMPLE_OPTIONS, generateSample, normalizeSampleOptions, type SampleSummary} from '../src/sample/generate.js'
import {formatBytes, runOrExit} from '../src/cli.js'
import {ProgressLine} from '../src/progress.js'
import {parseQuantity} from '../src/units.js'

export default class Sample extends Command {
  static override summary = 'Generate a synthetic Hyper-V estate: counter logs, inventory and ground truth'
  static override description = `Writes what a planner would collect on Hyper-V hosts, deterministically from --seed:
  <out>/logs/<HOST>/<HOST>_<yyyyMMdd>-<NNNNNN>.csv   one counter log per host per local day (a new file after a collector restart)
  <out>/inventory.csv                                  the VM/disk/volume inventory (docs/formats.md)
  <out>/truth.json                                     ground truth: bytes and ops per disk per 5-minute UTC window, and every injected event

The first 12 VMs are the Contoso cast (SQL01 with a Sunday index-maintenance burst, a file server with a 5 TB disk, a pagefile disk, an idle VM, …) on a 2-node cluster with CSV volumes and two standalone hosts, one short of free space. Larger --vms add VMs of random roles on more hosts.
Injected events: nightly/weekly maintenance bursts, rare spikes, a checkpoint (.avhdx), a live migration, a VM switched off, a collector gap of hours, and the DST change when the period spans one.
Dialects (--dialect): ${DIALECTS.map((d) => `\n  ${d.padEnd(12)} ${DIALECT_SUMMARIES[d]}`).join('')}`

  static override examples = [
    '<%= config.bin %> sample --out samples/contoso --gzip',
    '<%= config.bin %> sample --out big --vms 1000 --days 31 --gzip',
    '<%= config.bin %> sample --out de --dialect german --days 1',
  ]

  static override enableJsonFlag = true

  static override flags = {
    out: Flags.string({char: 'o', summary: 'Folder to write (must not exist or be empty, unless --force).', required: true}),
    seed: Flags.integer({summary: 'Random seed; the same seed and flags give byte-identical files.', default: DEFAULT_SAMPLE_OPTIONS.seed}),
    vms: Flags.integer({summary: 'Number of VMs.', default: DEFAULT_SAMPLE_OPTIONS.vms}),
    hosts: Flags.integer({summary: 'Number of Hyper-V hosts [default: max(4, vms/12)].'}),
    days: Flags.integer({summary: 'Days of collection.', default: DEFAULT_SAMPLE_OPTIONS.days}),
    start: Flags.string({summary: 'Local date of the first day (YYYY-MM-DD).', default: DEFAULT_SAMPLE_OPTIONS.start}),
    tz: Flags.string({summary: 'Time zone of the hosts: a Windows ID or name ("W. Europe Standard Time") or an IANA name ("Europe/Berlin").', default: DEFAULT_SAMPLE_OPTIONS.timeZone}),
    interval: Flags.string({summary: 'Sample interval, seconds or with a unit (15, 15s, 1min).', default: String(DEFAULT_SAMPLE_OPTIONS.intervalSeconds)}),
    dialect: Flags.string({summary: 'How the logs are written.', options: [...DIALECTS], default: DEFAULT_SAMPLE_OPTIONS.dialect}),
    decimals: Flags.integer({summary: 'Decimals printed for counter values (typeperf always prints 6).', default: DEFAULT_SAMPLE_OPTIONS.decimals}),
    gzip: Flags.boolean({summary: 'Gzip the logs and the truth file (.gz).', default: false}),
    force: Flags.boolean({summary: 'Replace an existing, non-empty --out folder.', default: false}),
  }

  async run(): Promise<SampleSummary> {
    const {flags} = await this.parse(Sample)
    return runOrExit(this, () => {
      const options = normalizeSampleOptions({
        seed: flags.seed,
        vms: flags.vms,
        hosts: flags.hosts,
        days: flags.days,
        start: flags.start,
        timeZone: flags.tz,
        intervalSeconds: parseQuantity(flags.interval, 's', {flag: 'interval'}),
        dialect: flags.dialect as Dialect,
        decimals: flags.decimals,
        gzip: flags.gzip,
      })
      const progress = new ProgressLine('sample')
      const summary = generateSample(options, flags.out, flags.force, (p) => progress.update(p.fraction, `${formatBytes(p.bytesWritten)} written`))
      progress.done()
      if (!this.jsonEnabled()) {
        this.log(`Wrote ${summary.outDir}: ${summary.hosts} hosts, ${summary.vms} VMs, ${summary.disks} disks, ${summary.startUtc} to ${summary.endUtc}`)
        this.log(`  ${summary.files} log files, ${summary.rows.toLocaleString('en-US')} rows, ${formatBytes(summary.bytesWritten)}; truth: ${summary.truthWindows.toLocaleString('en-US')} disk-windows`)
        this.log(`  events: ${Object.entries(summary.events).map(([k, v]) => `${k} ${v}`).join(', ')}`)
      }
      return summary
    })
  }
}
