/**
 * Finds the input files under the paths a user names: counter logs (.csv, .tsv, .txt, each
 * optionally .gz), the inventory (found by its header, wherever it sits), and what cannot be read
 * (binary .blg logs, unknown files) with the reason.
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import {extname, join, resolve} from 'node:path'
import {HvplanError} from '../errors.js'
import {type SniffOptions, type SniffResult, sniffFile} from './sniff.js'

export interface InputFile extends SniffResult {
  readonly path: string
  readonly bytes: number
  /** Named on the command line (not found in a folder): if it cannot be used, the run fails. */
  readonly named?: boolean
}

export interface InputSet {
  readonly logs: readonly InputFile[]
  readonly inventories: readonly InputFile[]
  readonly unreadable: readonly InputFile[]
}

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt'])

export async function discoverInputs(paths: readonly string[], inventory?: string, sniffOptions: SniffOptions = {}): Promise<InputSet> {
  const files: string[] = []
  const named = new Set<string>()
  for (const p of paths) {
    if (!existsSync(p)) throw new HvplanError('E_INPUT_MISSING', `input ${p} does not exist: expected a counter log or a folder of them`)
    // A file named on the command line is read whatever its extension (a .json or a .png is
    // reported, not skipped); a folder contributes its counter logs and inventories.
    if (statSync(p).isDirectory()) collect(resolve(p), files)
    else {
      named.add(resolve(p))
      files.push(resolve(p))
    }
  }
  if (inventory !== undefined) {
    if (!existsSync(inventory)) throw new HvplanError('E_INPUT_MISSING', `inventory ${inventory} does not exist`, {flag: 'inventory'})
    files.push(resolve(inventory))
  }
  const logs: InputFile[] = []
  const inventories: InputFile[] = []
  const unreadable: InputFile[] = []
  for (const path of [...new Set(files)].sort()) {
    const bytes = statSync(path).size
    if (/\.blg$/i.test(path)) {
      unreadable.push({path, bytes, kind: 'unknown', gzip: false, encoding: 'utf8', hosts: [], counters: 0, reason: 'a binary perfmon log: convert it with relog <file>.blg -f csv -o <file>.csv', named: named.has(path)})
      continue
    }
    const sniffed = await sniffFile(path, sniffOptions)
    const file = {...sniffed, path, bytes, named: named.has(path)}
    if (sniffed.kind === 'inventory') inventories.push(file)
    else if (sniffed.kind === 'unknown') unreadable.push(file)
    else logs.push(file)
  }
  return {logs, inventories, unreadable}
}

function collect(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) collect(join(path, entry), out)
    return
  }
  const name = path.toLowerCase().replace(/\.gz$/, '')
  if (TEXT_EXTENSIONS.has(extname(name)) || name.endsWith('.blg')) out.push(path)
}
