/**
 * One definition per chart, drawn as SVG by one function: the workbook embeds it as a PNG
 * (resvg, chartPng.ts), the PDF draws the same SVG as vectors (svg-to-pdfkit). Text uses the
 * bundled DejaVu Sans, so every machine renders the same picture. Pure: data in, SVG text out.
 */

export const CHART_FONT = 'DejaVu Sans'

export interface LineSeries {
  readonly name: string
  readonly color: string
  /** [x, y] in data units; NaN y breaks the line. */
  readonly points: ReadonlyArray<readonly [number, number]>
  readonly dashed?: boolean
}

export interface BarGroup {
  readonly label: string
  readonly values: readonly number[]
}

interface ChartBase {
  readonly id: string
  readonly title: string
  readonly yLabel: string
  /** Horizontal reference lines (a target RPO, a percentile). */
  readonly hLines?: ReadonlyArray<{readonly y: number; readonly label: string; readonly color: string}>
  /** Top of the value axis: larger values are drawn at the top edge, and a note says so. */
  readonly yMax?: number
  /** A line under the plot (what a mark on a label means). */
  readonly note?: string
}

export interface LineChart extends ChartBase {
  readonly kind: 'line'
  readonly xLabel: string
  /** 'utc-ms': x is a UTC time in ms, ticked by day. */
  readonly xAxis: 'number' | 'utc-ms'
  readonly series: readonly LineSeries[]
  /** Vertical reference lines (a bandwidth). */
  readonly vLines?: ReadonlyArray<{readonly x: number; readonly label: string; readonly color: string}>
  /** Labelled points (where a curve meets a target); hollow for a secondary series. */
  readonly markers?: ReadonlyArray<{readonly x: number; readonly y: number; readonly label: string; readonly color: string; readonly hollow?: boolean}>
  /** The x axis starts at 0 (a bandwidth) instead of at the first point. */
  readonly xFromZero?: boolean
}

export interface BarChart extends ChartBase {
  readonly kind: 'bar'
  /** One colour and legend name per value of a group. */
  readonly bars: ReadonlyArray<{readonly name: string; readonly color: string}>
  readonly groups: readonly BarGroup[]
  /** Bars run left to right (horizontal) with labels on the left: for long names. */
  readonly horizontal?: boolean
}

export type ChartDefinition = LineChart | BarChart

export const CHART_WIDTH = 760
export const CHART_HEIGHT = 340

const AXIS = '#404040'
const GRID = '#d9d9d9'
/** Font sizes in chart units: the PDF draws a chart 515 pt wide (0.68 pt per unit), so ticks print at about 9 pt. */
const SIZE = {title: 17, axisLabel: 14, tick: 13, legend: 13, label: 12, value: 12, note: 12}
/** Width of a DejaVu Sans character, as a share of the font size (for boxes behind labels). */
const CHAR = 0.62

/** The chart as a standalone SVG document (CHART_WIDTH × CHART_HEIGHT user units). */
export function chartSvg(chart: ChartDefinition): string {
  const parts: string[] = []
  // No width/height: the viewBox sizes it, so svg-to-pdfkit scales it to the width it is given.
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${CHART_FONT}">`)
  parts.push(`<rect x="0" y="0" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`)
  parts.push(text(12, 24, chart.title, {size: SIZE.title, weight: 'bold'}))
  if (chart.note) parts.push(text(12, CHART_HEIGHT - 8, chart.note, {size: SIZE.note, fill: AXIS}))
  if (chart.kind === 'line') lineChart(chart, parts)
  else if (chart.horizontal) horizontalBars(chart, parts)
  else verticalBars(chart, parts)
  parts.push('</svg>')
  return parts.join('\n')
}

