/**
 * The flags of the planning commands, declared once and shared: where the profile is, the model
 * (`bandwidth`, `whatif`, `plan-protection`, `report`, `plan`), the report (`report`, `plan`) and
 * ingest (`ingest`, `plan`); defaults from data/defaults.json, quantities with units parsed by
 * src/units.ts. Light: loaded with --help (mathjs only when a value has a unit).
 */
import {Flags} from '@oclif/core'
import {type CostFlagValues, costFromFlags} from './costFlags.js'
import {DEFAULTS, defaultOf} from './defaults.js'
import {HvplanError} from './errors.js'
import {INPUT_LIMIT_NAMES, type InputLimits, inputLimits} from './ingest/inputLimits.js'
import type {ScopeOptions} from './plan/assessment.js'
import type {OpenPlanOptions} from './plan/openContext.js'
import {normalizeReplicationOptions, type ReplicationOptions} from './plan/replicationOptions.js'
import type {ReportOptions} from './report/document.js'
import {parseQuantity, positiveQuantityFlag} from './units.js'

export const profileFlags = {
  profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
}

/** What the plan is computed with: the model's options and the VMs it is for. */
export const modelFlags = {
  rpo: Flags.string({summary: `Target RPO, minutes or with a unit (15, 1h), repeatable [default: ${defaultOf('rpoMinutes').join(', ')}].`, multiple: true}),
  growth: Flags.integer({summary: 'Growth factor applied to every workload figure, percent.', default: defaultOf('growthPercent')}),
  percentile: Flags.integer({summary: 'Percentile of window churn and IOPS.', default: defaultOf('percentile')}),
  'copy-frequency': Flags.string({summary: `Copy frequency (${DEFAULTS.copyFrequencies.options.map((o) => `${o.flag}: ${o.note}`).join('; ')}).`, options: DEFAULTS.copyFrequencies.options.map((o) => o.flag), default: DEFAULTS.copyFrequencies.options.find((o) => o.seconds === defaultOf('copyFrequencySeconds'))!.flag}),
  'wire-factor': Flags.string({summary: 'Bytes sent per byte written (1.0: Hyper-V → Azure does not compress).', default: String(defaultOf('wireFactor'))}),
  'apply-latency': Flags.string({summary: 'From upload to a usable recovery point, seconds or with a unit (30, 2min).', default: String(defaultOf('applyLatencySeconds'))}),
  vm: Flags.string({summary: 'Only VMs matching this glob (repeatable).', multiple: true}),
  'exclude-disk': Flags.string({summary: 'Leave out disks whose path or instance matches this glob (repeatable), e.g. "*pagefile*".', multiple: true}),
  'include-vm': Flags.string({summary: 'Protect these VMs (glob, repeatable) even when incompatible.', multiple: true}),
  'exclude-vm': Flags.string({summary: 'Leave these VMs (glob, repeatable) out of the plan.', multiple: true}),
  'all-vms': Flags.boolean({summary: 'Plan every profiled VM, compatible or not (the estate after fixes), instead of the VMs to protect.', default: false}),
  limits: Flags.string({summary: 'JSON file overriding built-in limits (hvplan limits); values may carry units ("4 TiB").'}),
  'vm-sizes': Flags.string({summary: 'Azure VM size catalog (JSON, the shape of data/vmSizes.json).'}),
  'managed-disks': Flags.boolean({summary: 'Fail over to managed disks (test failover needs no second copy in the account).', default: true, allowNo: true}),
}

/** What the report assesses on top of the model. */
export const reportFlags = {
  bandwidth: Flags.string({summary: 'Planned WAN bandwidth, Mbps or with a unit (200, 200Mbps, 1Gbps, "500 Mbit/s"): what-if, batching, cost and findings use it.'}),
  'outage-hours': Flags.string({summary: 'WAN outage or pause to assess, hours or with a unit (4, 90min, 1.5d).', default: String(defaultOf('outageHours'))}),
  'heat-map': Flags.string({summary: 'Churn heat map columns: UTC days (GB/day) or the 168 hours of the week (MB/s).', options: ['day', 'hour-of-week'], default: 'day'}),
}

/** How counter logs become a profile. */
export const ingestFlags = {
  inventory: Flags.string({summary: 'Inventory CSV (default: any found among the inputs).'}),
  window: Flags.string({summary: 'Window length; fixed when the profile is created.', options: ['5m', '10m', '15m'], default: `${defaultOf('windowMinutes')}m`}),
  tz: Flags.string({summary: 'Time zone of logs that name none (typeperf, Get-Counter), whose zone cell is cut, or whose zone name is localized: a Windows ID or name, e.g. "Russian Standard Time", or an IANA name, e.g. "Europe/Moscow".'}),
  from: Flags.string({summary: 'Ignore samples before this UTC time (2026-10-25 or 2026-10-25T06:00:00Z).'}),
  to: Flags.string({summary: 'Ignore samples from this UTC time on.'}),
  'exclude-instance': Flags.string({summary: 'Leave out counter instances matching this glob (repeatable), e.g. "*pagefile*".', multiple: true}),
  aliases: Flags.string({summary: 'JSON file of extra localized object/counter names (format in docs/ingest.md).'}),
  encoding: Flags.string({summary: 'Read every log in this code page instead of finding it from the content: 1250–1258, 874, 932 (shift_jis), 936 (gbk), 949 (euc-kr), 950 (big5), utf-8, utf-16le.'}),
  'input-limit': Flags.string({summary: `Raise a limit a genuine file passes, NAME=VALUE (repeatable): ${INPUT_LIMIT_NAMES.map((k) => `${k} ${defaultOf(k)}`).join(', ')} (docs/formats.md).`, multiple: true}),
}

