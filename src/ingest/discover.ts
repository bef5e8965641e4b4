/**
 * Finds the input files under the paths a user names: counter logs (.csv, .tsv, .txt, each
 * optionally .gz), the inventory (found by its header, wherever it sits), and what cannot be read
 * (binary .blg logs, unknown files) with the reason.
 */
import {existsSync, lstatSync, readdirSync, realpathSync, statSync} from 'node:fs'
import {extname, join, resolve} from 'node:path'
import {fileErrorText, HvplanError} from '../errors.js'
import {type SniffOptions, type SniffResult, sniffFile} from './sniff.js'

export interface InputFile extends SniffResult {
  readonly path: string
  readonly bytes: number
  /** Named on the command line (not found in a folder): if it cannot be used, the run fails. */
  readonly named?: boolean
  /** A counter log that could not be read at all (a corrupt or truncated .gz, no permission): the run fails, named or found. */
  readonly broken?: boolean
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
  const unreadable: InputFile[] = []
  const cannotRead = (path: string, reason: string, isNamed = false, broken = false) => unreadable.push({path, bytes: 0, kind: 'unknown', gzip: false, encoding: 'utf8', hosts: [], counters: 0, reason, named: isNamed, broken})
  for (const p of paths) {
    if (!existsSync(p)) throw new HvplanError('E_INPUT_MISSING', `input ${p} does not exist: expected a counter log or a folder of them`)
    // A file named on the command line is read whatever its extension (a .json or a .png is
    // reported, not skipped); a folder contributes its counter logs and inventories.
    if (statSync(p).isDirectory()) collect(resolve(p), files, cannotRead, new Set())
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
  for (const path of [...new Set(files)].sort()) {
    const bytes = statSync(path).size
    if (/\.blg$/i.test(path)) {
      unreadable.push({path, bytes, kind: 'unknown', gzip: false, encoding: 'utf8', hosts: [], counters: 0, reason: 'a binary perfmon log: convert it with relog <file>.blg -f csv -o <file>.csv', named: named.has(path)})
      continue
    }
    let sniffed: SniffResult
    try {
      sniffed = await sniffFile(path, sniffOptions)
    } catch (error) {
      // A file that cannot be opened or decompressed is that file's problem, not the run's.
      const reason = fileErrorText(error)
      if (reason === undefined) throw error
      cannotRead(path, reason, named.has(path), true)
      continue
    }
    const file = {...sniffed, path, bytes, named: named.has(path)}
    if (sniffed.kind === 'inventory') inventories.push(file)
    else if (sniffed.kind === 'unknown') unreadable.push(file)
    else logs.push(file)
  }
  return {logs, inventories, unreadable}
}

/**
 * The counter logs under a folder. A link is followed once (a folder reached again through a link
 * — a loop, a link to a parent — is not read twice); an entry that cannot be read (a link to
 * nothing, a folder or file without permission) is listed with why, and the walk goes on.
 */
function collect(path: string, out: string[], cannotRead: (path: string, reason: string) => void, seen: Set<string>): void {
  let isDirectory: boolean
  try {
    isDirectory = statSync(path).isDirectory()
  } catch (error) {
    const reason = fileErrorText(error)
    if (reason === undefined) throw error
    // Only what would have been read is worth a line: a dangling link named like a log, or a folder.
    const looksLikeLog = TEXT_EXTENSIONS.has(extname(path.toLowerCase().replace(/\.gz$/, '')))
    if (looksLikeLog || lstatSync(path, {throwIfNoEntry: false})?.isSymbolicLink()) cannotRead(path, reason)
    return
  }
  if (isDirectory) {
    let real: string
    let entries: string[]
    try {
      real = realpathSync(path)
      if (seen.has(real)) return // reached again through a link
      seen.add(real)
      entries = readdirSync(path).sort()
    } catch (error) {
      const reason = fileErrorText(error)
      if (reason === undefined) throw error
      cannotRead(path, reason)
      return
    }
    for (const entry of entries) collect(join(path, entry), out, cannotRead, seen)
    return
  }
  const name = path.toLowerCase().replace(/\.gz$/, '')
  if (TEXT_EXTENSIONS.has(extname(name)) || name.endsWith('.blg')) out.push(path)
}
