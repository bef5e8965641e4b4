/**
 * The interactive report page (bundled by scripts/buildPage.mjs, inlined by
 * src/report/writeHtml.ts). It reads the plan's figures and send series from the page itself and
 * recomputes with the CLI's models (models/*.ts, the same code): B100 and B90 per RPO and what sets
 * them when VMs are picked, the what-if and the network plan when the bandwidth moves.
 *
 * Every name from the inputs goes into the page with textContent: never parsed as markup.
 */
import uPlot from 'uplot'
import uplotCss from 'uplot/dist/uPlot.min.css'
import {bytesInSpan, drivingSpan, explainDriver} from '../models/bandwidthDriver.js'
import {cheapestCoveringPlan, monthlyWithNetworkPlan} from '../models/cost.js'
import {bandwidthFor100, bandwidthForShare, bytesPerSecToMbps, type CycleParams, cycleLogBytes, mbpsToBytesPerSec, meanSendRate} from '../models/replication.js'
import {curveBandwidths, curvePoint, type WhatIfPoint, whatIfPoint} from '../models/whatIf.js'
import type {PageModel} from '../src/report/writeHtml.js'
import {PAGE_CSS} from './style.js'

interface RpoFigures {
  readonly rpoMinutes: number
  readonly bandwidth100Mbps: number
  readonly bandwidth90Mbps: number
  readonly driver: string
  /** [bandwidth Mbps, worst RPO min, share within target] */
  readonly curve: ReadonlyArray<readonly [number, number, number]>
}

const model = JSON.parse(document.getElementById('hvplan-model')!.textContent!) as PageModel
const app = document.getElementById('app')!
const params: CycleParams = {copyFrequencySeconds: model.options.copyFrequencySeconds, applyLatencySeconds: model.options.applyLatencySeconds}
const ws = model.period.windowSeconds
const startSeconds = Date.parse(model.period.firstWindowUtc) / 1000
const defaultVms = new Set(model.scope.vms)
const selected = new Set(model.scope.vms)

// ---------------------------------------------------------------- small DOM helpers (text only)
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c)
  return e
}
const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? (v === Infinity ? '∞' : '—') : v.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits}))
const money = (v: number) => `${model.cost?.currency ?? ''} ${fmt(v, 0)}`
/** A cell that carries its exact value for tests and copy-paste (data-value). */
function num(v: number | null, digits = 1, field?: string): HTMLTableCellElement {
  const td = el('td', {class: 'num', ...(field ? {'data-field': field} : {}), 'data-value': v === null ? '' : String(v)}, fmt(v, digits))
  return td
}
function section(id: string, title: string, ...children: Node[]): HTMLElement {
  return el('section', {id}, el('h2', {}, title), ...children)
}

// ---------------------------------------------------------------- series (src/report/pageSeries.ts)
let siteExact = new Float64Array(0)
const vmIndex = new Map((model.series?.vms ?? []).map((vm, k) => [vm, k]))
let raw = new Uint8Array(0)
const decoded = new Map<string, Float64Array>()

async function loadSeries(): Promise<void> {
  const text = document.getElementById('hvplan-series')!.textContent!.trim()
  const bin = Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  const stream = new Blob([bin]).stream().pipeThrough(new DecompressionStream('gzip'))
  raw = new Uint8Array(await new Response(stream).arrayBuffer())
  const n = model.series!.windows
  siteExact = new Float64Array(raw.buffer.slice(0, n * 8))
}

/** One VM's send series (bytes per window, growth and wire factor in). */
function vmSeries(vm: string): Float64Array {
  let s = decoded.get(vm)
  if (s) return s
  const k = vmIndex.get(vm)!
  const {windows: n, bits} = model.series!
  const bytesPerVm = Math.ceil((n * bits) / 8)
  const at = n * 8 + k * bytesPerVm
  s = new Float64Array(n)
  const view = new DataView(raw.buffer, at, bytesPerVm)
  if (bits === 64) for (let w = 0; w < n; w++) s[w] = view.getFloat64(w * 8, true)
  else if (bits === 32) for (let w = 0; w < n; w++) s[w] = view.getFloat32(w * 4, true)
  else {
    const scale = model.series!.scales[k]
    const mask = 2 ** bits - 1
    let acc = 0
    let held = 0
    let o = 0
    for (let w = 0; w < n; w++) {
      while (held < bits) {
        acc += view.getUint8(o++) * 2 ** held
        held += 8
      }
      s[w] = (acc % (mask + 1)) * scale
      acc = Math.floor(acc / (mask + 1))
      held -= bits
    }
  }
  decoded.set(vm, s)
  return s
}

