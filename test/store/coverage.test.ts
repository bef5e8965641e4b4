/**
 * A disk's coverage in the profile: addCoverage reads and rewrites only the stored intervals that
 * touch the new ones (a disk of hundreds of rotated logs made the full rewrite quadratic), and must
 * give exactly the merge of everything added, in any order; coverage(disk, after) gives those
 * ending after a time, as the window engine asks.
 */
import fc from 'fast-check'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ProfileStore} from '../../src/store/profileStore.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()

/** The reference: every interval sorted and merged where they overlap or touch. */
function merge(intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1)
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

describe('coverage', () => {
  it('after any batches of intervals, in any order, is the merge of them all', () => {
    let run = 0
    const interval = fc.tuple(fc.integer({min: 0, max: 200}), fc.integer({min: 1, max: 15})).map(([a, n]): [number, number] => [a, a + n])
    fc.assert(
      fc.property(fc.array(fc.array(interval, {minLength: 1, maxLength: 4}), {minLength: 1, maxLength: 12}), (batches) => {
        const store = ProfileStore.open(join(tmp, `p${run++}.sqlite`), {create: true})
        try {
          const disk = store.diskId({key: 'd', vm: 'vm', volume: 'v', instance: 'd.vhdx', mappedBy: 'heuristic', inventory: undefined})
          // The engine hands over each file's intervals merged; a batch is one file.
          for (const batch of batches) store.addCoverage(disk, merge(batch))
          const all = merge(batches.flat())
          expect(store.coverage(disk)).toEqual(all)
          for (const after of [-1, 0, 50, 100, 216]) expect(store.coverage(disk, after)).toEqual(all.filter(([, b]) => b > after))
        } finally {
          store.close()
        }
      }),
      {numRuns: 200},
    )
  })
})
