/**
 * `hvplan ingest`: every input file into the profile, one transaction each. A bad file is
 * reported (file:line:column and what was expected) and the run goes on with the others.
 */
import {fileErrorText, HvplanError, outputWriteError} from '../errors.js'
import {count} from '../text.js'
import {ProfileStore} from '../store/profileStore.js'
import {findTimeZone} from '../time/windowsTimeZones.js'
import {aliasSuggestion, aliasSuggestionText, writeAliasSuggestion} from './aliasSuggestion.js'
import {parseEncodingFlag} from './codePages.js'
import {aliasTable} from './counterNames.js'
import {discoverInputs, type InputFile, type InputSet} from './discover.js'
import {type FileOutcome, ingestFile} from './ingestFile.js'
import {type Inventory, readInventory} from './inventory.js'
import {DEFAULT_INPUT_LIMITS, type InputLimits} from './inputLimits.js'
import {globToRegExp} from './mapping.js'

export interface IngestRunOptions {
  readonly profile: string
  readonly windowMinutes: 5 | 10 | 15
  readonly tz?: string
  readonly from?: string
  readonly to?: string
  readonly excludeInstances: readonly string[]
  readonly aliases?: string
  readonly inventory?: string
  /** --encoding: a code page for every log (else found from each file's content). */
  readonly encoding?: string
  /** How much of a file is read before it is refused (data/defaults.json, --input-limit). */
  readonly inputLimits?: InputLimits
  readonly maxIntervalMinutes?: number
  readonly forceCsvParse?: boolean
  readonly splitMinBytes?: number
  /** Where a ready --aliases file is written when a log has an unknown object of virtual disks (default: the current folder). */
  readonly aliasSuggestionDir?: string
  /** The inputs, when the caller has found them already (hvplan plan). */
  readonly inputs?: InputSet
}

export interface IngestRunResult {
  readonly profile: string
  readonly inventories: readonly string[]
  readonly outcomes: readonly FileOutcome[]
  readonly failures: ReadonlyArray<{path: string; message: string}>
  readonly unreadable: ReadonlyArray<{path: string; reason: string}>
  /** Inventory rows left out or in doubt, each located (file:line:column). */
  readonly inventoryFindings: readonly string[]
  readonly bytes: number
  readonly seconds: number
  /** A ready --aliases file written for an unknown object of virtual disks, and what to tell the user. */
  readonly aliasSuggestion?: {readonly path: string; readonly text: string}
}

export interface IngestProgress {
  readonly bytesDone: number
  readonly bytesTotal: number
  readonly file: string
}

export function parseUtcFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
  if (Number.isNaN(t)) throw new HvplanError('E_FLAG', `must be a UTC date or time such as 2026-10-25 or 2026-10-25T06:00:00Z, got ${JSON.stringify(text)}`, {flag})
  return t
}

export async function ingestInputs(paths: readonly string[], options: IngestRunOptions, onProgress?: (p: IngestProgress) => void): Promise<IngestRunResult> {
  const started = performance.now()
  const tz = options.tz === undefined ? undefined : findTimeZone(options.tz)
  if (options.tz !== undefined && !tz) throw new HvplanError('E_FLAG', `must be a Windows time-zone ID or name such as "W. Europe Standard Time" or "Russian Standard Time" (tzutil /l lists them), or an IANA name such as "Europe/Moscow"; got ${JSON.stringify(options.tz)}`, {flag: 'tz'})
  const fromUtc = parseUtcFlag('from', options.from) ?? -Infinity
  const toUtc = parseUtcFlag('to', options.to) ?? Infinity
  const aliases = aliasTable(options.aliases)
  const inputs = options.inputs ?? (await findInputs(paths, options))
  const inventory = mergeInventories(inputs.inventories, options.inputLimits)
  let store: ProfileStore
  try {
    store = ProfileStore.open(options.profile, {create: true, windowSeconds: options.windowMinutes * 60})
  } catch (error) {
    throw outputWriteError(options.profile, error)
  }
  try {
    if (inventory) store.saveInventory(inventory)
    const excludes = options.excludeInstances.map(globToRegExp)
    const bytesTotal = inputs.logs.reduce((n, f) => n + f.bytes, 0)
    let bytesDone = 0
    const outcomes: FileOutcome[] = []
    const failures: Array<{path: string; message: string}> = []
    for (const file of inputs.logs) {
      try {
        outcomes.push(
          await ingestFile(
            store,
            file,
            {aliases, inventory, excludes, windowSeconds: store.windowSeconds, tz, fromUtc, toUtc, maxIntervalMs: (options.maxIntervalMinutes ?? 10) * 60_000, forceCsvParse: options.forceCsvParse, splitMinBytes: options.splitMinBytes, limits: options.inputLimits ?? DEFAULT_INPUT_LIMITS},
            (n) => {
              bytesDone += n
              onProgress?.({bytesDone, bytesTotal, file: file.path})
            },
          ),
        )
      } catch (error) {
        // A file that cannot be read (a truncated or corrupt .gz, no permission) is that file's
        // failure, like a format error: the files after it are still ingested (the failed file's
        // transaction is rolled back, nothing of it is kept).
        const unreadable = fileErrorText(error)
        if (unreadable !== undefined) {
          failures.push({path: file.path, message: `${file.path}: ${unreadable}`})
          continue
        }
        if (!(error instanceof HvplanError)) throw error
        // What to do goes with what went wrong: the run lists each file's failure on its own.
        failures.push({path: file.path, message: error.suggestion ? `${error.message} — ${error.suggestion}` : error.message})
      }
    }
    // A file named on the command line that cannot be read fails the run; one found in a folder
    // is skipped (and summarised).
    // So does a log that could not be read at all (a corrupt .gz), wherever it was found.
    for (const f of inputs.unreadable.filter((x) => x.named || x.broken)) failures.push({path: f.path, message: `${f.path}: ${f.reason ?? 'unknown format'}`})
    const suggestion = aliasSuggestion(outcomes)
    const suggestionPath = suggestion && writeAliasSuggestion(suggestion, options.aliasSuggestionDir ?? process.cwd())
    return {
      aliasSuggestion: suggestion && suggestionPath ? {path: suggestionPath, text: aliasSuggestionText(suggestion, suggestionPath)} : undefined,
      profile: options.profile,
      inventories: inputs.inventories.map((f: InputFile) => f.path),
      inventoryFindings: inventory?.findings ?? [],
      outcomes,
      failures,
      unreadable: inputs.unreadable.filter((f) => !f.named && !f.broken).map((f) => ({path: f.path, reason: f.reason ?? 'unknown format'})),
      bytes: bytesTotal,
      seconds: (performance.now() - started) / 1000,
    }
  } catch (error) {
    // The profile is an output too: a full disk says so (each file is one transaction: those before stay).
    throw outputWriteError(options.profile, error, 'the profile keeps the files ingested before, not the one being ingested; free space and run again (files already in the profile are skipped)')
  } finally {
    store.close()
  }
}

