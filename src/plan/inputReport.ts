/** `inputs.json` of `hvplan plan`: the inputs it found, per host and per file. */
import {relative} from 'node:path'
import type {InputFile, InputSet} from '../ingest/discover.js'

export interface InputReport {
  readonly schema: 'hvplan-inputs/1'
  readonly hosts: ReadonlyArray<{host: string; files: number; bytes: number; dialects: string[]; timeZones: string[]}>
  readonly logs: ReadonlyArray<Omit<InputFile, 'path'> & {path: string}>
  readonly inventories: readonly string[]
  readonly unreadable: ReadonlyArray<{path: string; reason: string}>
}

export function inputReport(inputs: InputSet, baseDir: string): InputReport {
  const rel = (p: string) => relative(baseDir, p).replaceAll('\\', '/') || p
  const byHost = new Map<string, InputFile[]>()
  for (const log of inputs.logs) for (const host of log.hosts.length ? log.hosts : ['(unknown host)']) byHost.set(host, [...(byHost.get(host) ?? []), log])
  return {
    schema: 'hvplan-inputs/1',
    hosts: [...byHost.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([host, files]) => ({
        host,
        files: files.length,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        dialects: [...new Set(files.map((f) => f.kind))],
        timeZones: [...new Set(files.map((f) => (f.timeZone === undefined ? 'none (use --tz)' : `${f.timeZone} (${f.biasMinutes})`)))],
      })),
    logs: inputs.logs.map((f) => ({...f, path: rel(f.path)})),
    inventories: inputs.inventories.map((f) => rel(f.path)),
    unreadable: inputs.unreadable.map((f) => ({path: rel(f.path), reason: f.reason ?? 'unknown format'})),
  }
}
