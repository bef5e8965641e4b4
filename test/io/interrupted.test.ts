/**
 * A run stopped by Ctrl+C (SIGINT) or SIGTERM leaves nothing half-written behind: `hvplan plan`
 * builds its output in `<out>.partial-<pid>` and renames it at the end; stopped before, that
 * folder is removed, no output folder appears, and the process ends by the signal.
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()

describe.skipIf(process.platform === 'win32')('hvplan plan stopped while it runs', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`by ${signal}: the partial output folder is removed and no output appears`, async () => {
      const out = join(tmp, `out-${signal}`)
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bin', 'dev.js'), 'plan', CONTOSO, '--out', out], {cwd: root, stdio: 'ignore'})
      const ended = new Promise<{code: number | null; signal: string | null}>((resolve) => child.on('exit', (code, sig) => resolve({code, signal: sig})))
      // Stop it once the partial folder holds the profile being written.
      const partial = join(tmp, `out-${signal}.partial-${child.pid}`)
      for (let waited = 0; !existsSync(join(partial, 'profile.sqlite')); waited += 20) {
        if (waited > 60_000) throw new Error('the run never started writing its profile')
        await new Promise((r) => setTimeout(r, 20))
      }
      child.kill(signal)
      expect(await ended).toEqual({code: null, signal})
      expect(readdirSync(tmp).filter((f) => f.startsWith(`out-${signal}`))).toEqual([])
    })
  }
})
