import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import type {ProtectionPlan} from '../src/plan/protectionPlan.js'
import {modelFlags, openFromFlags, profileFlags, replicationOptionsFromFlags, reportFlags} from '../src/planFlags.js'
import {count} from '../src/text.js'

export default class PlanProtection extends Command {
  static override summary = 'Compatibility, Azure storage, on-premises HRL space and IR batches for each VM'
  static override description = `Checks every VM against the limits (hvplan limits; --limits overrides), picks standard or premium storage and the disk tier per disk, and for the VMs to protect (the compatible ones, plus --include-vm, minus --exclude-vm) sizes the Hyper-V Replica log space each host volume needs per RPO — each VHD's log on its own volume — and orders protection in IR batches for each RPO, at --bandwidth or else the RPO's B100. Assumptions: docs/protection.md.`
  static override examples = ['<%= config.bin %> plan-protection', '<%= config.bin %> plan-protection --bandwidth 200 --rpo 15 --exclude-disk "*pagefile*" --json']
  static override enableJsonFlag = true
  static override flags = {
    ...profileFlags,
    ...modelFlags,
    bandwidth: reportFlags.bandwidth,
    inventory: Flags.string({summary: 'Inventory CSV whose facts replace those ingested with the profile.'}),
  }

  async run(): Promise<ProtectionPlan> {
    const {flags} = await this.parse(PlanProtection)
    return runOrExit(this, async () => {
      const {positiveQuantityFlag} = await import('../src/units.js')
      const {withPlanContext} = await import('../src/plan/openContext.js')
      const {planReplication} = await import('../src/plan/replicationPlan.js')
      const {planProtection} = await import('../src/plan/protectionPlan.js')
      const {formatBatches, formatVolumeSpace} = await import('../src/plan/formatPlan.js')
      const {table} = await import('../src/profile/formatSummary.js')
      const bandwidth = flags.bandwidth === undefined ? undefined : positiveQuantityFlag('bandwidth', flags.bandwidth, 'Mbps')
      const options = replicationOptionsFromFlags(flags)
      const plan = withPlanContext(openFromFlags(flags), options, (context, limits, catalog) => {
        const replication = planReplication(context.basis, context.scope.vms, context.send)
        return planProtection(context.basis, context.assessed, context.scope, replication, limits, catalog, {bandwidthMbps: bandwidth, managedDisks: flags['managed-disks']})
      })
      if (!this.jsonEnabled()) {
        const n = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—')
        this.log(`Limits: ${plan.limitsSet}`)
        this.log(`For ${plan.scope.text}`)
        this.log(`VM sizes: ${plan.vmCatalog}; cores to request for the VMs to protect: ${plan.coresToRequest}`)
        this.log('')
        this.log(
          table(
            ['VM', 'compatible', 'protect', 'storage', 'disk tiers (size → need)', 'Azure size', 'vCPUs', 'VHD GB', 'reasons'],
            plan.vms.map((v) => [v.vm, v.compatible, v.protect ? 'yes' : 'no', v.storage.storage, v.storage.disks.map((d) => (v.storage.storage === 'standard' ? (d.standardTier ?? '—') : d.byNeed && d.byNeed !== d.bySize ? `${d.bySize ?? '—'}→${d.byNeed}` : (d.bySize ?? '—'))).join(' '), v.azureSize ?? '—', v.vcpus === undefined ? '—' : String(v.vcpus), n(v.vhdGB), v.compatibility.findings.map((f) => f.text).join('; ')]),
            new Set([6, 7]),
          ),
        )
        for (const v of plan.scope.withoutData.filter((x) => !x.profiled)) this.log(`  ${v.vm} (${v.host}): no data — ${count(v.disks.length, 'disk')} in the inventory, no counters; not planned`)
        this.log('')
        this.log(
          table(
            ['host volume', 'RPO min', 'VMs', 'free GB', 'DR need GB', 'IR need GB', 'required GB', 'of free %', 'additional GB', 'status'],
            plan.volumes.flatMap((v) => v.byRpo.map((r) => [v.volume, String(r.rpoMinutes), String(v.vms.length), n(v.freeGB), n(r.drNeedGB, 1), n(r.irNeedGB, 1), n(r.requiredGB, 1), n((100 * r.requiredGB) / v.freeGB), n(r.additionalGB, 1), r.status])),
            new Set([1, 2, 3, 4, 5, 6, 7, 8]),
          ),
        )
        for (const line of formatVolumeSpace(plan.volumes)) this.log(line)
        this.log('')
        this.log(`Storage accounts (${plan.managedDisks ? 'managed disks' : 'unmanaged disks: test failover doubles the space'}):`)
        this.log(table(['account', 'type', 'VMs', 'IOPS', 'GB', 'snapshot GB', ''], plan.storageAccounts.map((a) => [a.name, a.storage, a.vms.join(', '), n(a.iops), n(a.sizeGB), n(a.snapshotGB), a.overLimit ? 'one VM exceeds an account limit' : '']), new Set([3, 4, 5])))
        this.log('')
        this.log(formatBatches(plan))
      }
      return plan
    })
  }
}