/** The site's series for the picked VMs: the exact series of the VMs to protect, plus or minus the VMs toggled. */
function siteSeries(): Float64Array {
  const site = siteExact.slice()
  for (const vm of vmIndex.keys()) {
    const sign = defaultVms.has(vm) && !selected.has(vm) ? -1 : !defaultVms.has(vm) && selected.has(vm) ? 1 : 0
    if (sign === 0) continue
    const s = vmSeries(vm)
    for (let w = 0; w < site.length; w++) site[w] += sign * s[w]
  }
  // Rounding of a toggled VM may leave a hair below zero.
  for (let w = 0; w < site.length; w++) if (site[w] < 0) site[w] = 0
  return site
}

// ---------------------------------------------------------------- the computation (the CLI's models)
let logs: Float64Array = new Float64Array(0)
let figures: RpoFigures[] = []

function isDefaultSelection(): boolean {
  return selected.size === defaultVms.size && [...selected].every((v) => defaultVms.has(v))
}

/** B100, B90, what sets B100 and the curve per RPO for the picked VMs (the document's own when the pick is the plan's). */
let currentSite: Float64Array = new Float64Array(0)

function recompute(): void {
  const site = siteSeries()
  currentSite = site
  const f = params.copyFrequencySeconds
  logs = cycleLogBytes(site, ws, f)
  if (isDefaultSelection()) {
    figures = model.bandwidth.rpos.map((r, k) => ({...r, curve: model.whatIf[k].curve as Array<[number, number, number]>}))
    return
  }
  const mean = meanSendRate(logs, f)
  let total = 0
  for (const x of site) total += x
  const meanMbps = bytesPerSecToMbps(total / (site.length * ws))
  const b100s = model.options.rpoMinutes.map((rpo) => bandwidthFor100(logs, params, rpo * 60))
  const bandwidths = curveBandwidths(meanMbps, bytesPerSecToMbps(b100s[0]))
  const vmLogs = [...selected].map((vm) => [vm, cycleLogBytes(vmSeries(vm), ws, f)] as const)
  // The worst RPO does not depend on the target: one simulation per bandwidth, shares per RPO.
  const rpoSeconds = model.options.rpoMinutes.map((r) => r * 60)
  const curve = bandwidths.map((b) => {
    const p = curvePoint(logs, params, mbpsToBytesPerSec(b), rpoSeconds)
    return [b, p.rpoMaxSeconds / 60, p.withinShares] as const
  })
  figures = model.options.rpoMinutes.map((rpoMinutes, k) => {
    const rpo = rpoMinutes * 60
    const span = drivingSpan(logs, params, b100s[k], mean)
    const inSpan = span.kind === 'no churn' ? [] : vmLogs.map(([vm, l]) => ({vm, bytes: bytesInSpan(l, span, f)}))
    return {
      rpoMinutes,
      bandwidth100Mbps: bytesPerSecToMbps(b100s[k]),
      bandwidth90Mbps: bytesPerSecToMbps(bandwidthForShare(logs, params, rpo, 0.9)),
      driver: explainDriver(span, inSpan, startSeconds * 1000, logs.length * f).text,
      curve: curve.map(([b, worst, shares]) => [b, worst, shares[k]] as const),
    }
  })
}

function whatIfAt(mbps: number): WhatIfPoint[] {
  return model.options.rpoMinutes.map((rpo) => whatIfPoint(logs, params, mbps, rpo * 60, startSeconds))
}