interface Frame {
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

function lineChart(chart: LineChart, out: string[]): void {
  const frame: Frame = {left: 78, right: CHART_WIDTH - 20, top: 62, bottom: CHART_HEIGHT - (chart.note ? 74 : 56)}
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0])).concat((chart.vLines ?? []).map((v) => v.x)).filter(Number.isFinite)
  const ys = chart.series.flatMap((s) => s.points.map((p) => p[1])).concat((chart.hLines ?? []).map((h) => h.y)).filter(Number.isFinite)
  const xDomain: [number, number] = xs.length ? [chart.xFromZero ? Math.min(0, ...xs) : Math.min(...xs), Math.max(...xs)] : [0, 1]
  const yTicks = niceTicks(0, Math.min(chart.yMax ?? Infinity, ys.length ? Math.max(...ys) : 1))
  const yMax = yTicks.at(-1)!
  let xTicks: Array<{at: number; label: string}>
  if (chart.xAxis === 'utc-ms') xTicks = dayTicks(xDomain[0], xDomain[1])
  else {
    const ticks = niceTicks(xDomain[0], xDomain[1], 10)
    if (chart.xFromZero) xDomain[1] = ticks.at(-1)! // the axis ends on a tick
    xTicks = ticks.filter((t) => t >= xDomain[0] && t <= xDomain[1]).map((t) => ({at: t, label: formatTick(t)}))
  }
  const x = scale(xDomain[0], xDomain[1] > xDomain[0] ? xDomain[1] : xDomain[0] + 1, frame.left, frame.right)
  const y = scale(0, yMax, frame.bottom, frame.top)
  axes(out, frame, yTicks.map((t) => ({at: y(t), label: formatTick(t)})), xTicks.map((t) => ({at: x(t.at), label: t.label})), chart.yLabel, chart.xLabel)
  for (const s of chart.series) {
    const runs: string[][] = [[]]
    for (const [px, py] of s.points) {
      if (!Number.isFinite(py) || !Number.isFinite(px)) {
        if (runs.at(-1)!.length) runs.push([])
        continue
      }
      runs.at(-1)!.push(`${r(x(px))},${r(y(Math.min(py, yMax)))}`)
    }
    for (const run of runs.filter((k) => k.length > 0)) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${run.join(' ')}"/>`)
  }
  referenceLines(out, chart.hLines, y, frame)
  // Labels of vertical lines step down one line each (in x order), so near lines stay readable.
  ;[...(chart.vLines ?? [])].sort((a, b) => a.x - b.x).forEach((v, k) => {
    out.push(`<line x1="${r(x(v.x))}" y1="${frame.top}" x2="${r(x(v.x))}" y2="${frame.bottom}" stroke="${v.color}" stroke-width="1.2" stroke-dasharray="3 3"/>`)
    labelBox(out, x(v.x) + 4, frame.top + 34 + 16 * k, v.label, v.color, 'start')
  })
  for (const m of chart.markers ?? []) {
    if (!Number.isFinite(m.x) || !Number.isFinite(m.y) || m.y > yMax) continue
    out.push(`<circle cx="${r(x(m.x))}" cy="${r(y(m.y))}" r="4.5" fill="${m.hollow ? '#ffffff' : m.color}" stroke="${m.color}" stroke-width="1.8"/>`)
    // A filled marker's label above right, a hollow one's below left: a curve and its P90 twin stay apart.
    if (m.hollow) labelBox(out, x(m.x) - 7, y(m.y) + 18, m.label, m.color, 'end')
    else labelBox(out, x(m.x) + 7, y(m.y) - 8, m.label, m.color, 'start')
  }
  // Values above the top are drawn on the top edge: say how far they go.
  const clipped = chart.series.flatMap((s) => s.points.filter((p) => Number.isFinite(p[0]) && p[1] > yMax).map((p) => ({name: s.name, x: p[0], y: p[1]})))
  if (clipped.length) {
    const top = clipped.reduce((a, b) => (b.y > a.y ? b : a))
    const unit = (label: string) => /\(([^)]+)\)$/.exec(label)?.[1] ?? ''
    labelBox(out, frame.left + 6, frame.top + 16, `▲ off the scale above ${formatTick(yMax)}: ${top.name} up to ${formatValue(top.y)} ${unit(chart.yLabel)} at ${formatTick(top.x)} ${unit(chart.xLabel)}`.replace(/ +/g, ' '), AXIS, 'start')
  }
  legend(out, chart.series.map((s) => ({name: s.name, color: s.color, dashed: s.dashed})), frame)
}

function verticalBars(chart: BarChart, out: string[]): void {
  const frame: Frame = {left: 78, right: CHART_WIDTH - 20, top: 62, bottom: CHART_HEIGHT - (chart.note ? 70 : 52)}
  const values = chart.groups.flatMap((g) => g.values).concat((chart.hLines ?? []).map((h) => h.y)).filter(Number.isFinite)
  const yTicks = niceTicks(0, Math.min(chart.yMax ?? Infinity, values.length ? Math.max(...values) : 1))
  const yMax = yTicks.at(-1)!
  const y = scale(0, yMax, frame.bottom, frame.top)
  const slot = (frame.right - frame.left) / Math.max(1, chart.groups.length)
  const every = Math.max(1, Math.ceil(chart.groups.length / 16)) // at most ~16 category labels
  axes(out, frame, yTicks.map((t) => ({at: y(t), label: formatTick(t)})), chart.groups.flatMap((g, k) => (k % every === 0 ? [{at: frame.left + slot * (k + 0.5), label: g.label}] : [])), chart.yLabel, '')
  const width = (slot * 0.8) / Math.max(1, chart.bars.length)
  chart.groups.forEach((g, k) => {
    g.values.forEach((v, b) => {
      if (!Number.isFinite(v)) return
      const x0 = frame.left + slot * k + slot * 0.1 + width * b
      const top = y(Math.min(v, yMax))
      out.push(`<rect x="${r(x0)}" y="${r(top)}" width="${r(Math.max(0.5, width - 1))}" height="${r(frame.bottom - top)}" fill="${chart.bars[b].color}"/>`)
    })
  })
  referenceLines(out, chart.hLines, y, frame)
  if (chart.bars.length > 1 || chart.bars[0]?.name) legend(out, chart.bars, frame)
}

