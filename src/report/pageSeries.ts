/**
 * The send series the interactive page recomputes B100, B90, the drivers and the what-if from
 * when the planner picks VMs: the site's series of the VMs to protect exactly (float64), and each
 * profiled VM's own series at the finest precision whose page stays within the size budget —
 * float64, float32, or an unsigned integer of 16, 12, 10 or 8 bits scaled to the VM's own peak.
 * The page starts from the exact site series and adds or takes away the VMs the planner toggles,
 * so only toggled VMs carry their rounding (at most half a step of their own peak per window).
 *
 * Layout (all little-endian), gzip-compressed, then base64: the site's windows as float64, then
 * per VM its windows in `bits` (float64 / float32 as such; integers packed LSB-first, q × scale).
 */
import {gzipSync} from 'node:zlib'

export interface PageSeries {
  readonly windows: number
  readonly bits: 64 | 32 | 16 | 12 | 10 | 8
  readonly vms: readonly string[]
  /** Bytes per integer step of each VM (integer bits only, so a value is off by at most half of it; 1 otherwise). */
  readonly scales: readonly number[]
  /** The packed series, gzip-compressed, in base64. */
  readonly base64: string
}

const BITS = [64, 32, 16, 12, 10, 8] as const

/** Packs the series; `seriesOf` is asked for each VM once (a 10,000-VM site holds none of them at once). */
export function encodePageSeries(site: Float64Array, vms: readonly string[], seriesOf: (vm: string) => Float64Array, budgetBytes: number): PageSeries {
  const n = site.length
  // The finest precision whose base64 fits the budget (compression only makes it smaller).
  const bits = BITS.find((b) => (((n * 64 + vms.length * n * b) / 8) * 4) / 3 <= budgetBytes) ?? 8
  const bytesPerVm = Math.ceil((n * bits) / 8)
  const out = new Uint8Array(n * 8 + vms.length * bytesPerVm)
  new Float64Array(out.buffer, 0, n).set(site)
  const scales: number[] = []
  vms.forEach((vm, k) => {
    const s = seriesOf(vm)
    const at = n * 8 + k * bytesPerVm
    if (bits === 64 || bits === 32) {
      const view = new DataView(out.buffer, at, bytesPerVm)
      for (let w = 0; w < n; w++) {
        if (bits === 64) view.setFloat64(w * 8, s[w], true)
        else view.setFloat32(w * 4, s[w], true)
      }
      scales.push(1)
      return
    }
    let peak = 0
    for (let w = 0; w < n; w++) if (s[w] > peak) peak = s[w]
    const top = 2 ** bits - 1
    const scale = peak > 0 ? peak / top : 1
    scales.push(scale)
    let acc = 0 // bits waiting to be written
    let held = 0
    let o = at
    for (let w = 0; w < n; w++) {
      const q = Math.min(top, Math.max(0, Math.round(s[w] / scale)))
      acc += q * 2 ** held
      held += bits
      while (held >= 8) {
        out[o++] = acc & 0xff
        acc = Math.floor(acc / 256)
        held -= 8
      }
    }
    if (held > 0) out[o] = acc & 0xff
  })
  return {windows: n, bits, vms, scales, base64: gzipSync(out, {level: 6}).toString('base64')}
}