function networkAt(mbps: number): {plan: string; monthly: number | null} {
  const c = model.cost?.networkChoice
  if (!c || c.plans.length === 0) return {plan: 'not priced', monthly: null}
  const plan = c.forced ? c.plans[0] : cheapestCoveringPlan(c.plans, mbps)
  return {plan: plan ? `${plan.plan} (${fmt(plan.mbps, 0)} Mbps)` : `no plan covers ${fmt(mbps)} Mbps`, monthly: monthlyWithNetworkPlan(c.monthlyWithoutNetwork, plan?.monthly ?? null, c.discountPercent)}
}

// ---------------------------------------------------------------- bandwidth as typed (units)
/** "150", "150 Mbps", "1.2 Gbps", "800 kbps", "20 MB/s" (MB = 2^20 bytes) → Mbps; NaN when not a bandwidth. */
export function parseBandwidth(text: string): number {
  const m = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*(kbps|kbit\/s|mbps|mbit\/s|gbps|gbit\/s|mb\/s|mib\/s|gb\/s)?\s*$/i.exec(text)
  if (!m) return NaN
  const v = Number(m[1].replace(',', '.'))
  const unit = (m[2] ?? 'mbps').toLowerCase()
  const factor: Record<string, number> = {kbps: 1e-3, 'kbit/s': 1e-3, mbps: 1, 'mbit/s': 1, gbps: 1e3, 'gbit/s': 1e3, 'mb/s': (2 ** 20 * 8) / 1e6, 'mib/s': (2 ** 20 * 8) / 1e6, 'gb/s': (2 ** 30 * 8) / 1e6}
  return v > 0 ? v * factor[unit] : NaN
}

// ---------------------------------------------------------------- the page
const headline = el('tbody')
const whatIfBody = el('tbody')
const perDay = el('div', {id: 'worst-per-day'})
const status = el('p', {id: 'selection-status', class: 'note'})
const slider = el('input', {id: 'bandwidth-slider', type: 'range', step: '0.1'})
const typed = el('input', {id: 'bandwidth-input', type: 'text', size: '14', 'aria-label': 'bandwidth with unit'})
const typedError = el('span', {class: 'error', id: 'bandwidth-error'})
let bandwidthMbps = model.options.plannedBandwidthMbps ?? model.bandwidth.rpos[0]?.bandwidth100Mbps ?? 1
let curveChart: uPlot | undefined
let churnChart: uPlot | undefined

function renderHeadline(): void {
  headline.replaceChildren(
    ...figures.map((r, k) => {
      const n = networkAt(r.bandwidth100Mbps)
      const ir = model.ir[k]
      return el('tr', {'data-rpo': String(r.rpoMinutes)}, el('td', {}, `${r.rpoMinutes} min`), num(r.bandwidth100Mbps, 1, 'b100'), num(r.bandwidth90Mbps, 1, 'b90'), el('td', {}, n.plan), num(n.monthly, 0, 'monthly'), el('td', {}, isDefaultSelection() ? (ir?.text ?? '—') : 'as planned for the VMs to protect'), el('td', {class: 'driver', 'data-field': 'driver'}, r.driver))
    }),
  )
  const picked = isDefaultSelection() ? `the ${selected.size} VMs to protect (the plan's scope)` : `${selected.size} VMs picked here (the plan's scope: ${defaultVms.size})`
  status.textContent = `Figures for ${picked}.${model.series && model.series.bits < 64 && !isDefaultSelection() ? ` Toggled VMs' series are stored at ${model.series.bits} bits in this page: recomputed figures may differ from the CLI's by their rounding.` : ''}`
}

