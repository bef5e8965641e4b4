/**
 * Temporary files and folders that must not be left behind. A run that ends before its work is
 * done (an error, process.exit) undoes it at exit. A run stopped by a signal (Ctrl+C, a kill) ends
 * at once: a signal listener would wait for the current synchronous phase to finish (Ctrl+C took
 * 5.5 s to act during a 1,000-VM plan's document, minutes at 10,000 VMs). What it leaves carries
 * its process id in its name, and the next run removes the entries of processes no longer running.
 */
import {readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'

const pending = new Set<() => void>()
let hooked = false

/** Registers `undo` for exit; the returned function takes it back (the work finished or was undone already). */
export function onAbort(undo: () => void): () => void {
  pending.add(undo)
  if (!hooked) {
    hooked = true
    process.once('exit', () => {
      for (const u of [...pending]) {
        try {
          u()
        } catch {
          // Best effort while the process ends: one undo that fails must not keep the others from running.
        }
      }
      pending.clear()
    })
  }
  return () => {
    pending.delete(undo)
  }
}

/**
 * Removes the entries of `dir` that a stopped run left: those named `${prefix}${pid}` or
 * `${prefix}${pid}-…` for a process that is no longer running.
 */
export function removeLeftovers(dir: string, prefix: string): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return // the folder is not there (yet): nothing was left in it
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)(-|$)/.exec(name.slice(prefix.length))?.[1])
    if (!Number.isInteger(pid) || pid === process.pid || running(pid)) continue
    rmSync(join(dir, name), {recursive: true, force: true})
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as {code?: string}).code === 'EPERM'
  }
}
