/**
 * The flags the planning commands share (bandwidth, whatif, plan-protection, report), their
 * defaults from data/defaults.json, and their normalization. Light: loaded with --help.
 */
import {Flags} from '@oclif/core'
import {DEFAULTS, defaultOf} from './defaults.js'
import type {ScopeOptions} from './plan/assessment.js'
import type {OpenPlanOptions} from './plan/openContext.js'
import {normalizeReplicationOptions, type ReplicationOptions} from './plan/replicationOptions.js'

export const replicationFlags = {
  profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
  growth: Flags.integer({summary: 'Growth factor applied to every workload figure, percent.', default: defaultOf('growthPercent')}),
  'copy-frequency': Flags.string({summary: `Copy frequency (${DEFAULTS.copyFrequencies.options.map((o) => `${o.flag}: ${o.note}`).join('; ')}).`, options: DEFAULTS.copyFrequencies.options.map((o) => o.flag), default: DEFAULTS.copyFrequencies.options.find((o) => o.seconds === defaultOf('copyFrequencySeconds'))!.flag}),
  'wire-factor': Flags.string({summary: 'Bytes sent per byte written (1.0: Hyper-V → Azure does not compress).', default: String(defaultOf('wireFactor'))}),
  'apply-latency': Flags.integer({summary: 'Seconds from upload to a usable recovery point.', default: defaultOf('applyLatencySeconds')}),
  vm: Flags.string({summary: 'Only VMs matching this glob (repeatable).', multiple: true}),
  'exclude-disk': Flags.string({summary: 'Leave out disks whose path or instance matches this glob (repeatable), e.g. "*pagefile*".', multiple: true}),
  // Which VMs the plan is for: the VMs to protect unless --all-vms.
  'include-vm': Flags.string({summary: 'Protect these VMs (glob, repeatable) even when incompatible.', multiple: true}),
  'exclude-vm': Flags.string({summary: 'Leave these VMs (glob, repeatable) out of the plan.', multiple: true}),
  'all-vms': Flags.boolean({summary: 'Plan every profiled VM, compatible or not (the estate after fixes), instead of the VMs to protect.', default: false}),
  limits: Flags.string({summary: 'JSON file overriding built-in limits (hvplan limits).'}),
  'managed-disks': Flags.boolean({summary: 'Fail over to managed disks (test failover needs no second copy in the account).', default: true, allowNo: true}),
}

/** The percentile flag, with the one default. */
export const percentileFlag = Flags.integer({summary: 'Percentile of window churn and IOPS.', default: defaultOf('percentile')})

/** The repeatable RPO flag, with the defaults in its help. */
export const rpoFlag = Flags.integer({summary: `Target RPO in minutes (repeatable) [default: ${defaultOf('rpoMinutes').join(', ')}].`, multiple: true})

type SharedFlags = {growth: number; 'copy-frequency': string; 'wire-factor': string; 'apply-latency': number; vm?: string[]; 'exclude-disk'?: string[]}

export function replicationOptionsFromFlags(flags: SharedFlags, extra: {rpo?: number[]; percentile?: number}): ReplicationOptions {
  return normalizeReplicationOptions({
    ...extra,
    growth: flags.growth,
    copyFrequency: flags['copy-frequency'],
    wireFactor: Number(flags['wire-factor']),
    applyLatency: flags['apply-latency'],
    vm: flags.vm,
    excludeDisk: flags['exclude-disk'],
  })
}

export function scopeFromFlags(flags: {'include-vm'?: string[]; 'exclude-vm'?: string[]; 'all-vms': boolean}): ScopeOptions {
  return {includeVms: flags['include-vm'] ?? [], excludeVms: flags['exclude-vm'] ?? [], allVms: flags['all-vms']}
}

type OpenFlags = {profile: string; limits?: string; 'managed-disks': boolean; 'include-vm'?: string[]; 'exclude-vm'?: string[]; 'all-vms': boolean; 'vm-sizes'?: string; inventory?: string}

/** The profile, limits, catalog, inventory and scope the shared flags name (src/plan/openContext.ts). */
export function openFromFlags(flags: OpenFlags): OpenPlanOptions {
  return {profile: flags.profile, limits: flags.limits, vmSizes: flags['vm-sizes'], inventory: flags.inventory, scope: scopeFromFlags(flags), managedDisks: flags['managed-disks']}
}