function renderWhatIf(): void {
  const points = whatIfAt(bandwidthMbps)
  const n = networkAt(bandwidthMbps)
  whatIfBody.replaceChildren(
    ...points.map((p, k) =>
      el(
        'tr',
        {'data-rpo': String(model.options.rpoMinutes[k])},
        el('td', {}, `${model.options.rpoMinutes[k]} min`),
        num(p.achievableRpoMinutes, 1, 'worst'),
        num(p.rpoP50Minutes, 1, 'p50'),
        num(p.rpoP90Minutes, 1, 'p90'),
        num(p.rpoP99Minutes, 1, 'p99'),
        num(100 * p.withinTargetShare, 2, 'within'),
        num(p.violations.count, 0, 'violations'),
        num(p.violations.totalMinutes, 0, 'violationMinutes'),
        num(p.violations.longestMinutes, 0, 'longest'),
        el('td', {}, p.unstable ? 'falls behind: mean churn ≥ bandwidth' : 'keeps up'),
      ),
    ),
  )
  const net = document.getElementById('network-at')!
  net.textContent = `Network plan at ${fmt(bandwidthMbps)} Mbps: ${n.plan}${n.monthly === null ? '' : ` — DR cost ${money(n.monthly)} per month with it`}`
  net.setAttribute('data-monthly', n.monthly === null ? '' : String(n.monthly))
  // Worst RPO per UTC day at the first RPO's target.
  const days = points[0]?.worstRpoPerDay ?? []
  const top = Math.max(1, ...days.map((d) => d.rpoMinutes))
  perDay.replaceChildren(
    ...days.map((d) => {
      const over = d.rpoMinutes > model.options.rpoMinutes[0]
      return el('div', {class: `day${over ? ' over' : ''}`, title: `${d.dayUtc}: worst RPO ${fmt(d.rpoMinutes)} min`}, el('span', {class: 'bar', style: `height:${Math.max(2, (60 * d.rpoMinutes) / top).toFixed(0)}px`}), el('span', {class: 'label'}, d.dayUtc.slice(5)))
    }),
  )
  curveChart?.redraw(false, false)
}

function setBandwidth(mbps: number, from: 'slider' | 'typed' | 'code'): void {
  if (!(mbps > 0)) return
  bandwidthMbps = mbps
  if (from !== 'slider') slider.value = String(mbps)
  if (from !== 'typed') typed.value = `${fmt(mbps)} Mbps`
  renderWhatIf()
}

function renderCurve(): void {
  const host = document.getElementById('curve')!
  const xs = figures[0]?.curve.map((p) => p[0]) ?? []
  // The worst RPO does not depend on the target (one line); the time within each target does.
  const data: uPlot.AlignedData = [xs, figures[0]?.curve.map((p) => p[1]) ?? [], ...figures.map((r) => r.curve.map((p) => 100 * p[2]))]
  const lo = xs[0] ?? 0
  const hi = xs.at(-1) ?? 1
  slider.min = String(lo)
  slider.max = String(Math.max(hi, bandwidthMbps))
  const colors = ['#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#17becf']
  const opts: uPlot.Options = {
    width: Math.min(900, host.clientWidth || 900),
    height: 320,
    scales: {x: {time: false}, y: {distr: 3}, share: {range: [0, 100]}},
    axes: [{label: 'bandwidth (Mbps)'}, {label: 'worst RPO (min, log scale)'}, {scale: 'share', side: 1, label: '% of time within target', grid: {show: false}}],
    series: [{label: 'Mbps'}, {label: 'worst RPO, min', stroke: '#1f77b4', width: 2.5}, ...figures.map((r, k) => ({label: `within ${r.rpoMinutes} min, %`, scale: 'share', stroke: colors[k % colors.length], width: 1.5, dash: [5, 3]}))],
    hooks: {
      draw: [
        (u: uPlot) => {
          const ctx = u.ctx
          const x = u.valToPos(bandwidthMbps, 'x', true)
          ctx.save()
          ctx.strokeStyle = '#d62728'
          ctx.setLineDash([6, 4])
          ctx.beginPath()
          ctx.moveTo(x, u.bbox.top)
          ctx.lineTo(x, u.bbox.top + u.bbox.height)
          ctx.stroke()
          for (const r of figures) {
            const y = u.valToPos(r.rpoMinutes, 'y', true)
            ctx.strokeStyle = '#999'
            ctx.beginPath()
            ctx.moveTo(u.bbox.left, y)
            ctx.lineTo(u.bbox.left + u.bbox.width, y)
            ctx.stroke()
          }
          ctx.restore()
        },
      ],
    },
  }
  if (curveChart) curveChart.setData(data)
  else curveChart = new uPlot(opts, data, host)
}

let churnVm: string | undefined

