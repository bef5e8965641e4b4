/** The report's charts as PNG images for the workbook, and the sheets they go on. */
import {chartPng} from './chartImage.js'
import {CHART_HEIGHT, CHART_WIDTH, chartSvg} from './charts.js'
import type {ReportDocument} from './document.js'
import {batchCharts, reportCharts} from './reportCharts.js'

export interface SheetImage {
  /** Sheet name (as in the tables). */
  readonly sheet: string
  readonly png: Buffer
  /** Size shown, in pixels (the PNG has twice the resolution). */
  readonly width: number
  readonly height: number
}

const CHARTS_SHEET = 'Charts'

/** Every chart on the Charts sheet; the RPO curve also beside the what-if table; each RPO's batches beside its IR batching table. */
export async function workbookCharts(doc: ReportDocument): Promise<SheetImage[]> {
  const images: SheetImage[] = []
  for (const chart of reportCharts(doc)) {
    const png = await chartPng(chartSvg(chart), 2)
    images.push({sheet: CHARTS_SHEET, png, width: CHART_WIDTH, height: CHART_HEIGHT})
    if (chart.id === 'rpo-vs-bandwidth') images.push({sheet: 'What-if Bandwidth', png, width: CHART_WIDTH, height: CHART_HEIGHT})
  }
  for (const {rpoMinutes, chart} of batchCharts(doc)) images.push({sheet: `IR Batching ${rpoMinutes} min`, png: await chartPng(chartSvg(chart), 2), width: CHART_WIDTH, height: CHART_HEIGHT})
  return images
}
