import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../src/cli.js'
import type {ProtectionPlan} from '../src/plan/protectionPlan.js'
import {replicationFlags, replicationOptionsFromFlags} from '../src/replicationFlags.js'

export default class PlanProtection extends Command {
  static override summary = 'Compatibility, Azure storage, on-premises HRL space and IR batches for each VM'
  static override description = `Checks every VM against the limits (hvplan limits; --limits overrides), picks standard or premium storage and the premium tier per disk, sizes the Hyper-V Replica log space each host volume needs for initial and delta replication, and orders protection in IR batches for each RPO, at --bandwidth or else the RPO's B100. Assumptions: docs/protection.md.`
  static override examples = ['<%= config.bin %> plan-protection', '<%= config.bin %> plan-protection --bandwidth 200 --rpo 15 --exclude-disk "*pagefile*" --json']
  static override enableJsonFlag = true
  static override flags = {
    ...replicationFlags,
    rpo: Flags.integer({summary: 'Target RPO in minutes (repeatable) [default: 15, 30, 60].', multiple: true}),
    percentile: Flags.integer({summary: 'Percentile of churn and IOPS used for storage decisions.', default: 95}),
    bandwidth: Flags.string({summary: 'WAN bandwidth for replication, Mbps (default: each RPO\'s B100).'}),
    limits: Flags.string({summary: 'JSON file overriding built-in limits.'}),
    inventory: Flags.string({summary: 'Inventory CSV whose facts replace those ingested with the profile.'}),
    'vm-sizes': Flags.string({summary: 'Azure VM size catalog (JSON, the shape of data/vmSizes.json).'}),
    'include-vm': Flags.string({summary: 'Plan these VMs (glob, repeatable) even when incompatible.', multiple: true}),
    'managed-disks': Flags.boolean({summary: 'Fail over to managed disks (test failover needs no second copy in the account).', default: true, allowNo: true}),
  }

  async run(): Promise<ProtectionPlan> {
    const {flags} = await this.parse(PlanProtection)
    return runOrExit(this, async () => {
      const {positiveNumberFlag} = await import('../src/errors.js')
      const {withProfile} = await import('../src/store/profileStore.js')
      const {loadProfile} = await import('../src/store/loadProfile.js')
      const {loadLimits} = await import('../src/limits.js')
      const {planProtection} = await import('../src/plan/protectionPlan.js')
      const {loadVmCatalog} = await import('../src/vmCatalog.js')
      const {table} = await import('../src/profile/formatSummary.js')
      const bandwidth = flags.bandwidth === undefined ? undefined : positiveNumberFlag('bandwidth', flags.bandwidth, 'Mbps')
      const options = replicationOptionsFromFlags(flags, {rpo: flags.rpo, percentile: flags.percentile})
      const limits = loadLimits(flags.limits)
      const {withInventory} = await import('../src/store/loadProfile.js')
      const {readInventory} = await import('../src/ingest/inventory.js')
      const inventory = flags.inventory ? readInventory(flags.inventory).disks : undefined
      const plan = withProfile(flags.profile, (store) => {
        const loaded = inventory ? withInventory(loadProfile(store, {coverage: false}), inventory) : loadProfile(store, {coverage: false})
        return planProtection(loaded, options, limits, loadVmCatalog(flags['vm-sizes']), bandwidth, flags['managed-disks'], flags['include-vm'] ?? [])
      })
      if (!this.jsonEnabled()) {
        const n = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—')
        this.log(`Limits: ${plan.limitsSet}`)
        this.log(`VM sizes: ${plan.vmCatalog}; cores to request for the protectable VMs: ${plan.coresToRequest}`)
        this.log('')
        this.log(
          table(
            ['VM', 'compatible', 'storage', 'disk tiers (size → need)', 'Azure size', 'vCPUs', 'VHD GB', 'reasons'],
            plan.vms.map((v) => [v.vm, v.compatible, v.storage.storage, v.storage.disks.map((d) => (d.byNeed && d.byNeed !== d.bySize ? `${d.bySize ?? '—'}→${d.byNeed}` : (d.bySize ?? '—'))).join(' '), v.azureSize ?? '—', v.vcpus === undefined ? '—' : String(v.vcpus), n(v.vhdGB), v.compatibility.findings.map((f) => f.text).join('; ')]),
            new Set([5, 6]),
          ),
        )
        this.log('')
        this.log(
          table(
            ['host volume', 'VMs', 'free GB', 'DR need GB', 'IR need GB', 'required GB', 'of free %', 'additional GB'],
            plan.volumes.map((v) => [v.volume, String(v.vms.length), n(v.freeGB), n(v.drNeedGB, 1), n(v.irNeedGB, 1), n(v.requiredGB, 1), n((100 * v.requiredGB) / v.freeGB), n(v.additionalGB, 1)]),
            new Set([1, 2, 3, 4, 5, 6, 7]),
          ),
        )
        for (const v of plan.volumes) if (v.requiredGB > 0.75 * v.freeGB && v.additionalGB === 0) this.log(`  ${v.volume}: the plan needs ${n((100 * v.requiredGB) / v.freeGB)} % of its free space; a burst or a paused replication may fill it (hvplan whatif outage)`)
        for (const v of plan.volumes) if (v.additionalGB > 0) this.log(`  ${v.volume}: add ${n(v.additionalGB, 1)} GB before enabling protection`)
        this.log('')
        this.log(`Storage accounts (${plan.managedDisks ? 'managed disks' : 'unmanaged disks: test failover doubles the space'}):`)
        this.log(table(['account', 'type', 'VMs', 'IOPS', 'GB', 'snapshot GB', ''], plan.storageAccounts.map((a) => [a.name, a.storage, a.vms.join(', '), n(a.iops), n(a.sizeGB), n(a.snapshotGB), a.overLimit ? 'one VM exceeds an account limit' : '']), new Set([3, 4, 5])))
        for (const b of plan.batching) {
          this.log('')
          this.log(`IR batches for RPO ${b.rpoMinutes} min at ${b.totalBandwidthMbps.toFixed(1)} Mbps:`)
          this.log(table(['batch', 'VMs', 'IR Mbps', 'DR Mbps kept', 'IR time h'], b.plan.batches.map((x) => [String(x.batch), x.vms.join(', '), n((x.availableBytesPerSec * 8) / 1e6, 1), n((x.drBytesPerSec * 8) / 1e6, 1), n(x.irSeconds / 3600, 1)]), new Set([0, 2, 3, 4])))
          this.log(table(['VM', 'batch', 'IR min Mbps', 'DR Mbps', 'comment'], b.plan.vms.map((r) => [r.vm, String(r.batch), n((r.irMinBytesPerSec * 8) / 1e6, 1), n((r.drBytesPerSec * 8) / 1e6, 1), r.comment]), new Set([1, 2, 3])))
        }
      }
      return plan
    })
  }
}