function renderChurn(site: Float64Array, extraVm?: string): void {
  const host = document.getElementById('churn')!
  const toMBps = (b: number) => b / (ws * 2 ** 20 * model.options.wireFactor)
  const xs = Array.from(site, (_v, w) => startSeconds + w * ws)
  const data: uPlot.AlignedData = [xs, Array.from(site, toMBps)]
  const series: uPlot.Series[] = [{}, {label: 'picked VMs, churn MB/s (growth in)', stroke: '#1f77b4', width: 1}]
  if (extraVm && vmIndex.has(extraVm)) {
    data.push(Array.from(vmSeries(extraVm), toMBps))
    series.push({label: `${extraVm}, MB/s`, stroke: '#ff7f0e', width: 1})
  }
  // The same lines: new data; another VM's line: a new chart.
  if (churnChart && churnVm === extraVm) {
    churnChart.setData(data)
    return
  }
  churnVm = extraVm
  churnChart?.destroy()
  churnChart = new uPlot({width: Math.min(900, host.clientWidth || 900), height: 260, scales: {x: {time: true}}, axes: [{}, {label: 'MB/s'}], series, cursor: {drag: {x: true, y: false}}}, data, host)
}

// ---------------------------------------------------------------- VM picker
type VmRow = PageModel['vms'][number]
const vmColumns: Array<{key: keyof VmRow; label: string; digits?: number}> = [
  {key: 'vm', label: 'VM'},
  {key: 'hosts', label: 'host'},
  {key: 'compatible', label: 'compatible'},
  {key: 'avgMBps', label: 'churn avg MB/s', digits: 2},
  {key: 'percentileMBps', label: `churn P${model.options.percentile} MB/s`, digits: 2},
  {key: 'gbPerDay', label: 'GB/day', digits: 1},
  {key: 'ownB100Mbps', label: `own B100 ${model.options.rpoMinutes[0]} min, Mbps`, digits: 1},
  {key: 'vhdGB', label: 'VHD GB', digits: 0},
  {key: 'azureSize', label: 'Azure size'},
  {key: 'reason', label: 'not protected because'},
]
let sortKey: keyof VmRow = 'vm'
let sortDown = false
const vmBody = el('tbody')
const filter = el('input', {id: 'vm-filter', type: 'search', placeholder: 'filter VMs, hosts, reasons…', 'aria-label': 'filter VMs'})

function renderVms(): void {
  const q = filter.value.trim().toLowerCase()
  const rows = model.vms
    .filter((v) => !q || [v.vm, v.hosts, v.reason, v.compatible].some((t) => t.toLowerCase().includes(q)))
    .sort((a, b) => {
      const x = a[sortKey]
      const y = b[sortKey]
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''))
      return sortDown ? -c : c
    })
  vmBody.replaceChildren(
    ...rows.map((v) => {
      const box = el('input', {type: 'checkbox', 'aria-label': `include ${v.vm}`})
      box.checked = selected.has(v.vm)
      box.disabled = !vmIndex.has(v.vm)
      box.addEventListener('change', () => toggleVm(v.vm, box.checked))
      const name = el('td', {class: 'vm-name', title: 'show its churn over time'}, v.vm)
      name.addEventListener('click', () => renderChurn(currentSite, v.vm))
      return el('tr', {'data-vm': v.vm, class: v.protect ? '' : 'left-out'}, el('td', {}, box), name, ...vmColumns.slice(1).map((c) => (c.digits === undefined ? el('td', {}, String(v[c.key] ?? '')) : num(v[c.key] as number | null, c.digits))))
    }),
  )
}

function toggleVm(vm: string, on: boolean): void {
  if (on) selected.add(vm)
  else selected.delete(vm)
  const t = performance.now()
  recompute()
  renderHeadline()
  renderCurve()
  renderWhatIf()
  renderChurn(currentSite, churnVm)
  document.body.setAttribute('data-recompute-ms', (performance.now() - t).toFixed(1))
}