export interface ModelFlagValues {
  rpo?: string[]
  growth: number
  percentile: number
  'copy-frequency': string
  'wire-factor': string
  'apply-latency': string
  vm?: string[]
  'exclude-disk'?: string[]
  'include-vm'?: string[]
  'exclude-vm'?: string[]
  'all-vms': boolean
  limits?: string
  'vm-sizes'?: string
  'managed-disks': boolean
}

export interface ReportFlagValues {
  bandwidth?: string
  'outage-hours': string
  'heat-map': string
}

export interface IngestFlagValues {
  inventory?: string
  window: string
  tz?: string
  from?: string
  to?: string
  'exclude-instance'?: string[]
  aliases?: string
  encoding?: string
  'input-limit'?: string[]
}

/** The model's options from its flags (quantities with units read once, here). */
export function replicationOptionsFromFlags(flags: Omit<ModelFlagValues, 'rpo'> & {rpo?: string[] | string}): ReplicationOptions {
  const rpos = flags.rpo === undefined ? undefined : (Array.isArray(flags.rpo) ? flags.rpo : [flags.rpo]).map((r) => parseQuantity(r, 'min', {flag: 'rpo'}))
  const wireFactor = Number(flags['wire-factor'])
  if (!Number.isFinite(wireFactor)) throw new HvplanError('E_FLAG', `must be a positive factor, got ${JSON.stringify(flags['wire-factor'])}`, {flag: 'wire-factor'})
  return normalizeReplicationOptions({
    rpo: rpos,
    percentile: flags.percentile,
    growth: flags.growth,
    copyFrequency: flags['copy-frequency'],
    wireFactor,
    applyLatency: parseQuantity(flags['apply-latency'], 's', {flag: 'apply-latency'}),
    vm: flags.vm,
    excludeDisk: flags['exclude-disk'],
  })
}

export function scopeFromFlags(flags: Pick<ModelFlagValues, 'include-vm' | 'exclude-vm' | 'all-vms'>): ScopeOptions {
  return {includeVms: flags['include-vm'] ?? [], excludeVms: flags['exclude-vm'] ?? [], allVms: flags['all-vms']}
}

/** The profile, limits, catalog, inventory and scope the flags name (src/plan/openContext.ts). */
export function openFromFlags(flags: Omit<ModelFlagValues, 'rpo'> & {profile: string; inventory?: string}): OpenPlanOptions {
  return {profile: flags.profile, limits: flags.limits, vmSizes: flags['vm-sizes'], inventory: flags.inventory, scope: scopeFromFlags(flags), managedDisks: flags['managed-disks']}
}

/** The report's own options: the planned bandwidth (Mbps), the outage to assess (h), the heat map. */
export function reportOptionsFromFlags(flags: ReportFlagValues): {bandwidthMbps: number | undefined; outageHours: number; heatMap: 'day' | 'hour-of-week'} {
  return {
    bandwidthMbps: flags.bandwidth === undefined ? undefined : positiveQuantityFlag('bandwidth', flags.bandwidth, 'Mbps'),
    outageHours: positiveQuantityFlag('outage-hours', flags['outage-hours'], 'h'),
    heatMap: flags['heat-map'] === 'hour-of-week' ? 'hour-of-week' : 'day',
  }
}

/** Ingest options from their flags (everything but the profile path). */
export function ingestOptionsFromFlags(flags: IngestFlagValues): {windowMinutes: 5 | 10 | 15; tz?: string; from?: string; to?: string; excludeInstances: string[]; aliases?: string; inventory?: string; encoding?: string; inputLimits: InputLimits} {
  return {windowMinutes: Number(flags.window.replace('m', '')) as 5 | 10 | 15, tz: flags.tz, from: flags.from, to: flags.to, excludeInstances: flags['exclude-instance'] ?? [], aliases: flags.aliases, inventory: flags.inventory, encoding: flags.encoding, inputLimits: inputLimits(flags['input-limit'])}
}

/** Everything `report` and `plan` compute the report document with, from their flags. */
export function reportInputsFromFlags(flags: ModelFlagValues & ReportFlagValues & CostFlagValues): {options: ReportOptions; limitsFile: string | undefined; vmSizesFile: string | undefined} {
  const report = reportOptionsFromFlags(flags)
  return {
    options: {replication: replicationOptionsFromFlags(flags), scope: scopeFromFlags(flags), ...report, managedDisks: flags['managed-disks'], cost: costFromFlags(flags)},
    limitsFile: flags.limits,
    vmSizesFile: flags['vm-sizes'],
  }
}
