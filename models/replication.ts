/**
 * The replication cycle of Hyper-V Replica to Azure (spec §4.2), as pure functions over typed
 * arrays. Ticks s_k = k·f (f = copy frequency); at s_k the log with the writes of (s_k − f, s_k]
 * is sealed and queued; the link uploads logs first in, first out at bandwidth B, so log k is
 * uploaded at C_k = max(C_{k−1}, s_k) + size_k / B, and its recovery point exists from C_k + a
 * (a = apply latency). RPO(τ) = τ − s_k of the newest recovery point existing at τ: a sawtooth
 * whose peaks, just before each C_k + a, equal C_k + a − s_{k−1}.
 * Times in seconds from the start of the series, sizes in bytes, bandwidth in bytes per second.
 */

export interface CycleParams {
  /** Copy frequency f, seconds (30, 300 or 900). */
  readonly copyFrequencySeconds: number
  /** Apply latency a, seconds (default 0). */
  readonly applyLatencySeconds: number
}

/**
 * Bytes sealed in each cycle from per-window bytes (read only: when the copy frequency is the
 * window, the windows' own typed array is returned), the writes spread uniformly inside each
 * window: log k (k = 1…K) holds A(k·f) − A((k − 1)·f), A the cumulative bytes. Missing windows
 * (NaN) must be filled before. Example: windows of 300 s holding [600, 0] and f = 150 give
 * [300, 300, 0, 0].
 */
export function cycleLogBytes(windowBytes: ArrayLike<number>, windowSeconds: number, copyFrequencySeconds: number): Float64Array {
  if (!(windowSeconds > 0)) throw new RangeError(`windowSeconds must be positive, got ${windowSeconds}`)
  if (!(copyFrequencySeconds > 0)) throw new RangeError(`copyFrequencySeconds must be positive, got ${copyFrequencySeconds}`)
  // A copy frequency equal to the window: each log is its window (the usual 5-minute case), so
  // the windows are the logs — the same array, never written to by any model.
  if (copyFrequencySeconds === windowSeconds) return windowBytes instanceof Float64Array ? windowBytes : Float64Array.from(windowBytes)
  const horizon = windowBytes.length * windowSeconds
  const cycles = Math.floor(horizon / copyFrequencySeconds + 1e-9)
  // Walk the windows once: A at each tick, incrementally.
  const logs = new Float64Array(cycles)
  let prev = 0
  let w = 0
  let before = 0 // cumulative bytes of windows < w
  for (let k = 1; k <= cycles; k++) {
    const t = k * copyFrequencySeconds
    while (w < windowBytes.length && (w + 1) * windowSeconds <= t) before += windowBytes[w++]
    const at = w < windowBytes.length ? before + (windowBytes[w] * (t - w * windowSeconds)) / windowSeconds : before
    logs[k - 1] = at - prev
    prev = at
  }
  return logs
}

/** Upload completion times C_k (seconds) of each log at bandwidth B (bytes/s). */
export function uploadTimes(logBytes: ArrayLike<number>, copyFrequencySeconds: number, bandwidthBytesPerSec: number): Float64Array {
  if (!(bandwidthBytesPerSec > 0)) throw new RangeError(`bandwidthBytesPerSec must be positive, got ${bandwidthBytesPerSec}`)
  const done = new Float64Array(logBytes.length)
  let c = 0
  for (let k = 0; k < logBytes.length; k++) {
    const sealed = (k + 1) * copyFrequencySeconds
    c = (c > sealed ? c : sealed) + logBytes[k] / bandwidthBytesPerSec
    done[k] = c
  }
  return done
}

