/**
 * Can ASR protect this VM (spec §4.3)? Each rule compares one fact with one limit and gives a
 * reason with the threshold; a fact the inventory lacks makes that rule "unknown", never a guess.
 * Limits come from data (src/limits.ts), passed in as plain numbers.
 */

export interface DiskFacts {
  readonly path: string
  readonly role: 'OS' | 'Data' | undefined
  readonly sizeGB: number | undefined
  /** Peak (or chosen-percentile) read + write IOPS of the disk. */
  readonly iops: number | undefined
}

export interface VmFacts {
  readonly name: string
  readonly generation: 1 | 2 | undefined
  readonly disks: readonly DiskFacts[]
  /** Peak read + write IOPS of the VM (per-window sum of its disks). */
  readonly iops: number | undefined
  readonly averageChurnMBps: number | undefined
  readonly averageEffectiveWriteIops: number | undefined
  readonly sharedVhdx: boolean | undefined
  readonly virtualFibreChannel: boolean | undefined
  /** The VM runs on a failover cluster. */
  readonly clustered: boolean | undefined
  readonly highlyAvailable: boolean | undefined
  readonly replicaBroker: boolean | undefined
  /** When the VM's replica goes to premium storage: the facts of the premium-only rules. */
  readonly premium?: PremiumFacts
}

export interface PremiumFacts {
  /** Bytes written ÷ write operations, KB; undefined when the counters do not say. */
  readonly averageWriteSizeKB: number | undefined
  /** Provisioned size of its premium disks (tier by need), GB; twice that on unmanaged disks (test failover). */
  readonly provisionedGB: number
  readonly managedDisks: boolean
  /** Snapshot storage, estimated as one day of churn with growth, GB. */
  readonly snapshotGB: number
}

/** ASR's churn limits for premium storage by write size, and the premium account's limits. */
export interface PremiumLimits {
  readonly premiumChurnLimitSmallIoMBps: number
  readonly premiumChurnLimitLargeIoMBps: number
  /** Writes of at least this size (KB) get the large-I/O limit. */
  readonly premiumLargeIoMinKB: number
  readonly premiumAccountCapacityGB: number
  readonly maxSnapshotStorageGB: number
}

export interface CompatibilityLimits {
  readonly maxDiskSizeGB: number
  readonly maxOsDiskSizeGen1GB: number
  readonly maxOsDiskSizeGen2GB: number
  readonly maxDisksPerVm: number
  readonly maxIopsPerDisk: number
  readonly maxIopsPerVm: number
  readonly maxAverageChurnPerVmMBps: number
  readonly maxAverageEffectiveWriteIops: number
  readonly premium?: PremiumLimits
}

export type Verdict = 'Yes' | 'No' | 'Unknown'

export interface Finding {
  readonly rule: string
  readonly verdict: 'incompatible' | 'unknown'
  readonly text: string
}

export interface Compatibility {
  readonly vm: string
  /** No when any rule fails; Unknown when none fails but some could not be checked. */
  readonly verdict: Verdict
  readonly findings: readonly Finding[]
}

