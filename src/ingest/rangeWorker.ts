/** Worker-thread adapter of rangeIngest: one RangeJob in, one RangeResult out. */
import {parentPort, workerData} from 'node:worker_threads'
import {HvplanError} from '../errors.js'
import {ingestRange, type RangeJob} from './rangeIngest.js'

try {
  const result = ingestRange(workerData as RangeJob)
  parentPort!.postMessage({result}, result.days.map(([, , data]) => data.buffer as ArrayBuffer))
} catch (error) {
  parentPort!.postMessage({error: error instanceof HvplanError ? error.message : String(error), located: error instanceof HvplanError})
}