/** Highest RPO (seconds) over the run: max over k of C_k + a − s_{k−1}. */
export function peakRpoSeconds(logBytes: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number): number {
  if (!(bandwidthBytesPerSec > 0)) throw new RangeError(`bandwidthBytesPerSec must be positive, got ${bandwidthBytesPerSec}`)
  // The hot loop of every bisection: uploadTimes inlined, nothing allocated.
  const f = params.copyFrequencySeconds
  let c = 0
  let peak = 0
  for (let k = 0; k < logBytes.length; k++) {
    const sealed = (k + 1) * f
    c = (c > sealed ? c : sealed) + logBytes[k] / bandwidthBytesPerSec
    const rpo = c - k * f // C_k − s_{k−1}; s_{k−1} = k·f for log index k (0-based)
    if (rpo > peak) peak = rpo
  }
  return peak + params.applyLatencySeconds
}

/**
 * Share of time (time-weighted, from the first recovery point to the last, which may come after
 * the period when logs are still queued at its end) with RPO ≤ R. Between
 * recovery points k and k+1 the RPO rises linearly from C_k + a − s_k to C_{k+1} + a − s_k, so the
 * time above R there is max(0, C_{k+1} − max(C_k, s_k + R − a)).
 */
export function fractionWithinRpo(logBytes: ArrayLike<number>, params: CycleParams, bandwidthBytesPerSec: number, rpoSeconds: number): number {
  if (!(bandwidthBytesPerSec > 0)) throw new RangeError(`bandwidthBytesPerSec must be positive, got ${bandwidthBytesPerSec}`)
  const f = params.copyFrequencySeconds
  const n = logBytes.length
  if (n < 2) return peakRpoSeconds(logBytes, params, bandwidthBytesPerSec) <= rpoSeconds ? 1 : 0
  const offset = rpoSeconds - params.applyLatencySeconds
  let c = f + logBytes[0] / bandwidthBytesPerSec
  const first = c
  let over = 0
  for (let k = 0; k + 1 < n; k++) {
    const sealedNext = (k + 2) * f
    const next = (c > sealedNext ? c : sealedNext) + logBytes[k + 1] / bandwidthBytesPerSec
    const from = Math.max(c, (k + 1) * f + offset)
    if (next > from) over += next - from
    c = next
  }
  // Every recovery point at one instant (the later logs empty and uploaded with the first): no
  // span to weigh, so the share is whether the RPO at that instant is within R.
  if (!(c > first)) return peakRpoSeconds(logBytes, params, bandwidthBytesPerSec) <= rpoSeconds ? 1 : 0
  return 1 - over / (c - first)
}

/**
 * Least bandwidth B (bytes/s) for which test(B) holds, by bisection between lo and hi
 * (test must be monotone: once true, true for every larger B), to relative tolerance.
 */
export function leastBandwidth(test: (bandwidth: number) => boolean, lo: number, hi: number, relativeTolerance = 1e-6): number {
  if (!test(hi)) throw new RangeError(`no bandwidth up to ${hi} bytes/s passes`)
  while (hi - lo > relativeTolerance * hi) {
    const mid = (lo + hi) / 2
    if (test(mid)) hi = mid
    else lo = mid
  }
  return hi
}

/**
 * A bracket [lo, hi] for B100 (bytes/s): lo is the closed form over single cycles and over the
 * whole run, both lower bounds; hi doubles from there until the RPO holds (B100 is rarely more
 * than a few times lo, so this takes a few simulations instead of a bisection from 0).
 */
function bracket(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, test: (bandwidth: number) => boolean): [number, number] {
  const slack = slackSeconds(params, rpoSeconds)
  const {total, largest} = runSummary(logBytes)
  const wholeRun = total / (logBytes.length * params.copyFrequencySeconds + rpoSeconds - 2 * params.copyFrequencySeconds - params.applyLatencySeconds)
  let lo = Math.max(largest / slack, wholeRun) * (1 - 1e-12)
  if (!(lo > 0)) return [0, 1]
  let hi = lo * 2
  while (!test(hi)) {
    lo = hi
    hi *= 2
  }
  return [lo, hi]
}

function slackSeconds(params: CycleParams, rpoSeconds: number): number {
  const slack = rpoSeconds - params.copyFrequencySeconds - params.applyLatencySeconds
  if (!(slack > 0)) throw new RangeError(`an RPO of ${rpoSeconds} s cannot be met with copy frequency ${params.copyFrequencySeconds} s and apply latency ${params.applyLatencySeconds} s: it must exceed their sum`)
  return slack
}

