import {Command, Flags} from '@oclif/core'
import {utcMinute} from '../../src/text.js'
import {runOrExit} from '../../src/cli.js'
import {defaultOf} from '../../src/defaults.js'
import type {ProtectionScope} from '../../src/plan/assessment.js'
import type {OutagePlan} from '../../src/plan/outagePlan.js'
import {modelFlags, openFromFlags, profileFlags, replicationOptionsFromFlags} from '../../src/planFlags.js'

export default class WhatIfOutage extends Command {
  static override summary = 'Which VMs to protect and host volumes survive a WAN outage (or paused replication) of a given length'
  static override description = `While nothing is uploaded, each VHD's Hyper-V Replica log (HRL) grows next to it. A VM needs resynchronization when one of its VHDs' logs reaches a share of that VHD's size (hrlResyncShareOfVhd in hvplan limits: 50 %, overridable with --limits), or when a volume it is on runs out of free space; its tolerance is that of the first limit reached. From the real churn series (gaps filled, growth applied), for every possible start time: the worst case and the typical (median) tolerance. Verdicts for --hours: survives (from any start), at risk (survives typical starts only), fails. VHD sizes and free space come from the inventory. The VMs are those to protect (the compatible ones, plus --include-vm, minus --exclude-vm; --all-vms: every profiled VM).`
  static override examples = ['<%= config.bin %> whatif outage --hours 4', '<%= config.bin %> whatif outage --hours 24 --json']
  static override enableJsonFlag = true
  static override flags = {
    ...profileFlags,
    ...modelFlags,
    hours: Flags.string({summary: 'Outage length, hours or with a unit (4, 90min, 1.5d).', default: String(defaultOf('outageHours'))}),
  }

  async run(): Promise<OutagePlan & {scope: ProtectionScope}> {
    const {flags} = await this.parse(WhatIfOutage)
    return runOrExit(this, async () => {
      const {positiveQuantityFlag} = await import('../../src/units.js')
      const {withPlanContext} = await import('../../src/plan/openContext.js')
      const {planOutage} = await import('../../src/plan/outagePlan.js')
      const {limit} = await import('../../src/limits.js')
      const {table} = await import('../../src/profile/formatSummary.js')
      const hours = positiveQuantityFlag('hours', flags.hours, 'h')
      const options = replicationOptionsFromFlags(flags)
      const {scope, plan, limitsSet} = withPlanContext(openFromFlags(flags), options, (context, limits) => ({scope: context.scope, plan: planOutage(context.basis, context.scope.vms, hours, limit(limits, 'hrlResyncShareOfVhd')), limitsSet: limits.set}))
      if (!this.jsonEnabled()) {
        const h = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : Number.isNaN(x) ? '—' : `> ${plan.profileHours.toFixed(0)}`)
        const rows = (list: OutagePlan['vms']) => list.map((r) => [r.name, Number.isFinite(r.capacityGB) ? r.capacityGB.toFixed(0) : '—', h(r.worstHours), utcMinute(r.worstStartUtc), h(r.typicalHours), r.verdict])
        this.log(`For ${scope.text}`)
        this.log(`Outage of ${hours} h, churn +${plan.growthPercent} % (limits: ${limitsSet})`)
        this.log('')
        this.log(table(['VM', 'limit GB', 'worst h', 'worst start UTC', 'typical h', `${hours} h outage`, 'first limit reached (worst start)'], plan.vms.map((r, k) => [...rows(plan.vms)[k], r.limitedBy]), new Set([1, 2, 4])))
        this.log('')
        this.log(table(['VHD', 'resync at GB', 'worst h', 'worst start UTC', 'typical h', `${hours} h outage`], rows(plan.vhds), new Set([1, 2, 4])))
        this.log('')
        this.log(table(['host volume', 'free GB', 'worst h', 'worst start UTC', 'typical h', `${hours} h outage`], rows(plan.volumes), new Set([1, 2, 4])))
        if (plan.unknown.length) this.warn(`no VHD size or free space in the inventory for: ${plan.unknown.join(', ')}`)
      }
      return {scope, ...plan}
    })
  }
}
