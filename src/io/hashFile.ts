/**
 * Content hashes of input files (SHA-256), for idempotent ingest. The full hash of a file larger
 * than its head runs on a worker thread, reading the file on its own, so it costs the parse on the
 * main thread no time; a smaller file's head hash is its full hash.
 */
import {createHash} from 'node:crypto'
import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import {Worker} from 'node:worker_threads'

const CHUNK = 4 << 20

/** SHA-256 of the first 4 MiB: a cheap first look for a file seen before. */
export function headHash(path: string): string {
  const fd = openSync(path, 'r')
  try {
    // As large as the head can be (a zeroed 4 MiB per small file was a tenth of ingesting many of them).
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, fstatSync(fd).size)))
    const n = readSync(fd, buf, 0, buf.length, 0)
    return createHash('sha256').update(buf.subarray(0, n)).digest('hex')
  } finally {
    closeSync(fd)
  }
}

const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
const {createHash} = require('node:crypto')
const {createReadStream} = require('node:fs')
const hash = createHash('sha256')
createReadStream(workerData, {highWaterMark: ${CHUNK}})
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => parentPort.postMessage({digest: hash.digest('hex')}))
  .on('error', (error) => parentPort.postMessage({error: error.message}))
`

/**
 * The full SHA-256 of a file of `bytes` whose head hash is `head`: that hash itself when the head
 * is the whole file (starting a worker thread per small file cost ~80 ms each: 720 hourly logs of
 * 23 KB took 57 s), else computed on a worker thread.
 */
export function contentHash(path: string, bytes: number, head: string): Promise<string> {
  return bytes <= CHUNK ? Promise.resolve(head) : hashFileInWorker(path)
}

/** The full SHA-256, computed on a worker thread. */
export function hashFileInWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {eval: true, workerData: path})
    worker.once('message', (m: {digest?: string; error?: string}) => {
      void worker.terminate()
      if (m.digest) resolve(m.digest)
      else reject(new Error(m.error ?? 'hashing failed'))
    })
    worker.once('error', reject)
  })
}
