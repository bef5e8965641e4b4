import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import {replicationFlags, replicationOptionsFromFlags} from '../src/replicationFlags.js'
import type {ReplicationPlan} from '../src/plan/replicationPlan.js'

export default class Bandwidth extends Command {
  static override summary = 'Bandwidth replication needs to meet each RPO (100 % and 90 % of the time), and what sets it'
  static override description = `Runs the replication cycle model (docs/formulas.md) on the profile: every copy cycle seals a log of the writes since the last one (growth-adjusted, times the wire factor) and the link uploads logs in order. B100 is the least bandwidth that keeps the RPO at or under the target all the time, B90 at least 90 % of the time. Missing windows are filled with the same time of day on other days (never zero); the share filled is shown. Mbps = 10^6 bit/s.`
  static override examples = ['<%= config.bin %> bandwidth', '<%= config.bin %> bandwidth --rpo 15 --rpo 30 --growth 50 --exclude-disk "*pagefile*" --json']
  static override enableJsonFlag = true

  static override flags = {
    ...replicationFlags,
    rpo: Flags.integer({summary: 'Target RPO in minutes (repeatable) [default: 15, 30, 60].', multiple: true}),
    percentile: Flags.integer({summary: 'Percentile of window churn shown for the site and VMs.', default: 95}),
  }

  async run(): Promise<ReplicationPlan> {
    const {flags} = await this.parse(Bandwidth)
    return runOrExit(this, async () => {
      const {withProfile} = await import('../src/store/profileStore.js')
      const {loadProfile} = await import('../src/store/loadProfile.js')
      const {planReplication} = await import('../src/plan/replicationPlan.js')
      const {table} = await import('../src/profile/formatSummary.js')
      const options = replicationOptionsFromFlags(flags, {rpo: flags.rpo, percentile: flags.percentile})
      const plan = withProfile(flags.profile, (store) => planReplication(loadProfile(store, {coverage: false}), options))
      if (!this.jsonEnabled()) {
        this.log(`${plan.vmCount} VMs, ${plan.diskCount} disks; growth ${options.growthPercent} %, wire factor ${options.wireFactor}, copy frequency ${options.copyFrequencySeconds / 60} min; ${(plan.filledWindowShare * 100).toFixed(1)} % of disk-windows filled`)
        const c = plan.siteChurn
        this.log(`Site churn with growth: average ${c.avgMBps.toFixed(2)} MB/s, P${options.percentile} ${c.percentileMBps.toFixed(2)} MB/s, max ${c.maxMBps.toFixed(2)} MB/s (${plan.windowSeconds / 60}-minute windows); mean send rate ${plan.siteMeanSendMbps.toFixed(1)} Mbps`)
        this.log('')
        this.log(table(['RPO min', 'B100 Mbps', 'B90 Mbps', 'what sets B100'], plan.rpos.map((r) => [String(r.rpoMinutes), r.bandwidth100Mbps.toFixed(1), r.bandwidth90Mbps.toFixed(1), r.driver.text]), new Set([0, 1, 2])))
        this.log('')
        this.log(`Churn with growth, top VMs by P${options.percentile}:`)
        const n = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—')
        this.log(table(['VM', `P${options.percentile} MB/s`, 'avg MB/s', 'max MB/s', 'avg GB/day', 'worst day GB', 'write IOPS avg', 'R/W IOPS avg', 'avg write KB'], plan.churn.vms.slice(0, 10).map((v) => [v.vm, n(v.percentileMBps), n(v.avgMBps), n(v.maxMBps), n(v.avgGBPerDay, 1), n(v.worstDayGB, 1), n(v.avgWriteIops, 0), n(v.avgRwIops, 0), n(v.avgWriteSizeKB, 1)]), new Set([1, 2, 3, 4, 5, 6, 7, 8])))
        const first = plan.rpos[0]
        this.log('')
        this.log(`Per-VM DR bandwidth (each VM's own B100) at RPO ${first.rpoMinutes} min: ${first.perVm.slice(0, 5).map((v) => `${v.vm} ${v.bandwidth100Mbps.toFixed(1)} Mbps`).join(', ')}${first.perVm.length > 5 ? ', …' : ''}`)
      }
      return plan
    })
  }
}
