/** Before any test: the interactive page's script is bundled from the current sources (every plan writes report.html). */
import {buildPage} from '../scripts/buildPage.mjs'

export default async function setup(): Promise<void> {
  await buildPage()
}
