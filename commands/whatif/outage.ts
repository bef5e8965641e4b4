import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../../src/cli.js'
import type {OutagePlan} from '../../src/plan/outagePlan.js'

export default class WhatIfOutage extends Command {
  static override summary = 'Which VMs and host volumes survive a WAN outage (or paused replication) of a given length'
  static override description = `While nothing is uploaded, Hyper-V Replica logs (HRL) grow next to the VHDs. A VM needs resynchronization when its logs reach 50 % of its VHD size; a host volume stops its VMs when its free space is gone. From the real churn series (gaps filled, growth applied), for every possible start time: the worst case and the typical (median) tolerance. Verdicts for --hours: survives (from any start), at risk (survives typical starts only), fails. VHD sizes and free space come from the inventory.`
  static override examples = ['<%= config.bin %> whatif outage --hours 4', '<%= config.bin %> whatif outage --hours 24 --json']
  static override enableJsonFlag = true
  static override flags = {
    profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
    hours: Flags.string({summary: 'Outage length, hours.', required: true}),
    growth: Flags.integer({summary: 'Growth factor applied to churn, percent.', default: 30}),
    limits: Flags.string({summary: 'JSON file overriding built-in limits (hrlResyncShareOfVhd).'}),
  }

  async run(): Promise<OutagePlan> {
    const {flags} = await this.parse(WhatIfOutage)
    return runOrExit(this, async () => {
      const {HvplanError, positiveNumberFlag} = await import('../../src/errors.js')
      const {withProfile} = await import('../../src/store/profileStore.js')
      const {loadProfile} = await import('../../src/store/loadProfile.js')
      const {planOutage} = await import('../../src/plan/outagePlan.js')
      const {limit, loadLimits} = await import('../../src/limits.js')
      const {table} = await import('../../src/profile/formatSummary.js')
      const hours = positiveNumberFlag('hours', flags.hours, 'hours')
      if (!(flags.growth >= 0)) throw new HvplanError('E_FLAG', `must be a percentage ≥ 0, got ${flags.growth}`, {flag: 'growth'})
      const limits = loadLimits(flags.limits)
      const plan = withProfile(flags.profile, (store) => planOutage(loadProfile(store, {measures: ['writeBytes'], coverage: false}), hours, flags.growth, limit(limits, 'hrlResyncShareOfVhd')))
      if (!this.jsonEnabled()) {
        const h = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : Number.isNaN(x) ? '—' : `> ${plan.profileHours.toFixed(0)}`)
        const rows = (list: OutagePlan['vms']) => list.map((r) => [r.name, Number.isFinite(r.capacityGB) ? r.capacityGB.toFixed(0) : '—', h(r.worstHours), r.worstStartUtc?.slice(0, 16).replace('T', ' ') ?? '', h(r.typicalHours), r.verdict])
        this.log(`Outage of ${hours} h, churn +${plan.growthPercent} % (limits: ${limits.set})`)
        this.log('')
        this.log(table(['VM', 'resync at GB', 'worst h', 'worst start UTC', 'typical h', `${hours} h outage`], rows(plan.vms), new Set([1, 2, 4])))
        this.log('')
        this.log(table(['host volume', 'free GB', 'worst h', 'worst start UTC', 'typical h', `${hours} h outage`], rows(plan.volumes), new Set([1, 2, 4])))
        if (plan.unknown.length) this.warn(`no VHD size or free space in the inventory for: ${plan.unknown.join(', ')}`)
      }
      return plan
    })
  }
}
