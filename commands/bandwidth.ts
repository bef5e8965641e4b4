import {Command} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import type {ProtectionScope} from '../src/plan/assessment.js'
import type {AfterFixes} from '../src/plan/context.js'
import type {ReplicationPlan} from '../src/plan/replicationPlan.js'
import {modelFlags, openFromFlags, profileFlags, replicationOptionsFromFlags} from '../src/planFlags.js'

export default class Bandwidth extends Command {
  static override summary = 'Bandwidth replication needs to meet each RPO (100 % and 90 % of the time), and what sets it'
  static override description = `Runs the replication cycle model (docs/formulas.md) on the VMs to protect — the compatible ones, plus --include-vm, minus --exclude-vm (--all-vms: every profiled VM) — and shows beside it what all profiled VMs would need once fixed. Every copy cycle seals a log of the writes since the last one (growth-adjusted, times the wire factor) and the link uploads logs in order. B100 is the least bandwidth that keeps the RPO at or under the target all the time (never below the mean send rate), B90 at least 90 % of the time. Missing windows are filled with the same time of day on other days (never zero); the share filled is shown. Mbps = 10^6 bit/s.`
  static override examples = ['<%= config.bin %> bandwidth', '<%= config.bin %> bandwidth --rpo 15 --rpo 30 --growth 50 --exclude-disk "*pagefile*" --json', '<%= config.bin %> bandwidth --all-vms']
  static override enableJsonFlag = true

  static override flags = {...profileFlags, ...modelFlags}

  async run(): Promise<ReplicationPlan & {scope: ProtectionScope; afterFixes: AfterFixes | null}> {
    const {flags} = await this.parse(Bandwidth)
    return runOrExit(this, async () => {
      const {withPlanContext} = await import('../src/plan/openContext.js')
      const {afterFixes} = await import('../src/plan/context.js')
      const {planReplication} = await import('../src/plan/replicationPlan.js')
      const {table} = await import('../src/profile/formatSummary.js')
      const {worstDayLabel} = await import('../src/text.js')
      const {formatBandwidthTable} = await import('../src/plan/formatPlan.js')
      const options = replicationOptionsFromFlags(flags)
      const {scope, plan, fixed} = withPlanContext(openFromFlags(flags), options, (context) => {
        const plan = planReplication(context.basis, context.scope.vms, context.send)
        return {scope: context.scope, plan, fixed: afterFixes(context)}
      })
      if (!this.jsonEnabled()) {
        this.log(`For ${scope.text}`)
        this.log(`${plan.vmCount} VMs, ${plan.diskCount} disks; growth ${options.growthPercent} %, wire factor ${options.wireFactor}, copy frequency ${options.copyFrequencySeconds / 60} min; ${(plan.filledWindowShare * 100).toFixed(1)} % of disk-windows filled`)
        const c = plan.siteChurn
        this.log(`Site churn with growth: average ${c.avgMBps.toFixed(2)} MB/s, P${options.percentile} ${c.percentileMBps.toFixed(2)} MB/s, max ${c.maxMBps.toFixed(2)} MB/s (${plan.windowSeconds / 60}-minute windows); mean send rate ${plan.siteMeanSendMbps.toFixed(1)} Mbps`)
        this.log('')
        this.log(formatBandwidthTable(plan, fixed))
        this.log('')
        this.log(`Churn with growth, top VMs by P${options.percentile}:`)
        const n = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—')
        this.log(table(['VM', `P${options.percentile} MB/s`, 'avg MB/s', 'max MB/s', 'avg GB/day', 'worst day GB', 'worst day UTC (h measured)', 'write IOPS avg', 'R/W IOPS avg', 'avg write KB'], plan.churn.vms.slice(0, 10).map((v) => [v.vm, n(v.percentileMBps), n(v.avgMBps), n(v.maxMBps), n(v.avgGBPerDay, 1), n(v.worstDayGB, 1), worstDayLabel(v.worstDayUtc, v.worstDayMeasuredShare), n(v.avgWriteIops, 0), n(v.avgRwIops, 0), n(v.avgWriteSizeKB, 1)]), new Set([1, 2, 3, 4, 5, 7, 8, 9])))
        const first = plan.rpos[0]
        this.log('')
        this.log(`DR bandwidth each VM keeps at RPO ${first.rpoMinutes} min (its own B100, scaled to the site's): ${first.perVm.slice(0, 5).map((v) => `${v.vm} ${v.drBandwidthMbps.toFixed(1)} Mbps`).join(', ')}${first.perVm.length > 5 ? ', …' : ''}`)
      }
      return {scope, ...plan, afterFixes: fixed}
    })
  }
}
