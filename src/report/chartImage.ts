/**
 * Charts as PNG for the workbook: the SVG of charts.ts rendered by resvg with the bundled DejaVu
 * Sans (no system fonts), so the picture is the same on every machine. resvg is loaded here only.
 */
import {createRequire} from 'node:module'
import {CHART_FONT} from './charts.js'

const require = createRequire(import.meta.url)

/** The bundled font files (npm package dejavu-fonts-ttf), used by the PNG and the PDF alike. */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
}

/** PNG of an SVG chart at `zoom` × its size (2: sharp on high-density screens and in print). */
export async function chartPng(svg: string, zoom = 2): Promise<Buffer> {
  const {Resvg} = await import('@resvg/resvg-js')
  const resvg = new Resvg(svg, {fitTo: {mode: 'zoom', value: zoom}, font: {fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT}})
  return Buffer.from(resvg.render().asPng())
}
