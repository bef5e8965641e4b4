/** What an ingest run says on the terminal: one line of what was read, and its warnings summarised (never one line per disk). */
import {count, firstFew} from '../text.js'
import {encodingName, type TextEncoding} from './codePages.js'
import type {InputSet} from './discover.js'
import {type IngestRunResult, logsWithoutDisks} from './ingestRun.js'

export function formatIngestLine(run: IngestRunResult, inputs: InputSet): string {
  const hosts = new Set(inputs.logs.flatMap((l) => l.hosts))
  return `Ingested ${count(run.outcomes.length, 'counter log')} from ${count(hosts.size, 'host')}${run.inventories.length ? ` with the inventory ${run.inventories.join(', ')}` : ' (no inventory: VMs guessed from paths)'}.`
}

/**
 * The run's warnings: files that failed or could not be read (one each: each needs its own fix),
 * and instances without an inventory entry as one line with their count and the first few names
 * (all of them in the Data Quality sheet).
 */
export function ingestWarnings(run: IngestRunResult): string[] {
  const guessed = [...new Set(run.outcomes.flatMap((o) => (o.status === 'ingested' ? o.quality.findings.guessedInstances : [])))]
  const nonCounter = run.outcomes.flatMap((o) => (o.status === 'ingested' && o.quality.findings.nonCounterColumns?.length ? [`${o.path}: ${count(o.quality.findings.nonCounterColumns.length, 'header column')} that ${o.quality.findings.nonCounterColumns.length === 1 ? 'is' : 'are'} not a counter path, ignored (${firstFew(o.quality.findings.nonCounterColumns, 3)})`] : []))
  const badCells = run.outcomes.flatMap((o) => (o.status === 'ingested' && o.quality.findings.badCells ? [`${o.path}: ${o.quality.findings.badCells}`] : []))
  const repeated = run.outcomes.flatMap((o) => (o.status === 'ingested' && o.quality.findings.duplicateColumns?.length ? [`${o.path}: the same counter twice in the header, read once (${firstFew(o.quality.findings.duplicateColumns, 3)})`] : []))
  const empty = logsWithoutDisks(run)
  return [
    ...(run.aliasSuggestion ? [run.aliasSuggestion.text] : []),
    ...guessedEncodings(run),
    ...zonesByBias(run),
    ...nonCounter,
    ...repeated,
    ...badCells,
    ...(empty.length ? [`${count(empty.length, 'log')} without a disk (${firstFew(empty.map((l) => l.path), 3)}): ${empty[0].text}${empty.length > 1 ? ' (the first)' : ''}; a host with no VM running writes such logs`] : []),
    ...(guessed.length ? [`${count(guessed.length, 'disk instance')} without an inventory entry: VM and volume guessed from the path (${firstFew(guessed)}; all in the Data Quality sheet and hvplan profile show)`] : []),
    ...run.inventoryFindings.slice(0, 5).map((f) => `inventory ${f}`),
    ...(run.inventoryFindings.length > 5 ? [`inventory: ${run.inventoryFindings.length - 5} more rows like these`] : []),
    ...skippedLines(run.unreadable),
    ...run.failures.map((f) => f.message),
  ]
}

/**
 * Logs whose code page was found from the scripts of their words (not a BOM, UTF-8 or a known
 * object name): one line per code page, with words as decoded, for the user to check.
 */
function guessedEncodings(run: IngestRunResult): string[] {
  const byEncoding = new Map<TextEncoding, {paths: string[]; samples: string[]}>()
  for (const o of run.outcomes) {
    if (o.status !== 'ingested' || o.quality.encoding?.by !== 'script') continue
    const entry = byEncoding.get(o.quality.encoding.name) ?? {paths: [], samples: []}
    entry.paths.push(o.path)
    if (o.quality.encoding.sample) entry.samples.push(o.quality.encoding.sample)
    byEncoding.set(o.quality.encoding.name, entry)
  }
  return [...byEncoding].map(([encoding, {paths, samples}]) => `${count(paths.length, 'log')} (${firstFew(paths, 3)}) read as ${encodingName(encoding)}, found from the words it makes (${samples[0] ?? 'no sample'}); if names look wrong, pass --encoding with the hosts' code page`)
}

/** Logs whose header names a zone no Windows zone has (a localized name): one line for all of them. */
function zonesByBias(run: IngestRunResult): string[] {
  const logs = run.outcomes.flatMap((o) => (o.status === 'ingested' && o.quality.timeZoneSource === 'bias only' ? [{path: o.path, zone: o.quality.headerZoneName ?? '?'}] : []))
  if (logs.length === 0) return []
  const names = [...new Set(logs.map((l) => `"${l.zone}"`))]
  return [`${count(logs.length, 'log')} (${firstFew(logs.map((l) => l.path), 3)}) ${logs.length === 1 ? 'names' : 'name'} a time zone that is no Windows zone name (${firstFew(names, 3)}, localized?): read with the header's bias, a backward jump of about an hour taken as the autumn change; pass --tz with the hosts' Windows zone (e.g. --tz "Romance Standard Time") to follow its rules`]
}

/** Files found in folders that are not counter logs: one line per reason (a binary log's relog advice, an unknown header …), with the count and the first names. */
function skippedLines(unreadable: IngestRunResult['unreadable']): string[] {
  const byReason = new Map<string, string[]>()
  for (const u of unreadable) {
    // The reason without its line number, so "line 1 is neither …" groups across files.
    const reason = u.reason.replace(/^line \d+ is/, 'a line is')
    byReason.set(reason, [...(byReason.get(reason) ?? []), u.path])
  }
  return [...byReason].map(([reason, paths]) => `skipped ${count(paths.length, 'file')} found in the folders (${firstFew(paths, 3)}): ${reason}`)
}
