import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import type {Limits} from '../src/limits.js'

export default class LimitsCommand extends Command {
  static override summary = 'Show the limits hvplan checks against, each with its source and date'
  static override description = `The limits live in data/limits.json. --limits FILE overrides any of them: {"values": {"maxIopsPerDisk": 20000, "maxDiskSizeGB": {"value": 32767, "source": "…", "date": "2026"}}}. Every report states which set it used.`
  static override examples = ['<%= config.bin %> limits', '<%= config.bin %> limits --limits my-limits.json --json']
  static override enableJsonFlag = true
  static override flags = {
    limits: Flags.string({summary: 'JSON file overriding built-in limits.'}),
  }

  async run(): Promise<Limits> {
    const {flags} = await this.parse(LimitsCommand)
    return runOrExit(this, async () => {
      const {loadLimits} = await import('../src/limits.js')
      const {table} = await import('../src/profile/formatSummary.js')
      const limits = loadLimits(flags.limits)
      if (!this.jsonEnabled()) {
        this.log(`Limits: ${limits.set}`)
        this.log('')
        this.log(table(['limit', 'value', 'unit', 'date', 'source'], Object.entries(limits.values).map(([k, v]) => [k, v.value.toLocaleString('en-US'), v.unit, v.date, v.source]), new Set([1])))
        this.log('')
        this.log(`Premium disk tiers (${limits.premiumTiers.source}, ${limits.premiumTiers.date}):`)
        this.log(table(['tier', 'up to GB', 'IOPS', 'MB/s'], limits.premiumTiers.tiers.map((t) => [t.tier, t.maxSizeGB.toLocaleString('en-US'), t.iops.toLocaleString('en-US'), String(t.mbps)]), new Set([1, 2, 3])))
      }
      return limits
    })
  }
}
