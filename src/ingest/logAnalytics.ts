/**
 * An Azure Monitor / Log Analytics `Perf` table export: one row per counter sample, long format,
 * UTC (TimeGenerated), rows in any order, each counter on its own clock. A sample's value is the
 * rate over the span since the same counter's previous sample (the agent's collection interval),
 * so the samples are gathered, sorted per counter and replayed as sample sets on the union of all
 * sample times: between two consecutive instants, each counter contributes the value of its next
 * sample — the one whose span covers that stretch — or nothing before its first sample and across
 * a span longer than the longest interval (a gap). Only counters the profile keeps are held.
 */
import {HvplanError} from '../errors.js'
import type {EngineLogSink} from './logSink.js'

type Row = {record: string[]; info: {lines: number}}

export async function parseLogAnalyticsPerf(
  parser: AsyncIterable<unknown>,
  file: string,
  sink: EngineLogSink,
  number: (cell: string, line: number, column: number) => number,
  maxIntervalMs: number,
): Promise<void> {
  let columns: {time: number; value: number; path: number; computer: number; object: number; instance: number; counter: number} | undefined
  const slotOf = new Map<string, number>()
  // Samples of kept counters: slot, UTC ms, value (growable parallel arrays).
  let slots = new Int32Array(1 << 12)
  let times = new Float64Array(1 << 12)
  let values = new Float64Array(1 << 12)
  let n = 0
  for await (const {record, info} of parser as AsyncIterable<Row>) {
    const line = info.lines
    if (columns === undefined) {
      const lower = record.map((c) => c.trim().toLowerCase())
      columns = {time: lower.indexOf('timegenerated'), value: lower.indexOf('countervalue'), path: lower.indexOf('counterpath'), computer: lower.indexOf('computer'), object: lower.indexOf('objectname'), instance: lower.indexOf('instancename'), counter: lower.indexOf('countername')}
      continue
    }
    const path = columns.path >= 0 && record[columns.path] ? record[columns.path] : pathOf(record, columns)
    let slot = slotOf.get(path)
    if (slot === undefined) {
      slot = sink.column(path, line, (columns.path >= 0 ? columns.path : columns.object) + 1)
      slotOf.set(path, slot)
    }
    if (slot < 0) continue
    const timeText = record[columns.time] ?? ''
    const utc = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(timeText.trim()) ? Date.parse(timeText.trim()) : NaN
    if (Number.isNaN(utc)) throw new HvplanError('E_INPUT_FORMAT', `expected an ISO 8601 UTC time such as 2019-09-20T09:58:07.79Z, got ${JSON.stringify(timeText.slice(0, 40))}`, {file, line, column: columns.time + 1}, 'Export the Perf query with all columns (Export to CSV – all columns), which writes TimeGenerated in UTC')
    const cell = record[columns.value] ?? ''
    const value = cell.trim().toLowerCase() === 'null' ? NaN : number(cell, line, columns.value + 1)
    if (n === slots.length) {
      slots = grow(slots, new Int32Array(n * 2))
      times = grow(times, new Float64Array(n * 2))
      values = grow(values, new Float64Array(n * 2))
    }
    slots[n] = slot
    times[n] = utc
    values[n] = value
    n++
  }
  if (columns === undefined) throw new HvplanError('E_INPUT_FORMAT', 'no header line: expected TimeGenerated, CounterPath (or Computer, ObjectName, InstanceName, CounterName) and CounterValue', {file, line: 1})
  replay(sink, slots.subarray(0, n), times.subarray(0, n), values.subarray(0, n), maxIntervalMs)
}

function pathOf(record: string[], c: {computer: number; object: number; instance: number; counter: number}): string {
  const instance = c.instance >= 0 ? (record[c.instance] ?? '').trim() : ''
  return `\\\\${record[c.computer] ?? ''}\\${record[c.object] ?? ''}${instance ? `(${instance})` : ''}\\${record[c.counter] ?? ''}`
}

function grow<T extends Int32Array | Float64Array>(old: T, next: T): T {
  next.set(old)
  return next
}

/** Replays the samples as sample sets on the union of their times (see the file comment). */
function replay(sink: EngineLogSink, slots: Int32Array, times: Float64Array, values: Float64Array, maxIntervalMs: number): void {
  const count = sink.valueCount - 1
  // Each counter's samples in time order (a repeated time keeps its first sample).
  const order = Array.from(slots.keys()).sort((a, b) => slots[a] - slots[b] || times[a] - times[b])
  const start = new Int32Array(count + 1)
  const t: number[] = []
  const v: number[] = []
  let slot = -1
  for (const k of order) {
    while (slot < slots[k]) start[++slot] = t.length
    if (t.length > start[slot] && t[t.length - 1] === times[k]) continue
    t.push(times[k])
    v.push(values[k])
  }
  while (slot < count) start[++slot] = t.length
  const instants = [...new Set(t)].sort((a, b) => a - b)
  const next = Int32Array.from(start.subarray(0, count)) // each counter's first sample at or after the instant
  const row = new Float64Array(sink.valueCount)
  for (const u of instants) {
    row.fill(NaN)
    for (let s = 0; s < count; s++) {
      let k = next[s]
      while (k < start[s + 1] && t[k] < u) k++
      next[s] = k
      // The sample closing the span that holds (previous instant, u]: not the counter's first, not past its last, not across a gap.
      if (k > start[s] && k < start[s + 1] && t[k] - t[k - 1] <= maxIntervalMs) row[s] = v[k]
    }
    sink.row(u, row)
  }
}
