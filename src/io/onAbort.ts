/**
 * Work to undo when the process ends before it is done — a temporary file or folder that must not
 * be left behind: run at exit, and on SIGINT (Ctrl+C), SIGTERM or SIGHUP, for which Node emits no
 * 'exit'. After a signal's undo the signal is raised again with no listener of ours left, so the
 * process ends as it would have.
 */
const pending = new Set<() => void>()
let hooked = false

/** Registers `undo`; the returned function takes it back (the work finished or was undone already). */
export function onAbort(undo: () => void): () => void {
  pending.add(undo)
  if (!hooked) {
    hooked = true
    const runAll = () => {
      for (const u of [...pending]) {
        try {
          u()
        } catch {
          // Best effort while the process ends: one undo that fails must not keep the others from running.
        }
      }
      pending.clear()
    }
    process.once('exit', runAll)
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        runAll()
        process.kill(process.pid, signal)
      })
    }
  }
  return () => {
    pending.delete(undo)
  }
}
