/**
 * A worker thread running a module beside the caller's: the built .js, or — from the sources
 * (tests, bin/dev.js) — the .ts, with tsx registered inside the worker first (a worker does not
 * inherit the parent's loader when it is started from a URL).
 */
import {Worker} from 'node:worker_threads'

/** from: the caller's import.meta.url; name: the module's file name without extension, beside it. */
export function moduleWorker(from: string, name: string, workerData: unknown): Worker {
  const fromSource = from.endsWith('.ts')
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, from)
  return fromSource
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}) })`, {eval: true, workerData})
    : new Worker(url, {workerData})
}
