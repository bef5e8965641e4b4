/** What an ingest run says on the terminal: one line of what was read, and its warnings summarised (never one line per disk). */
import {count, firstFew} from '../text.js'
import type {InputSet} from './discover.js'
import type {IngestRunResult} from './ingestRun.js'

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
  return [
    ...nonCounter,
    ...(guessed.length ? [`${count(guessed.length, 'disk instance')} without an inventory entry: VM and volume guessed from the path (${firstFew(guessed)}; all in the Data Quality sheet and hvplan profile show)`] : []),
    ...run.unreadable.map((u) => `${u.path}: ${u.reason}`),
    ...run.failures.map((f) => f.message),
  ]
}
