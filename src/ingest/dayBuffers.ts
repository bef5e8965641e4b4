/** Per-disk day arrays between the window engine and the profile store. */
import {SLOTS} from './engine.js'

/** Per disk, the current UTC day's windows; a finished day is added to the profile. */
export class DayBuffers {
  private readonly day: number[] = []
  private readonly arrays: Float64Array[][] = []

  constructor(
    private readonly windowsPerDay: number,
    private readonly write: (series: number, day: number, arrays: Float64Array[]) => void,
  ) {}

  add(s: number, window: number, acc: Float64Array, offset: number): void {
    const day = Math.floor(window / this.windowsPerDay)
    if (this.day[s] !== day) {
      this.flush(s)
      this.day[s] = day
      this.arrays[s] ??= Array.from({length: SLOTS}, () => new Float64Array(this.windowsPerDay))
    }
    const i = window - day * this.windowsPerDay
    const arrays = this.arrays[s]
    for (let k = 0; k < SLOTS; k++) arrays[k][i] += acc[offset + k]
  }

  flushAll(): void {
    for (let s = 0; s < this.day.length; s++) this.flush(s)
  }

  private flush(s: number): void {
    if (this.day[s] === undefined) return
    this.write(s, this.day[s], this.arrays[s])
    for (const a of this.arrays[s]) a.fill(0)
    this.day[s] = undefined as unknown as number
  }
}