/** Mean rate (bytes/s) of the logs over the period they cover, K·f. 0 for an empty run. */
export function meanSendRate(logBytes: ArrayLike<number>, copyFrequencySeconds: number): number {
  const {total} = runSummary(logBytes)
  return logBytes.length > 0 ? total / (logBytes.length * copyFrequencySeconds) : 0
}

interface RunSummary {
  readonly total: number
  readonly largest: number
  /** Index of the (first) largest log. */
  readonly largestAt: number
}

const summaries = new WeakMap<Float64Array, RunSummary>()

/**
 * Total and largest log of a run, computed once per typed array: each RPO's B100 and B90 asks for
 * them again. Logs arrays (cycleLogBytes' output) are never changed once made; plain arrays are
 * summed each time.
 */
function runSummary(logBytes: ArrayLike<number>): RunSummary {
  const cached = logBytes instanceof Float64Array ? summaries.get(logBytes) : undefined
  if (cached) return cached
  let total = 0
  let largest = 0
  let largestAt = 0
  for (let k = 0; k < logBytes.length; k++) {
    const x = logBytes[k]
    total += x
    if (x > largest) {
      largest = x
      largestAt = k
    }
  }
  const summary = {total, largest, largestAt}
  if (logBytes instanceof Float64Array) summaries.set(logBytes, summary)
  return summary
}

/**
 * The exact B100 of the cycle model before the mean-rate floor: the closed form's max over
 * tick-aligned intervals of bytes / (n·f + R − 2f − a), found in O(K) per step by Dinkelbach's
 * method — at a trial rate λ, Kadane's scan finds the interval maximizing Σ(x_k − λf) − λ·base; if
 * that is positive, its own ratio is the next λ (strictly larger), else λ is the maximum. A few
 * scans (typically 3–6) replace the O(K²) closed form and the simulations of a bisection. `start`
 * names an interval (in cycles) whose ratio may start the search (any interval's ratio is a lower
 * bound, so the result stays exact).
 */
export function exactBandwidth100(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, start?: readonly [fromCycle: number, toCycle: number]): ClosedFormResult {
  slackSeconds(params, rpoSeconds) // refuses an RPO the copy frequency and apply latency cannot meet
  if (!(runSummary(logBytes).largest > 0)) return {bandwidthBytesPerSec: 0, fromSeconds: 0, toSeconds: params.copyFrequencySeconds}
  const search = ratioSearch(logBytes, params, rpoSeconds, start)
  for (let step = 0; step < 100 && !search.exact; step++) search.step()
  return search.best
}

/**
 * Dinkelbach's search for the maximum ratio, one scan per step: the best interval so far (a lower
 * bound), an upper bound on the maximum (after a scan at λ with excess F, no interval beats
 * λ + F/(f + base): every denominator is at least f + base), and whether it has converged (no
 * interval beats λ, up to rounding). Each improvement is remembered for the run's next RPO.
 */
function ratioSearch(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, start?: readonly [number, number]) {
  const f = params.copyFrequencySeconds
  const base = slackSeconds(params, rpoSeconds) - f // R − 2f − a; each interval's denominator n·f + base ≥ f + base > 0
  const search = {
    best: exactStart(logBytes, f, base, start),
    upper: Infinity,
    exact: false,
    step(): void {
      const lambda = search.best.bandwidthBytesPerSec
      const scan = mostExcess(logBytes, lambda * f)
      const ratio = scan.bytes / ((scan.to - scan.from) * f + base)
      if (!(ratio > lambda * (1 + 1e-15))) {
        search.exact = true
        return
      }
      search.upper = Math.min(search.upper, lambda + (scan.sum - lambda * base) / (f + base))
      search.best = {bandwidthBytesPerSec: ratio, fromSeconds: scan.from * f, toSeconds: scan.to * f}
      if (logBytes instanceof Float64Array) lastInterval.set(logBytes, [scan.from, scan.to])
    },
  }
  return search
}