const NAME_CHARACTERS = /["“”[\]`,]/

export function checkCompatibility(vm: VmFacts, limits: CompatibilityLimits): Compatibility {
  const findings: Finding[] = []
  const no = (rule: string, text: string) => findings.push({rule, verdict: 'incompatible', text})
  const unknown = (rule: string, text: string) => findings.push({rule, verdict: 'unknown', text})
  const over = (rule: string, value: number | undefined, max: number, what: string, unit: string) => {
    if (value === undefined || Number.isNaN(value)) unknown(rule, `${what}: not known`)
    else if (value > max) no(rule, `${what} ${fmt(value)} ${unit} exceeds ${fmt(max)} ${unit}`)
  }
  const flag = (rule: string, value: boolean | undefined, text: string, what: string) => {
    if (value === undefined) unknown(rule, `${what}: not known`)
    else if (value) no(rule, text)
  }

  if (NAME_CHARACTERS.test(vm.name)) no('vm-name', `VM name contains one of " “ ” [ ] \` , which ASR does not accept`)
  for (const d of vm.disks) {
    over('disk-size', d.sizeGB, limits.maxDiskSizeGB, `disk ${d.path} size`, 'GB')
    over('disk-iops', d.iops, limits.maxIopsPerDisk, `disk ${d.path} IOPS`, 'IOPS')
  }
  const os = vm.disks.find((d) => d.role === 'OS')
  if (!os) unknown('os-disk-size', 'OS disk: not known')
  else if (vm.generation === undefined) unknown('os-disk-size', 'generation: not known, so the OS disk limit is not known')
  else over('os-disk-size', os.sizeGB, vm.generation === 1 ? limits.maxOsDiskSizeGen1GB : limits.maxOsDiskSizeGen2GB, `Gen ${vm.generation} OS disk size`, 'GB')
  if (vm.disks.length > limits.maxDisksPerVm) no('disk-count', `${vm.disks.length} disks exceed ${limits.maxDisksPerVm}`)
  over('vm-iops', vm.iops, limits.maxIopsPerVm, 'VM IOPS', 'IOPS')
  over('vm-churn', vm.averageChurnMBps, limits.maxAverageChurnPerVmMBps, 'average churn', 'MB/s')
  over('effective-write-iops', vm.averageEffectiveWriteIops, limits.maxAverageEffectiveWriteIops, 'average effective write IOPS', 'IOPS')
  flag('shared-vhdx', vm.sharedVhdx, 'a shared VHDX is attached', 'shared VHDX')
  flag('virtual-fc', vm.virtualFibreChannel, 'a virtual Fibre Channel adapter is attached', 'virtual Fibre Channel')
  if (vm.clustered === true) {
    flag('replica-broker', vm.replicaBroker === undefined ? undefined : !vm.replicaBroker, 'the cluster has no Hyper-V Replica Broker', 'Hyper-V Replica Broker')
    flag('highly-available', vm.highlyAvailable === undefined ? undefined : !vm.highlyAvailable, 'the VM is on a cluster but not highly available', 'highly available')
  } else if (vm.clustered === undefined) unknown('cluster', 'cluster membership: not known')
  if (vm.premium && limits.premium) premiumRules(vm.premium, vm.averageChurnMBps, limits.premium, no)
  const verdict: Verdict = findings.some((f) => f.verdict === 'incompatible') ? 'No' : findings.length > 0 ? 'Unknown' : 'Yes'
  return {vm: vm.name, verdict, findings}
}

/**
 * The rules of premium storage (spec §4.3): average churn within ASR's premium limit for the VM's
 * average write size (5 MB/s below 16 KB, 20 MB/s from 16 KB; an unknown write size gets the
 * large-I/O limit), provisioned size within one premium account, snapshots within its 10 TB.
 */
function premiumRules(p: PremiumFacts, churnMBps: number | undefined, limits: PremiumLimits, no: (rule: string, text: string) => void): void {
  const small = p.averageWriteSizeKB !== undefined && Number.isFinite(p.averageWriteSizeKB) && p.averageWriteSizeKB < limits.premiumLargeIoMinKB
  const churnLimit = small ? limits.premiumChurnLimitSmallIoMBps : limits.premiumChurnLimitLargeIoMBps
  if (churnMBps !== undefined && churnMBps > churnLimit) {
    no('premium-churn', `average churn ${fmt(churnMBps)} MB/s ${small ? `in ${fmt(p.averageWriteSizeKB!)} KB writes ` : ''}exceeds premium storage's ${fmt(churnLimit)} MB/s for writes ${small ? `under ${limits.premiumLargeIoMinKB} KB` : `of ${limits.premiumLargeIoMinKB} KB and more`}`)
  }
  if (p.provisionedGB > limits.premiumAccountCapacityGB) {
    no('premium-account-size', `replication${p.managedDisks ? '' : ' + test failover'} needs ${Math.round(p.provisionedGB).toLocaleString('en-US')} GB, more than a premium account's ${limits.premiumAccountCapacityGB.toLocaleString('en-US')} GB`)
  }
  if (p.snapshotGB > limits.maxSnapshotStorageGB) {
    no('snapshot-storage', `snapshot storage of about ${Math.round(p.snapshotGB).toLocaleString('en-US')} GB a day exceeds ${limits.maxSnapshotStorageGB.toLocaleString('en-US')} GB`)
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', {maximumFractionDigits: 2})
}

/**
 * What a planner does about each incompatibility, by rule: one line a report shows beside the
 * reason. Rules whose fix is outside hvplan say so.
 */
export const FIXES: Readonly<Record<string, string>> = {
  'vm-name': 'rename the VM without " “ ” [ ] ` or ,',
  'disk-size': 'split the data onto disks within the limit, or leave the disk out of replication (--exclude-disk) if it need not be protected',
  'disk-iops': 'spread the disk\'s load over more disks, or leave it out (--exclude-disk) if it holds temporary data',
  'os-disk-size': 'shrink the OS disk within the limit (move data to a data disk), or convert the VM so its generation allows the size',
  'disk-count': 'consolidate data disks, or leave some out of replication (--exclude-disk)',
  'vm-iops': 'spread the load over more VMs, or leave high-IOPS temporary disks out (--exclude-disk)',
  'vm-churn': 'leave pagefile, TempDB and scratch disks out of replication (--exclude-disk), or move the churn off the VM',
  'effective-write-iops': 'leave write-heavy temporary disks out of replication (--exclude-disk)',
  'shared-vhdx': 'not supported by ASR: protect the guest cluster another way, or detach the shared VHDX',
  'virtual-fc': 'remove the virtual Fibre Channel adapter (move that storage into VHDX)',
  'replica-broker': 'add the Hyper-V Replica Broker role to the cluster',
  'highly-available': 'make the VM highly available (Failover Cluster Manager: Configure Role → Virtual Machine), or move it off the cluster',
  'premium-churn': 'leave high-churn disks out (--exclude-disk), or raise the write size the application uses (16 KB and more allows 20 MB/s)',
  'premium-account-size': 'fail over to managed disks (the default), or leave large disks out of replication',
  'snapshot-storage': 'keep fewer recovery points, or leave high-churn disks out of replication',
}

/** The fix of a rule, or a general one for a rule without its own. */
export function fixFor(rule: string): string {
  return FIXES[rule] ?? 'see the reason; then run the plan again'
}