/** The inputs under the paths, each file's code page found with the alias table's object names (or --encoding). */
export async function findInputs(paths: readonly string[], options: Pick<IngestRunOptions, 'inventory' | 'aliases' | 'encoding' | 'inputLimits'>): Promise<InputSet> {
  const encoding = options.encoding === undefined ? undefined : parseEncodingFlag(options.encoding)
  return discoverInputs(paths, options.inventory, {encoding, knownObjects: aliasTable(options.aliases).vsdObjects, limits: options.inputLimits})
}

function mergeInventories(files: readonly InputFile[], limits: InputLimits | undefined): Inventory | undefined {
  if (files.length === 0) return undefined
  const merged = new Map()
  const findings: string[] = []
  for (const f of files) {
    const inventory = readInventory(f.path, limits)
    for (const [k, v] of inventory.disks) merged.set(k, v)
    findings.push(...inventory.findings)
  }
  return {file: files.map((f) => f.path).join(', '), disks: merged, findings}
}

/** "no Hyper-V Virtual Storage Device counters; the log has Process (8 counters)": why an ingested log gave no disk. */
export function noCountersText(findings: {readonly ignoredObjects: Readonly<Record<string, number>>}): string {
  const objects = Object.entries(findings.ignoredObjects)
  return `no Hyper-V Virtual Storage Device counters${objects.length ? `; the log has ${objects.map(([name, n]) => `${name} (${count(n, 'counter')})`).join(', ')}` : ''}`
}

/** Logs read without a single disk (a host with no VM running, or a log of other counters). */
export function logsWithoutDisks(run: IngestRunResult): Array<{path: string; text: string}> {
  return run.outcomes.flatMap((o) => (o.status === 'ingested' && o.quality.disks === 0 && !o.quality.findings.noiseInstances.length && !o.quality.findings.excludedInstances.length ? [{path: o.path, text: noCountersText(o.quality.findings)}] : []))
}

/**
 * The run found nothing it could use — no log with a disk, now or before: the error to exit with,
 * naming why (a log of other counters names the objects it has).
 */
export function nothingUsable(run: IngestRunResult): HvplanError | undefined {
  const withoutDisks = logsWithoutDisks(run)
  const empty = new Set(withoutDisks.map((l) => l.path))
  if (run.outcomes.some((o) => !empty.has(o.path))) return undefined
  const why = [
    ...withoutDisks.map((l) => `${l.path}: ${l.text}`),
    ...run.failures.map((f) => f.message),
    ...run.unreadable.map((u) => `${u.path}: ${u.reason}`),
  ]
  if (run.aliasSuggestion) return new HvplanError('E_NOTHING_INGESTED', `nothing usable was ingested: ${run.aliasSuggestion.text}`)
  const advice = empty.size ? '; collect "\\Hyper-V Virtual Storage Device(*)\\Write Bytes/sec" and its three siblings (hvplan collect, docs/collect.md), or name a localized object and its counters with --aliases' : ''
  return new HvplanError('E_NOTHING_INGESTED', `nothing usable was ingested${why.length ? `: ${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more` : ''}` : ': no counter logs (.csv, .tsv, .txt, optionally .gz) were found'}${advice}`)
}
