/**
 * Per-disk write/read behaviour for the sample generator (reference: peers-and-formats.md §A6).
 * rate = base × diurnal(local hour) × weekday factor × maintenance burst × AR(1) log-normal noise
 *        × rare Pareto spike; write size mixed from {4, 8, 16, 64, 256} KB so IOPS follow bytes.
 */
import type {DiskRole} from './estate.js'
import {Random} from './random.js'

const KB = 1024
const MB = 1024 * 1024

export interface RoleProfile {
  /** Off-hours write rate range, bytes/s (one value drawn per disk). */
  readonly writeBase: readonly [number, number]
  /** Reads as a multiple of writes. */
  readonly readRatio: number
  /** Business-hours peak multiplier (1 = flat). */
  readonly businessPeak: number
  /** Weekend multiplier. */
  readonly weekend: number
  /** AR(1) coefficient per 15 s step and log-normal sigma. */
  readonly phi: number
  readonly sigma: number
  /** Write-size weights for 4, 8, 16, 64, 256 KB. */
  readonly writeSizeWeights: readonly [number, number, number, number, number]
  /** Share of a maintenance burst's multiplier this disk feels (1 for SQL data). */
  readonly burstShare: number
}

export const WRITE_SIZES_BYTES = [4 * KB, 8 * KB, 16 * KB, 64 * KB, 256 * KB] as const

export const ROLE_PROFILES: Record<DiskRole, RoleProfile> = {
  // OS disk: 20–200 KB/s, small writes.
  os: {writeBase: [20 * KB, 120 * KB], readRatio: 1.5, businessPeak: 1.6, weekend: 0.7, phi: 0.85, sigma: 0.45,
    writeSizeWeights: [0.55, 0.3, 0.1, 0.05, 0], burstShare: 0},
  // SQL data: 1–10 MB/s in business hours, 8 KB pages, bursts from index maintenance.
  'sql-data': {writeBase: [0.5 * MB, 1.5 * MB], readRatio: 2.5, businessPeak: 3.5, weekend: 0.35, phi: 0.88, sigma: 0.4,
    writeSizeWeights: [0, 0.75, 0.05, 0.2, 0], burstShare: 1},
  // SQL log: steady sequential 64 KB writes.
  'sql-log': {writeBase: [0.4 * MB, 0.9 * MB], readRatio: 0.02, businessPeak: 2.2, weekend: 0.5, phi: 0.92, sigma: 0.15,
    writeSizeWeights: [0, 0, 0, 1, 0], burstShare: 0.25},
  file: {writeBase: [0.1 * MB, 0.6 * MB], readRatio: 3, businessPeak: 3, weekend: 0.2, phi: 0.85, sigma: 0.6,
    writeSizeWeights: [0.1, 0.2, 0.1, 0.45, 0.15], burstShare: 0},
  app: {writeBase: [0.08 * MB, 0.4 * MB], readRatio: 1.2, businessPeak: 2.5, weekend: 0.4, phi: 0.8, sigma: 0.5,
    writeSizeWeights: [0.3, 0.4, 0.2, 0.1, 0], burstShare: 0},
  // Pagefile: high churn, a candidate for disk exclusion.
  pagefile: {writeBase: [1.5 * MB, 3 * MB], readRatio: 0.6, businessPeak: 2.2, weekend: 0.5, phi: 0.8, sigma: 0.7,
    writeSizeWeights: [0.2, 0, 0, 0.5, 0.3], burstShare: 0},
  // Build temp disk: high churn while builds run.
  temp: {writeBase: [1 * MB, 2.5 * MB], readRatio: 0.8, businessPeak: 3, weekend: 0.3, phi: 0.75, sigma: 0.8,
    writeSizeWeights: [0, 0.1, 0.1, 0.5, 0.3], burstShare: 0},
  idle: {writeBase: [0.5 * KB, 4 * KB], readRatio: 0.5, businessPeak: 1, weekend: 1, phi: 0.5, sigma: 0.3,
    writeSizeWeights: [1, 0, 0, 0, 0], burstShare: 0},
}

/** Multiplier for local hour-of-day h (fractional): a raised sine over 07:00–19:00. */
export function businessHoursFactor(peak: number, localHour: number): number {
  if (localHour <= 7 || localHour >= 19) return 1
  return 1 + (peak - 1) * Math.pow(Math.sin((Math.PI * (localHour - 7)) / 12), 1.5)
}