/**
 * Where the search for the maximum ratio starts: the best of some intervals' ratios (each a lower
 * bound) — the largest single log, the whole run, the interval that set this run's B100 for
 * another RPO (usually close), and the caller's.
 */
function exactStart(logBytes: ArrayLike<number>, f: number, base: number, start?: readonly [number, number]): ClosedFormResult {
  const {total, largest, largestAt} = runSummary(logBytes)
  const single = largest / (f + base)
  const whole = total / (logBytes.length * f + base)
  let best: ClosedFormResult = single >= whole ? {bandwidthBytesPerSec: single, fromSeconds: largestAt * f, toSeconds: (largestAt + 1) * f} : {bandwidthBytesPerSec: whole, fromSeconds: 0, toSeconds: logBytes.length * f}
  for (const interval of [logBytes instanceof Float64Array ? lastInterval.get(logBytes) : undefined, start]) {
    if (!interval) continue
    let bytes = 0
    for (let k = interval[0]; k < interval[1]; k++) bytes += logBytes[k]
    const ratio = bytes / ((interval[1] - interval[0]) * f + base)
    if (ratio > best.bandwidthBytesPerSec) best = {bandwidthBytesPerSec: ratio, fromSeconds: interval[0] * f, toSeconds: interval[1] * f}
  }
  return best
}

/** Per logs array, the interval of its last exact B100: the next RPO's scan starts from it. */
const lastInterval = new WeakMap<Float64Array, [number, number]>()

/**
 * Kadane's scan: the interval [from, to) of logs maximizing Σ(x_k − perCycle), with that sum and
 * its bytes. Interval ratios above λ exist exactly when the sum exceeds λ·base (perCycle = λf).
 */
function mostExcess(logBytes: ArrayLike<number>, perCycle: number): {sum: number; bytes: number; from: number; to: number} {
  let runSum = 0
  let runBytes = 0
  let runStart = 0
  let bestSum = -Infinity
  let bestBytes = 0
  let bestFrom = 0
  let bestTo = 0
  for (let k = 0; k < logBytes.length; k++) {
    const x = logBytes[k]
    if (runSum <= 0) {
      runSum = 0
      runBytes = 0
      runStart = k
    }
    runSum += x - perCycle
    runBytes += x
    if (runSum > bestSum) {
      bestSum = runSum
      bestBytes = runBytes
      bestFrom = runStart
      bestTo = k + 1
    }
  }
  return {sum: bestSum, bytes: bestBytes, from: bestFrom, to: bestTo}
}

/**
 * B100: least bandwidth (bytes/s) keeping the RPO ≤ R at all times — and never below the mean
 * send rate of the period (spec §4.2, Decision): over a finite period the simulation can pass a
 * link slower than the average, whose backlog would grow without bound on the next such period.
 * A run that writes nothing needs 0. The threshold is exact (exactBandwidth100: a link passes the
 * simulation exactly when it is at least that fast); the value returned is the one the bisection
 * over simulations to relativeTolerance gives, replayed on that threshold without simulating, so
 * figures keep their documented tolerance and do not move with this speed-up.
 */
export function bandwidthFor100(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, relativeTolerance = 1e-6): number {
  const mean = meanSendRate(logBytes, params.copyFrequencySeconds)
  const base = slackSeconds(params, rpoSeconds) - params.copyFrequencySeconds
  if (!(mean > 0)) return 0
  // When no interval needs mean·(1 − tol), the bisection would end below the mean and the floor
  // binds: one scan settles it (the common case of steady churn).
  const guard = mean * (1 - relativeTolerance)
  const atGuard = mostExcess(logBytes, guard * params.copyFrequencySeconds)
  if (atGuard.sum <= guard * base) return mean
  // That scan was a first Dinkelbach step from the guard: its interval starts the search, which
  // only goes as far as the bisection's questions need (each answer is exact).
  const threshold = thresholdOracle(logBytes, params, rpoSeconds, [atGuard.from, atGuard.to])
  const [lo, hi] = bracket(logBytes, params, rpoSeconds, threshold.atMost)
  return Math.max(leastBandwidth(threshold.atMost, lo, hi, relativeTolerance), mean)
}

