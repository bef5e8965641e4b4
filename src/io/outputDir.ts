/**
 * Writing a whole output folder without ever leaving it half-written or clobbering what a user
 * has: the content is built in a sibling `<dir>.partial-<pid>` folder and renamed into place at
 * the end. An existing non-empty folder is only replaced with force.
 */
import {existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, dirname} from 'node:path'
import {HvplanError, outputWriteError} from '../errors.js'
import {onAbort, removeLeftovers} from './onAbort.js'

export function assertWritableOutput(path: string, force: boolean, flag: string): void {
  if (!force && existsSync(path) && (!isDirectory(path) || readdirSync(path).length > 0)) {
    throw new HvplanError('E_OUTPUT_EXISTS', `${path} already exists and is not empty; pass --force to replace it`, {flag})
  }
}

export function writeOutputDir<T>(dir: string, force: boolean, flag: string, build: (tmpDir: string) => T): T {
  const tmp = beginOutputDir(dir, force, flag)
  try {
    const result = build(tmp)
    finishOutputDir(tmp, dir)
    return result
  } catch (error) {
    rmSync(tmp, {recursive: true, force: true})
    throw error
  }
}

/** writeOutputDir for an asynchronous build. */
export async function writeOutputDirAsync<T>(dir: string, force: boolean, flag: string, build: (tmpDir: string) => Promise<T>): Promise<T> {
  const tmp = beginOutputDir(dir, force, flag)
  // Ended before it is done (an error, process.exit), the run leaves no half-written folder beside
  // the output; stopped by a signal, the next run to this output removes it (onAbort.ts).
  const forget = onAbort(() => rmSync(tmp, {recursive: true, force: true}))
  try {
    const result = await build(tmp)
    finishOutputDir(tmp, dir)
    return result
  } catch (error) {
    rmSync(tmp, {recursive: true, force: true})
    throw error
  } finally {
    forget()
  }
}

function beginOutputDir(dir: string, force: boolean, flag: string): string {
  assertWritableOutput(dir, force, flag)
  const base = dir.replace(/[\\/]+$/, '')
  const tmp = `${base}.partial-${process.pid}`
  // What a run stopped by a signal left beside this output (its process gone) goes first.
  removeLeftovers(dirname(base), `${basename(base)}.partial-`)
  rmSync(tmp, {recursive: true, force: true})
  mkdirSync(tmp, {recursive: true})
  return tmp
}

function finishOutputDir(tmp: string, dir: string): void {
  rmSync(dir, {recursive: true, force: true})
  renameSync(tmp, dir)
}

function isDirectory(path: string): boolean {
  try {
    readdirSync(path)
    return true
  } catch {
    return false
  }
}

/** Writes a whole file under `<path>.partial` and renames it into place: never a half file under the name. */
export function writeFileAtomic(path: string, data: Buffer | string): void {
  const partial = `${path}.partial`
  try {
    writeFileSync(partial, data)
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, {force: true})
    throw outputWriteError(path, error)
  }
}
