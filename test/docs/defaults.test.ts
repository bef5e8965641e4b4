/** Every default is declared once (data/defaults.json) and read from there: by the flags, the models' options, the assumptions sheet and docs/formulas.md. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import Bandwidth from '../../commands/bandwidth.js'
import Ingest from '../../commands/ingest.js'
import Plan from '../../commands/plan.js'
import ProfileShow from '../../commands/profile/show.js'
import Report from '../../commands/report.js'
import WhatIfBandwidth from '../../commands/whatif/bandwidth.js'
import WhatIfOutage from '../../commands/whatif/outage.js'
import {DEFAULTS, defaultOf} from '../../src/defaults.js'
import {normalizeReplicationOptions} from '../../src/plan/replicationOptions.js'

const root = join(import.meta.dirname, '..', '..')
const data = JSON.parse(readFileSync(join(root, 'data', 'defaults.json'), 'utf8'))

describe('defaults, declared once', () => {
  it('are the data file\'s values, each with a source', () => {
    expect(DEFAULTS.values).toEqual(data.values)
    for (const [key, v] of Object.entries(DEFAULTS.values)) expect(v.source.length, key).toBeGreaterThan(20)
    expect(DEFAULTS.copyFrequencies.options.map((o) => [o.flag, o.seconds, o.current])).toEqual([['30s', 30, true], ['5m', 300, true], ['15m', 900, false]])
  })

  it('fill the models\' options when no flag is given', () => {
    expect(normalizeReplicationOptions({})).toEqual({rpoMinutes: [15, 30, 60], percentile: 95, growthPercent: 30, growthFactor: 1.3, copyFrequencySeconds: 300, wireFactor: 1, applyLatencySeconds: 0, vms: [], excludeDisks: []})
  })

  it('are the flags\' defaults', () => {
    expect(Bandwidth.flags.growth.default).toBe(defaultOf('growthPercent'))
    expect(Bandwidth.flags.percentile.default).toBe(defaultOf('percentile'))
    expect(Bandwidth.flags['copy-frequency'].default).toBe('5m')
    expect(Bandwidth.flags['wire-factor'].default).toBe(String(defaultOf('wireFactor')))
    expect(Bandwidth.flags['apply-latency'].default).toBe(String(defaultOf('applyLatencySeconds')))
    expect(Bandwidth.flags.rpo.summary).toContain(`[default: ${defaultOf('rpoMinutes').join(', ')}]`)
    expect(WhatIfBandwidth.flags.rpo.default).toBe(String(defaultOf('rpoMinutes')[0]))
    expect(Report.flags['outage-hours'].default).toBe(String(defaultOf('outageHours')))
    expect(WhatIfOutage.flags.hours.default).toBe(String(defaultOf('outageHours')))
    expect(ProfileShow.flags.percentile.default).toBe(defaultOf('percentile'))
    expect(Ingest.flags.window.default).toBe(`${defaultOf('windowMinutes')}m`)
    expect(Plan.flags.window.default).toBe(`${defaultOf('windowMinutes')}m`)
  })

  it('are the ones docs/formulas.md lists, with their sources', () => {
    const doc = readFileSync(join(root, 'docs', 'formulas.md'), 'utf8')
    const rows = new Map(doc.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| option') && !l.startsWith('|---')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim())).map((c) => [c[0], c]))
    const shown: Record<keyof typeof DEFAULTS.values, string> = {rpoMinutes: 'RPOs', percentile: 'percentile', growthPercent: 'growth', copyFrequencySeconds: 'copy frequency', applyLatencySeconds: 'apply latency', wireFactor: 'wire factor', outageHours: 'outage assessed', windowMinutes: 'window', coverageThreshold: 'coverage threshold', maxBytesPerSecond: 'largest plausible byte rate', maxOperationsPerSecond: 'largest plausible operation rate', earliestSampleYear: 'earliest sample year', latestSampleYear: 'latest sample year', maxHeaderMB: 'longest header line', maxLineMB: 'longest line', maxColumns: 'most columns in a header', maxCounterPathChars: 'longest counter path', maxDecompressedGB: 'largest expanded .gz', maxCompressionRatio: 'largest .gz expansion ratio', compressionRatioAfterMB: 'expansion ratio checked after', maxInventoryMB: 'largest inventory', maxProfileDays: 'longest profile'}
    for (const [key, name] of Object.entries(shown) as Array<[keyof typeof DEFAULTS.values, string]>) {
      const d = DEFAULTS.values[key]
      const value = Array.isArray(d.value) ? d.value.join(', ') : String(d.value)
      const unit = ['share', 'factor', 'percentile'].includes(d.unit) ? '' : d.unit === '%' ? ' %' : ` ${d.unit}`
      expect(rows.get(name)?.[1], key).toBe(`${value}${unit}`)
      expect(d.source.startsWith(rows.get(name)![3]), key).toBe(true)
    }
    expect(rows.size).toBe(Object.keys(DEFAULTS.values).length)
  })
})