/**
 * Answers "is B100's threshold (the closed form's maximum ratio) at most b?" exactly, with as few
 * of the search's scans as the questions need: b below the lower bound is "no", b at or above the
 * upper bound "yes", and only b between them asks for another scan.
 */
function thresholdOracle(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, start: readonly [number, number]): {atMost: (b: number) => boolean} {
  const search = ratioSearch(logBytes, params, rpoSeconds, start)
  return {
    atMost: (b: number) => {
      for (let scans = 0; scans < 100 && !search.exact; scans++) {
        if (b < search.best.bandwidthBytesPerSec) return false
        if (b >= search.upper) return true
        search.step()
      }
      return b >= search.best.bandwidthBytesPerSec
    },
  }
}

/**
 * B90 (or any share): least bandwidth keeping RPO ≤ R for at least `share` of the time, the time
 * running until the last log of the period is uploaded (as the what-if counts it). 0 for a run
 * that writes nothing.
 */
export function bandwidthForShare(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number, share = 0.9, relativeTolerance = 1e-6): number {
  if (!(meanSendRate(logBytes, params.copyFrequencySeconds) > 0)) return 0
  const test = (b: number) => fractionWithinRpo(logBytes, params, b, rpoSeconds) >= share
  // B_share ≤ B100, and at least the mean rate over the run (less, and the backlog grows).
  const threshold = exactBandwidth100(logBytes, params, rpoSeconds).bandwidthBytesPerSec
  const [, hi] = bracket(logBytes, params, rpoSeconds, (b) => b >= threshold) // as the simulations would give it
  const {total} = runSummary(logBytes)
  const lo = Math.min(hi / 2, (total / (logBytes.length * params.copyFrequencySeconds)) * 0.5)
  return leastBandwidth(test, lo > 0 && !test(lo) ? lo : 0, hi, relativeTolerance)
}

export interface ClosedFormResult {
  /** Bytes per second. */
  readonly bandwidthBytesPerSec: number
  /** The tick-aligned interval [s, t] (seconds) that sets it. */
  readonly fromSeconds: number
  readonly toSeconds: number
}

/**
 * The exact B100 of this model (spec §4.2): max over tick-aligned [s, t], t − s = n·f, n ≥ 1, of
 * (A(t) − A(s)) / (t − s + R − 2f − a). O(K²): for tests and explanations of short runs.
 */
export function closedFormBandwidth100(logBytes: ArrayLike<number>, params: CycleParams, rpoSeconds: number): ClosedFormResult {
  const f = params.copyFrequencySeconds
  const base = rpoSeconds - 2 * f - params.applyLatencySeconds
  slackSeconds(params, rpoSeconds)
  let best: ClosedFormResult = {bandwidthBytesPerSec: 0, fromSeconds: 0, toSeconds: f}
  for (let i = 0; i < logBytes.length; i++) {
    let bytes = 0
    for (let j = i; j < logBytes.length; j++) {
      bytes += logBytes[j]
      const seconds = (j - i + 1) * f + base
      const rate = bytes / seconds
      if (rate > best.bandwidthBytesPerSec) best = {bandwidthBytesPerSec: rate, fromSeconds: i * f, toSeconds: (j + 1) * f}
    }
  }
  return best
}

/** Bytes per second → Mbps (10^6 bit/s). 2 MiB/s = 16.777216 Mbps. */
export function bytesPerSecToMbps(bytesPerSec: number): number {
  return (bytesPerSec * 8) / 1e6
}

/** Mbps (10^6 bit/s) → bytes per second. */
export function mbpsToBytesPerSec(mbps: number): number {
  return (mbps * 1e6) / 8
}