function vmTable(): HTMLElement {
  const head = el(
    'tr',
    {},
    el('th', {}, ''),
    ...vmColumns.map((c) => {
      const th = el('th', {class: c.digits === undefined ? '' : 'num', role: 'button', tabindex: '0'}, c.label)
      th.addEventListener('click', () => {
        sortDown = sortKey === c.key ? !sortDown : c.digits !== undefined
        sortKey = c.key
        renderVms()
      })
      return th
    }),
  )
  const buttons = (['to protect', 'all', 'none'] as const).map((what) => {
    const b = el('button', {type: 'button', 'data-select': what}, `pick ${what}`)
    b.addEventListener('click', () => {
      selected.clear()
      for (const v of model.vms) if (vmIndex.has(v.vm) && (what === 'all' || (what === 'to protect' && defaultVms.has(v.vm)))) selected.add(v.vm)
      renderVms()
      toggleVm('', false)
    })
    return b
  })
  filter.addEventListener('input', renderVms)
  return el('div', {}, el('div', {class: 'controls'}, filter, ...buttons), el('div', {class: 'scroll'}, el('table', {id: 'vm-table'}, el('thead', {}, head), vmBody)))
}

// ---------------------------------------------------------------- static sections
function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>, id?: string, digits = 1): HTMLTableElement {
  return el('table', id ? {id} : {}, el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => (typeof c === 'number' || c === null ? num(c, digits) : el('td', {}, c)))))))
}

function heatMap(): HTMLElement {
  const h = model.heatMap
  const values = h.vms.flatMap((v) => v.values.filter((x): x is number => x !== null))
  const top = Math.max(1e-9, ...values)
  const color = (v: number | null) => (v === null ? '#eee' : `hsl(${(220 - 220 * Math.min(1, v / top)).toFixed(0)} 70% ${(92 - 40 * Math.min(1, v / top)).toFixed(0)}%)`)
  const head = el('tr', {}, el('th', {}, 'VM'), ...h.columns.map((c) => el('th', {class: 'rot'}, c)))
  const rows = h.vms.map((v) => el('tr', {}, el('td', {}, v.vm), ...v.values.map((x, k) => el('td', {class: 'cell', style: `background:${color(x)}`, title: `${v.vm} ${h.columns[k]}: ${x === null ? 'not measured' : `${fmt(x, 2)} ${h.unit}`}${v.measuredShare && v.measuredShare[k] < 1 ? ` (${fmt(100 * v.measuredShare[k], 0)} % of the day measured)` : ''}`}))))
  const legend = el('div', {class: 'legend'}, el('span', {}, `0 ${h.unit}`), el('span', {class: 'gradient'}), el('span', {}, `${fmt(top, 1)} ${h.unit}`), el('span', {class: 'swatch'}), el('span', {}, 'not measured'))
  return el('div', {}, legend, el('div', {class: 'scroll'}, el('table', {class: 'heat'}, el('thead', {}, head), el('tbody', {}, ...rows))))
}

function findings(): HTMLElement {
  return el(
    'ul',
    {class: 'findings'},
    ...model.findings.map((f) =>
      el('li', {class: f.severity}, el('strong', {}, `${f.severity === 'action' ? 'Act: ' : f.severity === 'warning' ? 'Warning: ' : ''}${f.title}`), ' ', f.text, ...(f.action ? [el('div', {class: 'action'}, `→ ${f.action}`)] : []), ...(f.table ? [table(f.table.header, f.table.rows)] : [])),
    ),
  )
}

