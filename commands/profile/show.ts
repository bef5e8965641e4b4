import {Command, Flags} from '@oclif/core'
import {runOrExit} from '../../src/cli.js'
import type {ProfileSummary} from '../../src/profile/summary.js'
import {defaultOf} from '../../src/defaults.js'

export default class ProfileShow extends Command {
  static override summary = 'Show the churn profile per VM and host volume, and its data quality'
  static override description = 'Churn is the per-window sum of a VM\'s disks (VSD Write Bytes/sec integrated over each window). MB = 2^20 bytes, GB = 2^30 bytes. Windows without samples are left out of every figure, never counted as zero.'
  static override examples = ['<%= config.bin %> profile show', '<%= config.bin %> profile show --profile estate.sqlite --json']
  static override enableJsonFlag = true

  static override flags = {
    profile: Flags.string({char: 'p', summary: 'Profile file.', default: 'hvplan-profile.sqlite'}),
    percentile: Flags.integer({summary: 'Percentile of window churn to show.', default: defaultOf('percentile'), min: 1, max: 100}),
  }

  async run(): Promise<ProfileSummary> {
    const {flags} = await this.parse(ProfileShow)
    return runOrExit(this, async () => {
      const {withProfile} = await import('../../src/store/profileStore.js')
      const {summarizeProfile} = await import('../../src/profile/summary.js')
      const {formatProfileSummary} = await import('../../src/profile/formatSummary.js')
      const summary = withProfile(flags.profile, (store) => summarizeProfile(store, flags.percentile))
      if (!this.jsonEnabled()) this.log(formatProfileSummary(summary))
      return summary
    })
  }
}
