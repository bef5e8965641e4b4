/**
 * Events injected into the sample: maintenance bursts, a checkpoint, a live migration, a VM
 * switched off, a collector gap and DST changes. All times are UTC ms; the ground truth lists them.
 */
import {biasMinutesAt, localToUtcMs, type WindowsTimeZone} from '../time/windowsTimeZones.js'
import type {SampleEstate} from './estate.js'
import {Random} from './random.js'

export type SampleEvent =
  | {type: 'maintenance-burst'; vm: string; disks: number[]; kind: 'nightly' | 'weekly'; startUtc: number; endUtc: number; multiplier: number}
  | {type: 'checkpoint'; vm: string; disks: number[]; instances: string[]; startUtc: number; endUtc: number}
  | {type: 'live-migration'; vm: string; fromHost: string; toHost: string; atUtc: number}
  | {type: 'vm-off'; vm: string; startUtc: number; endUtc: number}
  | {type: 'collector-gap'; host: string; startUtc: number; endUtc: number}
  | {type: 'dst-change'; atUtc: number; biasBeforeMinutes: number; biasAfterMinutes: number}

export interface SamplePeriod {
  readonly tz: WindowsTimeZone
  /** UTC instant of local midnight starting day 0. */
  readonly startUtc: number
  readonly endUtc: number
  readonly days: number
  /** Local date of day 0 as ms at 00:00 on a UTC scale (for wall-clock arithmetic). */
  readonly startLocal: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** UTC instant of local wall-clock `day` (0-based) at hours:minutes. */
export function localAt(period: SamplePeriod, day: number, hours: number, minutes = 0): number {
  return localToUtcMs(period.tz, period.startLocal + day * DAY + hours * HOUR + minutes * 60_000)
}

export function scheduleEvents(estate: SampleEstate, period: SamplePeriod, seed: number): SampleEvent[] {
  const rng = new Random(seed, 'events')
  const events: SampleEvent[] = []
  const lastDay = period.days - 1
  const day1 = Math.min(1, lastDay)
  const vmByName = new Map(estate.vms.map((vm) => [vm.name, vm]))

  // Maintenance bursts: SQL VMs run index maintenance every night, a longer, heavier job on Sundays.
  for (const vm of estate.vms) {
    if (vm.role !== 'sql') continue
    const vmRng = new Random(seed, `maintenance:${vm.index}`)
    const disks = vm.disks.filter((d) => estate.disks[d].role === 'sql-data' || estate.disks[d].role === 'sql-log')
    const weeklyAt = vm.name === 'SQL01' ? [2, 10] : [vmRng.int(0, 3), vmRng.int(0, 5) * 10]
    const nightlyAt = [vmRng.int(0, 2), 30 + vmRng.int(0, 2) * 10]
    for (let day = 0; day < period.days; day++) {
      const weekday = new Date(period.startLocal + day * DAY).getUTCDay()
      const weekly = weekday === 0
      const [h, m] = weekly ? weeklyAt : nightlyAt
      const startUtc = localAt(period, day, h, m)
      const minutes = weekly ? (vm.name === 'SQL01' ? 55 : vmRng.int(60, 120)) : vmRng.int(30, 60)
      const multiplier = weekly ? (vm.name === 'SQL01' ? 16 : vmRng.int(10, 20)) : vmRng.int(5, 9)
      events.push({type: 'maintenance-burst', vm: vm.name, disks, kind: weekly ? 'weekly' : 'nightly', startUtc, endUtc: startUtc + minutes * 60_000, multiplier})
    }
  }

  // A checkpoint on APP01 (and on every 40th VM past the cast): its .avhdx takes the writes until merged.
  const checkpointVms = estate.vms.filter((vm) => vm.name === 'APP01' || (vm.index >= 12 && vm.index % 40 === 0))
  for (const vm of checkpointVms) {
    const day = vm.name === 'APP01' ? 0 : rng.int(0, lastDay)
    const startUtc = localAt(period, day, 10, 0)
    const endUtc = day1 > day ? localAt(period, day1, 16, 30) : localAt(period, day, 16, 30)
    const guid = rng.guid().toUpperCase()
    const disks = [...vm.disks]
    const instances = disks.map((d) => estate.disks[d].instance.replace(/\.vhdx$/i, `_${guid}.avhdx`))
    events.push({type: 'checkpoint', vm: vm.name, disks, instances, startUtc, endUtc})
  }

  // A live migration per cluster: SQL01 in CL01, the first highly available VM elsewhere.
  for (const cluster of estate.clusters) {
    const candidates = estate.vms.filter((vm) => vm.highlyAvailable && cluster.nodes.includes(vm.host))
    const vm = vmByName.get('SQL01') && cluster.nodes.includes(vmByName.get('SQL01')!.host) ? vmByName.get('SQL01')! : candidates[0]
    if (!vm) continue
    const toHost = cluster.nodes.find((n) => n !== vm.host)!
    events.push({type: 'live-migration', vm: vm.name, fromHost: estate.hosts[vm.host].name, toHost: estate.hosts[toHost].name, atUtc: localAt(period, day1, 14, 5)})
  }

  // WEB02 (and every 30th VM past the cast) switched off overnight: its disks report zeros.
  for (const vm of estate.vms.filter((v) => v.name === 'WEB02' || (v.index >= 12 && v.index % 30 === 15))) {
    const day = vm.name === 'WEB02' ? 0 : rng.int(0, lastDay)
    const startUtc = localAt(period, day, 19, 0)
    const endUtc = day + 1 <= lastDay ? localAt(period, day + 1, 7, 0) : localAt(period, day, 23, 0)
    events.push({type: 'vm-off', vm: vm.name, startUtc, endUtc})
  }

  // The collector on the third host (and every 10th host past the fourth) stops for hours.
  for (const host of estate.hosts.filter((h) => h.index === 2 || (h.index >= 4 && h.index % 10 === 4))) {
    const day = host.index === 2 ? day1 : rng.int(0, lastDay)
    events.push({type: 'collector-gap', host: host.name, startUtc: localAt(period, day, 9, 0), endUtc: localAt(period, day, 12, 30)})
  }

  // DST transitions inside the period (clock changes happen on the hour in UTC for these zones).
  for (let t = period.startUtc + HOUR; t < period.endUtc; t += HOUR) {
    const before = biasMinutesAt(period.tz, t - 1)
    const after = biasMinutesAt(period.tz, t)
    if (before !== after) events.push({type: 'dst-change', atUtc: t, biasBeforeMinutes: before, biasAfterMinutes: after})
  }
  return events
}

/** A span during which an instance is reported by a host. */
export interface Presence {
  readonly host: number
  readonly fromUtc: number
  readonly toUtc: number
}

/** One VSD instance (disk, checkpoint or noise file) and where and when it is reported. */
export interface InstancePresence {
  readonly instance: string
  /** Disk index, or -1 for a noise instance (.vmgs, .iso). */
  readonly disk: number
  readonly presence: readonly Presence[]
}

/** Where each VM runs over the period, after live migrations. */
export function vmResidency(estate: SampleEstate, period: SamplePeriod, events: readonly SampleEvent[]): Presence[][] {
  return estate.vms.map((vm) => {
    const spans: Presence[] = []
    let host = vm.host
    let from = period.startUtc
    const moves = events.filter((e): e is Extract<SampleEvent, {type: 'live-migration'}> => e.type === 'live-migration' && e.vm === vm.name)
    for (const move of moves.sort((a, b) => a.atUtc - b.atUtc)) {
      spans.push({host, fromUtc: from, toUtc: move.atUtc})
      host = estate.hosts.findIndex((h) => h.name === move.toHost)
      from = move.atUtc
    }
    spans.push({host, fromUtc: from, toUtc: period.endUtc})
    return spans
  })
}

/** Every instance VSD reports, with the hosts and spans in which it exists. */
export function instancePresences(estate: SampleEstate, residency: readonly Presence[][], events: readonly SampleEvent[]): InstancePresence[] {
  const out: InstancePresence[] = []
  const checkpoints = events.filter((e): e is Extract<SampleEvent, {type: 'checkpoint'}> => e.type === 'checkpoint')
  for (const vm of estate.vms) {
    const spans = residency[vm.index]
    const checkpoint = checkpoints.find((c) => c.vm === vm.name)
    for (const d of vm.disks) {
      if (!checkpoint) {
        out.push({instance: estate.disks[d].instance, disk: d, presence: spans})
        continue
      }
      const k = checkpoint.disks.indexOf(d)
      out.push({instance: estate.disks[d].instance, disk: d, presence: cut(spans, checkpoint.startUtc, checkpoint.endUtc, false)})
      out.push({instance: checkpoint.instances[k], disk: d, presence: cut(spans, checkpoint.startUtc, checkpoint.endUtc, true)})
    }
    for (const noise of vm.noiseInstances) out.push({instance: noise, disk: -1, presence: spans})
  }
  return out
}

/** Spans restricted to inside [from, to) (inside = true) or to outside it. */
function cut(spans: readonly Presence[], from: number, to: number, inside: boolean): Presence[] {
  const result: Presence[] = []
  for (const s of spans) {
    const parts: Array<[number, number]> = inside
      ? [[Math.max(s.fromUtc, from), Math.min(s.toUtc, to)]]
      : [[s.fromUtc, Math.min(s.toUtc, from)], [Math.max(s.fromUtc, to), s.toUtc]]
    for (const [a, b] of parts) if (b > a) result.push({host: s.host, fromUtc: a, toUtc: b})
  }
  return result
}

/** True when the instance exists on host at t (spans are [from, to)). */
export function presentAt(presence: readonly Presence[], host: number, t: number): boolean {
  for (const p of presence) if (p.host === host && t >= p.fromUtc && t < p.toUtc) return true
  return false
}