export interface DiskRates {
  writeBytesPerSec: number
  readBytesPerSec: number
  writeOpsPerSec: number
  readOpsPerSec: number
}

/** A burst (maintenance job) or spike as [startUtc, endUtc, multiplier]. */
export type RateWindow = readonly [number, number, number]

/** Spikes: about one every two days per disk, ×3–30 (Pareto α = 2), 15 s to 2 min long. */
const SPIKE_PROBABILITY_PER_STEP = 1 / (2 * 5760)

/** Stateful workload of one disk; call rates() with non-decreasing times. */
export class DiskWorkload {
  private readonly rng: Random
  private readonly profile: RoleProfile
  private readonly writeBase: number
  private zWrite = 0
  private zRead = 0
  private burstCursor = 0
  private spikeUntilUtc = -Infinity
  private spikeMultiplier = 1
  readonly spikes: RateWindow[] = []

  constructor(seed: number, diskIndex: number, role: DiskRole, private readonly bursts: readonly RateWindow[]) {
    this.rng = new Random(seed, `disk:${diskIndex}`)
    this.profile = ROLE_PROFILES[role]
    this.writeBase = this.rng.uniform(this.profile.writeBase[0], this.profile.writeBase[1])
  }

  /**
   * Rates for the sample interval ending at utcMs. localHour is fractional local time of day,
   * weekday 0 = Sunday. vmRunning false gives zeros (a VM switched off writes nothing).
   */
  rates(utcMs: number, localHour: number, weekday: number, vmRunning: boolean, out: DiskRates): DiskRates {
    const p = this.profile
    const rng = this.rng
    const innovation = Math.sqrt(1 - p.phi * p.phi)
    this.zWrite = p.phi * this.zWrite + innovation * rng.normal()
    this.zRead = p.phi * this.zRead + innovation * rng.normal()
    if (utcMs > this.spikeUntilUtc && rng.next() < SPIKE_PROBABILITY_PER_STEP) {
      this.spikeMultiplier = Math.min(30, rng.pareto(3, 2))
      this.spikeUntilUtc = utcMs + rng.int(1, 8) * 15_000
      this.spikes.push([utcMs - 15_000, this.spikeUntilUtc, this.spikeMultiplier])
    }
    if (!vmRunning) {
      out.writeBytesPerSec = out.readBytesPerSec = out.writeOpsPerSec = out.readOpsPerSec = 0
      return out
    }
    const weekendFactor = weekday === 0 || weekday === 6 ? p.weekend : 1
    const level = businessHoursFactor(p.businessPeak, localHour) * weekendFactor
    const burst = 1 + (this.burstAt(utcMs) - 1) * p.burstShare
    const spike = utcMs <= this.spikeUntilUtc ? this.spikeMultiplier : 1
    const noiseW = Math.exp(p.sigma * this.zWrite - (p.sigma * p.sigma) / 2)
    const noiseR = Math.exp(p.sigma * this.zRead - (p.sigma * p.sigma) / 2)
    out.writeBytesPerSec = this.writeBase * level * burst * spike * noiseW
    out.readBytesPerSec = this.writeBase * p.readRatio * level * Math.sqrt(burst) * noiseR
    out.writeOpsPerSec = out.writeBytesPerSec / this.writeSize(burst > 1)
    out.readOpsPerSec = out.readBytesPerSec / this.writeSize(false)
    return out
  }

  /** Effective write size (harmonic mix of the role's sizes with per-step jitter); bursts write 64 KB. */
  private writeSize(bursting: boolean): number {
    if (bursting) return WRITE_SIZES_BYTES[3]
    const w = this.profile.writeSizeWeights
    let weight = 0
    let opsPerByte = 0
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 0) continue
      const jittered = w[i] * (0.7 + 0.6 * this.rng.next())
      weight += jittered
      opsPerByte += jittered / WRITE_SIZES_BYTES[i]
    }
    return weight / opsPerByte
  }

  private burstAt(utcMs: number): number {
    const b = this.bursts
    while (this.burstCursor < b.length && b[this.burstCursor][1] <= utcMs) this.burstCursor++
    const current = b[this.burstCursor]
    return current && current[0] < utcMs ? current[2] : 1
  }
}
