import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../../src/cli.js'
import {defaultOf} from '../../src/defaults.js'
import {modelFlags, openFromFlags, profileFlags, replicationOptionsFromFlags} from '../../src/planFlags.js'
import type {ProtectionScope} from '../../src/plan/assessment.js'
import type {WhatIfPlan} from '../../src/plan/whatIfPlan.js'

export default class WhatIfBandwidth extends Command {
  static override summary = 'What RPO a given bandwidth achieves, or an RPO-vs-bandwidth curve over a sweep'
  static override description = `For each bandwidth: the RPO over time (median, 90th and 99th percentile, worst), the share of time within the target RPO, violation episodes, the worst RPO per UTC day, and the worst backlog with its drain time. Same model, options and VMs as hvplan bandwidth (the VMs to protect unless --all-vms). Logs still queued when the profiled period ends are followed to their upload. Mbps = 10^6 bit/s.`
  static override examples = ['<%= config.bin %> whatif bandwidth --bandwidth 100 --bandwidth 200', '<%= config.bin %> whatif bandwidth --sweep 10:500:10 --rpo 15 --json']
  static override enableJsonFlag = true

  static override flags = {
    ...profileFlags,
    ...modelFlags,
    bandwidth: Flags.string({summary: 'Bandwidth, Mbps or with a unit (200, 1Gbps, "500 Mbit/s"), repeatable.', multiple: true, exclusive: ['sweep']}),
    sweep: Flags.string({summary: 'FROM:TO:STEP, Mbps or with units, e.g. 10:500:10 or 100Mbps:1Gbps:100Mbps.', exclusive: ['bandwidth']}),
    rpo: Flags.string({summary: 'Target RPO, minutes or with a unit (15, 1h).', default: String(defaultOf('rpoMinutes')[0])}),
  }

  async run(): Promise<WhatIfPlan & {scope: ProtectionScope}> {
    const {flags} = await this.parse(WhatIfBandwidth)
    return runOrExit(this, async () => {
      const {HvplanError} = await import('../../src/errors.js')
      const {withPlanContext} = await import('../../src/plan/openContext.js')
      const {parseSweep, planWhatIf} = await import('../../src/plan/whatIfPlan.js')
      const {table} = await import('../../src/profile/formatSummary.js')
      if (!flags.bandwidth?.length && !flags.sweep) throw new HvplanError('E_FLAG', 'must be given (or --sweep FROM:TO:STEP), got neither', {flag: 'bandwidth'})
      const {positiveQuantityFlag} = await import('../../src/units.js')
      const bandwidths = flags.sweep ? parseSweep(flags.sweep) : flags.bandwidth!.map((b) => positiveQuantityFlag('bandwidth', b, 'Mbps'))
      const options = replicationOptionsFromFlags(flags)
      const {scope, plan} = withPlanContext(openFromFlags(flags), options, (context) => ({scope: context.scope, plan: planWhatIf(context.basis, context.send, options.rpoMinutes[0], bandwidths)}))
      if (!this.jsonEnabled()) {
        this.log(`For ${scope.text}`)
        this.log(`Target RPO ${plan.rpoTargetMinutes} min; mean send rate ${plan.meanSendMbps.toFixed(1)} Mbps (growth ${options.growthPercent} %)`)
        this.log('')
        const m = (x: number) => (x >= 1000 ? x.toFixed(0) : x.toFixed(1))
        this.log(
          table(
            ['Mbps', 'RPO P50 min', 'P90 min', 'P99 min', 'worst min', `≤ ${plan.rpoTargetMinutes} min %`, 'violations', 'longest min', 'worst backlog GB', 'drain min', ''],
            plan.points.map((p) => [String(p.bandwidthMbps), m(p.rpoP50Minutes), m(p.rpoP90Minutes), m(p.rpoP99Minutes), m(p.achievableRpoMinutes), (p.withinTargetShare * 100).toFixed(1), String(p.violations.count), m(p.violations.longestMinutes), p.worstBacklogGB.toFixed(2), m(p.drainMinutes), p.unstable ? 'unstable: mean churn > bandwidth' : '']),
            new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
          ),
        )
      }
      return {scope, ...plan}
    })
  }
}
