/**
 * Page 1 of the report and the top of the Recommendations sheet: for each RPO the bandwidth to
 * order with its network plan and monthly cost and how long initial replication (IR) takes; what
 * cannot be protected, with its reason and fix; the top actions; how long replication may stay
 * paused. Format-neutral tables, laid out by the workbook and PDF writers.
 */
import {fixFor} from '../../models/compatibility.js'
import type {ReportDocument} from './document.js'
import {topActions} from './findings.js'
import {firstLimitedVm} from '../plan/outagePlan.js'
import {irSummary} from '../plan/protectionPlan.js'
import {firstFew} from '../text.js'
import {type Cell, int, name, num, type Table, wrapped} from './tables.js'

/** Per RPO: bandwidth to order (and its 90 % and after-fixes figures), network plan and cost, IR. */
export function decisionTable(doc: ReportDocument): Table {
  const c = doc.cost
  const planned = doc.assumptions.bandwidthMbps
  return {
    id: 'decision',
    sheet: 'Decision',
    title: planned === null ? 'Bandwidth to order, per RPO' : `At the planned ${planned} Mbps, per RPO`,
    note: `100 %: the bandwidth that keeps every recovery point within the RPO (the one to order); 90 %: within it 90 % of the time.${doc.afterFixes ? ` After fixes: all ${doc.afterFixes.vms} profiled VMs.` : ''}${c ? ` ${c.priceSheet.example ? 'EXAMPLE prices, not a quote' : `Prices of ${c.priceSheet.date}`}.` : ''}`,
    columns: [
      int('RPO (min)', 8),
      num('Bandwidth for 100 % (Mbps)', 1, 12),
      num('90 % of the time (Mbps)', 1, 11),
      ...(doc.afterFixes ? [num('All VMs after fixes (Mbps)', 1, 11)] : []),
      ...(planned !== null ? [num(`Worst RPO at ${planned} Mbps (min)`, 1, 12)] : []),
      ...(c ? [name(planned === null ? 'Network plan to order' : `Network plan for ${planned} Mbps`, 28), num(`DR cost (${c.priceSheet.currency}/month)`, 0, 11)] : []),
      name('Initial replication (IR)', 18),
    ],
    rows: doc.bandwidth.rpos.map((r, k): Cell[] => {
      const cost = c?.byRpo[k]
      return [
        r.rpoMinutes,
        r.bandwidth100Mbps,
        r.bandwidth90Mbps,
        ...(doc.afterFixes ? [doc.afterFixes.rpos[k].bandwidth100Mbps] : []),
        ...(planned !== null ? [doc.whatIf[k]?.atBandwidth?.achievableRpoMinutes ?? null] : []),
        ...(c ? [cost?.networkPlan ?? 'none covers it', cost?.monthly ?? null] : []),
        irSummary(doc.protection.batching[k]?.plan),
      ]
    }),
  }
}

/** One row per reason a VM cannot be protected, with its fix (models/compatibility.ts FIXES). */
export function blockersTable(doc: ReportDocument): Table {
  const left = new Set(doc.scope.left.map((l) => l.vm))
  const rows = doc.protection.vms.filter((v) => left.has(v.vm)).flatMap((v) => {
    const reasons = v.compatibility.findings.filter((f) => f.verdict === 'incompatible')
    return reasons.length ? reasons.map((f): Cell[] => [v.vm, f.text, fixFor(f.rule)]) : [[v.vm, doc.scope.left.find((l) => l.vm === v.vm)!.reason, 'plan it with --include-vm if it should be protected'] as Cell[]]
  })
  return {
    id: 'blockers',
    sheet: 'Decision',
    title: 'Cannot be protected as they are: reason and fix',
    columns: [name('VM', 14), wrapped('Reason', 44), wrapped('Fix', 50)],
    rows,
  }
}

/** The top actions (actions, then warnings), numbered. */
export function actionsTable(doc: ReportDocument): Table {
  return {
    id: 'actions',
    sheet: 'Decision',
    title: 'Top actions',
    columns: [int('#', 4), wrapped('Action', 100)],
    rows: topActions(doc.findings).map((a, k) => [k + 1, a]),
  }
}

/** "Replication may stay paused about 8 h at worst (BUILD01: …)", or the VMs at risk for the outage assessed. */
export function pauseSentence(doc: ReportDocument): string {
  const risk = doc.findings.find((f) => f.id === 'resync-risk')
  if (risk) {
    const atRisk = doc.outage.vms.filter((v) => risk.vms.includes(v.name)) // soonest first, as the outage plan sorts them
    const first = atRisk[0]
    return `${risk.title} (${firstFew(atRisk.map((v) => v.name), 3)}). The first, ${first.name}, reaches its limit, ${first.limitedBy}, after ${first.worstHours.toFixed(1)} h from the worst start in the profile: keep pauses shorter, or give the Hyper-V Replica logs (HRL) more space.`
  }
  const worst = firstLimitedVm(doc.outage)
  if (!worst) return `Replication can stay paused longer than the ${doc.outage.profileHours.toFixed(0)} h profiled without any VM needing resynchronization.`
  return `Replication can stay paused about ${Math.floor(worst.worstHours)} h at worst: ${worst.name} reaches its first limit, ${worst.limitedBy}, after ${worst.worstHours.toFixed(1)} h (typical start ${Number.isFinite(worst.typicalHours) ? `${worst.typicalHours.toFixed(1)} h` : `beyond the ${doc.outage.profileHours.toFixed(0)} h profiled`}); the Hyper-V Replica log (HRL) then needs resynchronization.`
}

/** Per RPO what sets the 100 % bandwidth: the busiest interval and its VMs, or the mean-churn floor. */
export function driverTable(doc: ReportDocument): Table {
  return {
    id: 'drivers',
    sheet: 'Recommendations',
    title: 'What sets each 100 % bandwidth',
    columns: [int('RPO (min)', 8), num('Bandwidth for 100 % (Mbps)', 1, 12), wrapped('What sets it', 80)],
    rows: doc.bandwidth.rpos.map((r) => [r.rpoMinutes, r.bandwidth100Mbps, r.driver.text]),
  }
}

/** How long replication may stay paused, as a one-row table (under the Recommendations figures). */
export function pauseTable(doc: ReportDocument): Table {
  return {id: 'pause', sheet: 'Recommendations', title: 'How long replication may stay paused', columns: [wrapped('Before a VM needs resynchronization', 110)], rows: [[pauseSentence(doc)]]}
}