function horizontalBars(chart: BarChart, out: string[]): void {
  const longest = Math.max(4, ...chart.groups.map((g) => Math.min(40, g.label.length)))
  const frame: Frame = {left: Math.min(300, 18 + longest * SIZE.label * CHAR), right: CHART_WIDTH - 64, top: 62, bottom: CHART_HEIGHT - (chart.note ? 62 : 44)}
  const values = chart.groups.flatMap((g) => g.values).filter(Number.isFinite)
  const xTicks = niceTicks(0, values.length ? Math.max(...values) : 1)
  const x = scale(0, xTicks.at(-1)!, frame.left, frame.right)
  const slot = (frame.bottom - frame.top) / Math.max(1, chart.groups.length)
  for (const t of xTicks) {
    out.push(`<line x1="${r(x(t))}" y1="${frame.top}" x2="${r(x(t))}" y2="${frame.bottom}" stroke="${GRID}" stroke-width="0.8"/>`)
    out.push(text(x(t), frame.bottom + 16, formatTick(t), {size: SIZE.tick, anchor: 'middle', fill: AXIS}))
  }
  out.push(text((frame.left + frame.right) / 2, frame.bottom + 34, chart.yLabel, {size: SIZE.axisLabel, anchor: 'middle', fill: AXIS}))
  const height = (slot * 0.7) / Math.max(1, chart.bars.length)
  chart.groups.forEach((g, k) => {
    const label = g.label.length > 40 ? `${g.label.slice(0, 39)}…` : g.label
    out.push(text(frame.left - 6, frame.top + slot * (k + 0.5) + 4, label, {size: Math.min(SIZE.label, slot * 0.8), anchor: 'end'}))
    g.values.forEach((v, b) => {
      if (!Number.isFinite(v)) return
      const y0 = frame.top + slot * k + slot * 0.15 + height * b
      out.push(`<rect x="${frame.left}" y="${r(y0)}" width="${r(Math.max(0.5, x(v) - frame.left))}" height="${r(Math.max(0.5, height - 1))}" fill="${chart.bars[b].color}"/>`)
      out.push(text(x(v) + 4, y0 + height / 2 + 4, formatValue(v), {size: Math.min(SIZE.value, Math.max(8, height)), fill: AXIS}))
    })
  })
  out.push(`<line x1="${frame.left}" y1="${frame.top}" x2="${frame.left}" y2="${frame.bottom}" stroke="${AXIS}" stroke-width="1"/>`)
  if (chart.bars.length > 1) legend(out, chart.bars, frame)
}

function axes(out: string[], frame: Frame, yTicks: ReadonlyArray<{at: number; label: string}>, xTicks: ReadonlyArray<{at: number; label: string}>, yLabel: string, xLabel: string): void {
  for (const t of yTicks) {
    out.push(`<line x1="${frame.left}" y1="${r(t.at)}" x2="${frame.right}" y2="${r(t.at)}" stroke="${GRID}" stroke-width="0.8"/>`)
    out.push(text(frame.left - 6, t.at + 4.5, t.label, {size: SIZE.tick, anchor: 'end', fill: AXIS}))
  }
  for (const t of xTicks) {
    out.push(`<line x1="${r(t.at)}" y1="${frame.bottom}" x2="${r(t.at)}" y2="${frame.bottom + 4}" stroke="${AXIS}" stroke-width="1"/>`)
    out.push(text(t.at, frame.bottom + 18, t.label, {size: SIZE.tick, anchor: 'middle', fill: AXIS}))
  }
  out.push(`<line x1="${frame.left}" y1="${frame.bottom}" x2="${frame.right}" y2="${frame.bottom}" stroke="${AXIS}" stroke-width="1"/>`)
  out.push(`<line x1="${frame.left}" y1="${frame.top}" x2="${frame.left}" y2="${frame.bottom}" stroke="${AXIS}" stroke-width="1"/>`)
  out.push(text(18, (frame.top + frame.bottom) / 2, yLabel, {size: SIZE.axisLabel, anchor: 'middle', fill: AXIS, rotate: true}))
  if (xLabel) out.push(text((frame.left + frame.right) / 2, frame.bottom + 38, xLabel, {size: SIZE.axisLabel, anchor: 'middle', fill: AXIS}))
}

