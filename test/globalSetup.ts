/**
 * Before any test: the interactive page's script is bundled from the current sources (every plan
 * writes report.html), and the ingest's WebAssembly cell parser compiled from wasm/pdh-cells.wat.
 */
import {buildPage} from '../scripts/buildPage.mjs'
import {buildWasm} from '../scripts/buildWasm.mjs'

export default async function setup(): Promise<void> {
  await Promise.all([buildPage(), buildWasm()])
}
