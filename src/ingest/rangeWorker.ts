/** Worker-thread adapter of rangeIngest: one RangeJob in; batches of finished days, then one RangeResult out. */
import {parentPort, workerData} from 'node:worker_threads'
import {HvplanError} from '../errors.js'
import {ingestRange, type RangeJob, type RangeResult} from './rangeIngest.js'

const buffers = (days: RangeResult['days']) => days.map(([, , data]) => data.buffer as ArrayBuffer)
try {
  const result = ingestRange(workerData as RangeJob, (days) => parentPort!.postMessage({days}, buffers(days)))
  parentPort!.postMessage({result}, buffers(result.days))
} catch (error) {
  parentPort!.postMessage({error: error instanceof HvplanError ? error.message : String(error), located: error instanceof HvplanError})
}