function referenceLines(out: string[], lines: ChartBase['hLines'], y: (v: number) => number, frame: Frame): void {
  for (const h of lines ?? []) {
    out.push(`<line x1="${frame.left}" y1="${r(y(h.y))}" x2="${frame.right}" y2="${r(y(h.y))}" stroke="${h.color}" stroke-width="1.4" stroke-dasharray="6 3"/>`)
    labelBox(out, frame.right - 4, y(h.y) - 5, h.label, h.color, 'end')
  }
}

/** A label on a white box, readable over lines and bars (width estimated from the text). */
function labelBox(out: string[], x: number, y: number, label: string, color: string, anchor: 'start' | 'end'): void {
  const width = label.length * SIZE.label * CHAR + 6
  const left = anchor === 'start' ? x - 3 : x - width + 3
  out.push(`<rect x="${r(left)}" y="${r(y - SIZE.label)}" width="${r(width)}" height="${SIZE.label + 4}" fill="#ffffff" fill-opacity="0.85"/>`)
  out.push(text(x, y, label, {size: SIZE.label, fill: color, ...(anchor === 'end' ? {anchor: 'end' as const} : {})}))
}

function legend(out: string[], items: ReadonlyArray<{name: string; color: string; dashed?: boolean}>, frame: Frame): void {
  let x = frame.left
  const y = 47
  for (const item of items) {
    out.push(`<line x1="${r(x)}" y1="${y - 4}" x2="${r(x + 18)}" y2="${y - 4}" stroke="${item.color}" stroke-width="4"${item.dashed ? ' stroke-dasharray="5 3"' : ''}/>`)
    out.push(text(x + 24, y, item.name, {size: SIZE.legend}))
    x += 24 + item.name.length * SIZE.legend * CHAR + 18
  }
}

function text(x: number, y: number, content: string, o: {size: number; weight?: 'bold'; anchor?: 'middle' | 'end'; fill?: string; rotate?: boolean}): string {
  const attrs = [`x="${r(x)}"`, `y="${r(y)}"`, `font-size="${o.size}"`]
  if (o.weight) attrs.push(`font-weight="${o.weight}"`)
  if (o.anchor) attrs.push(`text-anchor="${o.anchor}"`)
  attrs.push(`fill="${o.fill ?? '#000000'}"`)
  if (o.rotate) attrs.push(`transform="rotate(-90 ${r(x)} ${r(y)})"`)
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`
}

/** Text from input files (VM names) goes into the SVG as character data, escaped. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;'})[c]!)
}

function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
}

/** Ticks at 1, 2, 2.5 or 5 × 10^k from lo to at least hi (about `count`, at most count + 1 steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi > lo ? hi - lo : Math.abs(hi) || 1
  const raw = span / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => span / s <= count + 1)!
  const first = Math.floor(lo / step) * step
  const ticks: number[] = []
  for (let t = first; t < hi + step * 0.999; t += step) ticks.push(Number((Math.round(t / step) * step).toPrecision(12)))
  if (ticks.length < 2) ticks.push(first + step)
  return ticks
}

/** Midnight UTC ticks between two times (ms), thinned to at most ~12 labels (MM-DD). */
function dayTicks(from: number, to: number): Array<{at: number; label: string}> {
  const day = 86_400_000
  const first = Math.ceil(from / day) * day
  const count = Math.max(0, Math.floor((to - first) / day) + 1)
  const every = Math.max(1, Math.ceil(count / 12))
  const ticks: Array<{at: number; label: string}> = []
  for (let k = 0; k < count; k += every) ticks.push({at: first + k * day, label: new Date(first + k * day).toISOString().slice(5, 10)})
  return ticks
}

/** A bar's value: three significant figures at most, thousands separated. */
export function formatValue(v: number): string {
  const decimals = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2
  return v.toLocaleString('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals})
}

function formatTick(v: number): string {
  if (Math.abs(v) >= 1000) return v.toLocaleString('en-US', {maximumFractionDigits: 0})
  return String(Math.round(v * 1000) / 1000)
}

const r = (v: number): string => (Math.round(v * 10) / 10).toString()
