/** Files shipped in data/, found from the sources (src/) and from the build (dist/src/) alike. */
import {existsSync} from 'node:fs'

export function dataFile(name: string): URL {
  const fromSource = new URL(`../data/${name}`, import.meta.url)
  return existsSync(fromSource) ? fromSource : new URL(`../../data/${name}`, import.meta.url)
}
