/** The flags `hvplan bandwidth` and `hvplan whatif bandwidth` share, and their normalization. */
import {Flags} from '@oclif/core'
import {normalizeReplicationOptions, type ReplicationOptions} from './plan/replicationOptions.js'

export const replicationFlags = {
  profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
  growth: Flags.integer({summary: 'Growth factor applied to every workload figure, percent.', default: 30}),
  'copy-frequency': Flags.string({summary: 'Copy frequency.', options: ['30s', '5m', '15m'], default: '5m'}),
  'wire-factor': Flags.string({summary: 'Bytes sent per byte written (1.0: Hyper-V → Azure does not compress).', default: '1'}),
  'apply-latency': Flags.integer({summary: 'Seconds from upload to a usable recovery point.', default: 0}),
  vm: Flags.string({summary: 'Only VMs matching this glob (repeatable).', multiple: true}),
  'exclude-disk': Flags.string({summary: 'Leave out disks whose path or instance matches this glob (repeatable), e.g. "*pagefile*".', multiple: true}),
}

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
