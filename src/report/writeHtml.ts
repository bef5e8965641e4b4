/**
 * The interactive report page: one self-contained HTML file (script, styles, data inline) that
 * opens from disk with no server and no network. The page script (page/, bundled with uPlot by
 * `npm run build` into dist/page/report-page.js) recomputes B100, B90, the drivers, the what-if
 * and the network plan in the browser with the CLI's own models, from the figures below and the
 * document's send series (src/report/pageSeries.ts).
 *
 * Text from input files (VM, host and volume names) reaches the page only as JSON data, which the
 * script puts in the page as text (textContent), never as markup; the JSON is escaped so that no
 * `</script>` or `<!--` can end its script element.
 */
import {existsSync, readFileSync} from 'node:fs'
import {FileSink} from '../io/fileSink.js'
import {irSummary} from '../plan/protectionPlan.js'
import {blockersTable, pauseSentence} from './decisionTables.js'
import {topActions} from './findings.js'
import type {ReportDocument} from './document.js'

export const PAGE_SCHEMA = 'hvplan-page/1'

/** What the page shows and starts from: the document's figures, trimmed to what the page uses. */
export function pageModel(doc: ReportDocument) {
  const protect = new Set(doc.scope.vms)
  const reasons = new Map(doc.scope.left.map((l) => [l.vm, l.reason]))
  const ownB100 = new Map(doc.bandwidth.rpos[0]?.perVm.map((p) => [p.vm, p.bandwidth100Mbps]) ?? [])
  const summary = new Map(doc.profile.vms.map((v) => [v.vm, v]))
  return {
    schema: PAGE_SCHEMA,
    generatedUtc: doc.generatedUtc,
    hvplanVersion: doc.hvplanVersion,
    // As PDF page 1: each VM that cannot be protected with its reason and fix, the top actions, how long replication may pause.
    decision: {blockers: blockersTable(doc).rows.map((r) => r.map(String)), actions: topActions(doc.findings), pause: pauseSentence(doc)},
    scope: {text: doc.scope.text, basis: doc.scope.basis, vms: doc.scope.vms, left: doc.scope.left, withoutData: doc.scope.withoutData.filter((v) => !v.profiled).map((v) => v.vm)},
    period: {firstWindowUtc: doc.siteChurn.firstWindowUtc, windowSeconds: doc.siteChurn.windowSeconds, windows: doc.siteChurn.churnMBps.length},
    options: {
      rpoMinutes: doc.assumptions.rpoMinutes,
      copyFrequencySeconds: doc.assumptions.copyFrequencySeconds,
      applyLatencySeconds: doc.assumptions.applyLatencySeconds,
      wireFactor: doc.assumptions.wireFactor,
      growthPercent: doc.assumptions.growthPercent,
      percentile: doc.assumptions.percentile,
      plannedBandwidthMbps: doc.assumptions.bandwidthMbps,
    },
    bandwidth: {
      siteMeanSendMbps: doc.bandwidth.siteMeanSendMbps,
      rpos: doc.bandwidth.rpos.map((r) => ({rpoMinutes: r.rpoMinutes, bandwidth100Mbps: r.bandwidth100Mbps, bandwidth90Mbps: r.bandwidth90Mbps, driver: r.driver.text})),
    },
    whatIf: doc.whatIf.map((w) => ({rpoMinutes: w.rpoMinutes, curve: w.curve.map((p) => [p.bandwidthMbps, p.achievableRpoMinutes, p.withinTargetShare])})),
    ir: doc.protection.batching.map((b) => ({rpoMinutes: b.rpoMinutes, text: irSummary(b.plan), batches: b.plan.batches.map((x) => ({batch: x.batch, vms: x.vms.length, irHours: x.irSeconds / 3600, availableMbps: (x.availableBytesPerSec * 8) / 1e6}))})),
    vms: doc.protection.vms.map((v) => {
      const s = summary.get(v.vm)
      return {
        vm: v.vm,
        hosts: v.hosts.join(', '),
        compatible: v.compatible,
        protect: protect.has(v.vm),
        reason: reasons.get(v.vm) ?? '',
        avgMBps: v.churn.avgMBps,
        percentileMBps: v.churn.percentileMBps,
        gbPerDay: v.churn.avgGBPerDay,
        vhdGB: v.vhdGB,
        azureSize: v.azureSize ?? '',
        ownB100Mbps: ownB100.get(v.vm) ?? null,
        coveragePct: s?.coveragePct ?? null,
      }
    }),
    heatMap: doc.heatMap,
    volumes: doc.protection.volumes.map((v) => ({volume: v.volume, vms: v.vms.length, freeGB: v.freeGB, byRpo: v.byRpo.map((r) => ({rpoMinutes: r.rpoMinutes, requiredGB: r.requiredGB, additionalGB: r.additionalGB, status: r.status}))})),
    findings: doc.findings.map((f) => ({severity: f.severity, title: f.title, text: f.text, action: f.action ?? '', table: f.table ?? null})),
    cost: doc.cost
      ? {currency: doc.cost.priceSheet.currency, label: doc.cost.priceSheet.label, example: doc.cost.priceSheet.example, byRpo: doc.cost.byRpo, networkChoice: doc.cost.networkChoice, monthly: doc.cost.totals.monthly}
      : null,
    series: doc.pageSeries ? {windows: doc.pageSeries.windows, bits: doc.pageSeries.bits, vms: doc.pageSeries.vms, scales: doc.pageSeries.scales} : null,
  }
}

export type PageModel = ReturnType<typeof pageModel>

/** JSON safe inside a script element: no `<` (so no `</script>` or `<!--`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** The bundled page script (built by `npm run build`), from the sources (src/report/) or the build (dist/src/report/). */
function pageScript(): string {
  for (const rel of ['../../dist/page/report-page.js', '../../page/report-page.js']) {
    const url = new URL(rel, import.meta.url)
    if (existsSync(url)) return readFileSync(url, 'utf8')
  }
  throw new Error('the interactive page script is not built: run npm run build')
}

export function reportHtml(doc: ReportDocument): string {
  if (!doc.pageSeries) throw new Error('the report was built without the page series (buildReport with pageSeries: true)')
  const model = pageModel(doc)
  // A script's text ends at the first "</script": the bundle is checked, not trusted.
  const script = pageScript()
  if (/<\/script/i.test(script)) throw new Error('the page script contains "</script" and cannot be inlined')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; connect-src data: blob:">
<title>hvplan — Azure Site Recovery plan for Hyper-V</title>
</head>
<body>
<noscript>This page needs JavaScript to show the plan; report.pdf and report.xlsx hold the same figures.</noscript>
<div id="app"></div>
<script id="hvplan-model" type="application/json">${scriptJson(model)}</script>
<script id="hvplan-series" type="application/octet-stream">${doc.pageSeries.base64}</script>
<script>${script}</script>
</body>
</html>
`
}

export function writeReportHtml(doc: ReportDocument, path: string): void {
  const sink = new FileSink(path)
  try {
    sink.write(reportHtml(doc))
    sink.close()
  } catch (error) {
    sink.abort()
    throw error
  }
}
