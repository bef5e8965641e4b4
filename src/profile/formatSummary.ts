/** The human view of `hvplan profile show`: aligned tables with units in the headers. */
import {worstDayLabel, utcMinute} from '../text.js'
import type {ProfileSummary} from './summary.js'

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: ReadonlySet<number>): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)))
  const line = (cells: readonly string[]) => cells.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—')

export function formatProfileSummary(s: ProfileSummary): string {
  const q = s.quality
  const out: string[] = []
  out.push(`Profile: ${q.files} files, ${utcMinute(q.firstUtc)} to ${utcMinute(q.lastUtc)} UTC (${q.daysProfiled.toFixed(1)} days), ${s.windowMinutes}-minute windows`)
  out.push('')
  out.push(
    table(
      ['VM', 'hosts', 'disks', 'avg MB/s', `P${s.percentile} MB/s`, 'max MB/s', 'avg GB/day', 'worst day GB', 'worst day UTC (h measured)', 'avg write IOPS', 'max write IOPS', 'coverage %'],
      [...s.vms]
        .sort((a, b) => b.p95ChurnMBps - a.p95ChurnMBps)
        .map((v) => [v.vm, v.hosts.join(','), String(v.disks), f(v.avgChurnMBps, 3), f(v.p95ChurnMBps, 3), f(v.maxChurnMBps, 3), f(v.avgGBPerDay, 1), f(v.worstDayGB, 1), worstDayLabel(v.worstDayUtc, v.worstDayMeasuredShare), f(v.avgWriteIops, 0), f(v.maxWriteIops, 0), f(v.coveragePct, 1)]),
      new Set([2, 3, 4, 5, 6, 7, 9, 10, 11]),
    ),
  )
  out.push('')
  out.push(
    table(
      ['host volume', 'hosts', 'VMs', 'disks', 'avg MB/s', `P${s.percentile} MB/s`, 'max MB/s'],
      s.volumes.map((v) => [v.volume, v.hosts.join(','), String(v.vms), String(v.disks), f(v.avgChurnMBps, 3), f(v.p95ChurnMBps, 3), f(v.maxChurnMBps, 3)]),
      new Set([2, 3, 4, 5, 6]),
    ),
  )
  out.push('')
  out.push(`Data quality: ${q.confidence} confidence`)
  for (const r of q.reasons) out.push(`  - ${r}`)
  out.push(`  coverage ${f(q.coveragePct, 1)} % of disk-windows; ${q.blankCells.toLocaleString('en-US')} blank cells (missing, not zero) of ${(q.blankCells + q.valueCells).toLocaleString('en-US')}${q.badCells ? `; ${q.badCells.toLocaleString('en-US')} cells no rate (skipped as missing)` : ''}`)
  out.push(`  ${q.gaps} sample gaps, ${q.dstCorrections} DST corrections, ${q.backwardRows} rows going back in time dropped, ${f(q.overlapClippedSeconds, 0)} s of overlapping samples not counted twice`)
  if (q.noiseInstances.length) out.push(`  ${q.noiseInstances.length} noise instances excluded (.vmgs, .iso)`)
  if (q.localizedNames.length) out.push(`  localized names seen: ${q.localizedNames.join('; ')}`)
  if (q.guessedInstances.length) out.push(`  guessed mappings (no inventory entry): ${q.guessedInstances.join('; ')}`)
  return out.join('\n')
}