function build(): void {
  const style = el('style', {}, uplotCss + PAGE_CSS)
  document.head.append(style)
  slider.addEventListener('input', () => setBandwidth(Number(slider.value), 'slider'))
  typed.addEventListener('change', () => {
    const v = parseBandwidth(typed.value)
    typedError.textContent = Number.isFinite(v) ? '' : 'a bandwidth such as 150 Mbps, 1.2 Gbps or 20 MB/s'
    if (Number.isFinite(v)) setBandwidth(v, 'typed')
  })
  app.append(
    el('header', {}, el('h1', {}, 'Azure Site Recovery plan for Hyper-V'), el('p', {class: 'note'}, `${model.scope.text}. Profile from ${model.period.firstWindowUtc.slice(0, 16).replace('T', ' ')} UTC, ${fmt((model.period.windows * ws) / 86_400, 1)} days of ${ws / 60}-minute windows; growth ${model.options.growthPercent} %; copy frequency ${model.options.copyFrequencySeconds / 60} min. hvplan ${model.hvplanVersion}, ${model.generatedUtc.slice(0, 10)}.${model.cost ? ` Prices: ${model.cost.label}` : ''}`)),
    section('headline', 'Bandwidth to order, per RPO', el('table', {id: 'rpo-table'}, el('thead', {}, el('tr', {}, ...['RPO', 'B100 Mbps (every cycle within the RPO)', 'B90 Mbps (90 % of the time)', 'network plan for B100', `DR cost per month (${model.cost?.currency ?? '—'})`, 'initial replication (IR)', 'what sets B100'].map((h) => el('th', {}, h)))), headline), status, ...(model.decision.blockers.length ? [el('h3', {}, 'Cannot be protected as they are: reason and fix'), table(['VM', 'reason', 'fix'], model.decision.blockers, 'blockers')] : []), ...(model.decision.actions.length ? [el('h3', {}, 'Top actions'), el('ol', {id: 'actions'}, ...model.decision.actions.map((a) => el('li', {}, a)))] : []), el('p', {id: 'pause'}, model.decision.pause), ...(model.scope.withoutData.length ? [el('p', {class: 'blockers'}, `No counter data: ${model.scope.withoutData.join(', ')}`)] : [])),
    section('whatif', 'What RPO a bandwidth buys', el('div', {class: 'controls'}, el('label', {for: 'bandwidth-slider'}, 'Bandwidth '), slider, typed, typedError), el('p', {id: 'network-at'}), el('table', {id: 'whatif-table'}, el('thead', {}, el('tr', {}, ...['RPO target', 'worst RPO min', 'P50 min', 'P90 min', 'P99 min', '% of time within target', 'violations', 'minutes over target', 'longest violation min', 'keeps up?'].map((h) => el('th', {}, h)))), whatIfBody), el('h3', {}, `Worst RPO per UTC day (target ${model.options.rpoMinutes[0]} min; red: over it)`), perDay, el('h3', {}, 'RPO against bandwidth: the worst RPO (left, log scale) and the time within each target (right, dashed); red: the bandwidth above, grey: the RPO targets'), el('div', {id: 'curve'})),
    section('vms', 'VMs: pick which to replicate (B100, B90, what sets them and the curve follow)', vmTable()),
    section('churn-section', 'Churn over time (drag to zoom, double-click to reset; click a VM name above to add its line)', el('div', {id: 'churn'})),
    section('heat', `Churn heat map (${model.heatMap.unit}, VMs to protect)`, heatMap()),
    section('volumes', "Host volumes: Hyper-V Replica log (HRL) space", table(['volume', 'VMs', 'free GB', ...model.options.rpoMinutes.flatMap((r) => [`needs GB (${r} min)`, `add GB (${r} min)`])], model.volumes.map((v) => [v.volume, String(v.vms), v.freeGB, ...v.byRpo.flatMap((r) => [r.requiredGB, r.additionalGB])]))),
    section('batches', 'Initial replication (IR) batches', ...model.ir.map((r) => el('div', {}, el('h3', {}, `RPO ${r.rpoMinutes} min: ${r.text}`), table(['batch', 'VMs', 'IR hours', 'bandwidth for IR, Mbps'], r.batches.map((b) => [String(b.batch), String(b.vms), b.irHours, b.availableMbps]))))),
    section('findings-section', 'Findings', findings()),
  )
}

async function main(): Promise<void> {
  build()
  if (!model.series) throw new Error('this page has no series')
  await loadSeries()
  recompute()
  renderHeadline()
  renderVms()
  renderCurve()
  setBandwidth(bandwidthMbps, 'code')
  renderChurn(currentSite)
  // Every VM's series decoded ahead (the first pick would otherwise wait for it).
  for (const vm of vmIndex.keys()) vmSeries(vm)
  document.body.setAttribute('data-ready', 'true')
}

main().catch((error: unknown) => {
  app.prepend(el('p', {class: 'error'}, `The page could not start: ${String(error)}`))
  throw error
})
