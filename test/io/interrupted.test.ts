/**
 * A run stopped by Ctrl+C (SIGINT) or SIGTERM ends at once, by the signal (a signal listener would
 * wait for the current synchronous phase), and what it left is removed by the next run: `hvplan
 * plan` builds its output in `<out>.partial-<pid>`; the next plan to that output removes the
 * stopped run's folder and writes the output, leaving no partial folder.
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()

function plan(out: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bin', 'dev.js'), 'plan', CONTOSO, '--out', out], {cwd: root, stdio: 'ignore'})
  const ended = new Promise<{code: number | null; signal: string | null}>((resolve) => child.on('exit', (code, sig) => resolve({code, signal: sig})))
  return {child, ended}
}

describe.skipIf(process.platform === 'win32')('hvplan plan stopped while it runs', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`by ${signal}: it ends by the signal; the next plan to that output removes the partial folder it left`, async () => {
      const out = join(tmp, `out-${signal}`)
      const stopped = plan(out)
      // Stop it once the partial folder holds the profile being written.
      const partial = join(tmp, `out-${signal}.partial-${stopped.child.pid}`)
      for (let waited = 0; !existsSync(join(partial, 'profile.sqlite')); waited += 20) {
        if (waited > 60_000) throw new Error('the run never started writing its profile')
        await new Promise((r) => setTimeout(r, 20))
      }
      stopped.child.kill(signal)
      expect(await stopped.ended).toEqual({code: null, signal})
      expect(readdirSync(tmp).filter((f) => f.startsWith(`out-${signal}`))).toEqual([`out-${signal}.partial-${stopped.child.pid}`])
      const again = plan(out)
      expect(await again.ended).toEqual({code: 0, signal: null})
      expect(readdirSync(tmp).filter((f) => f.startsWith(`out-${signal}`))).toEqual([`out-${signal}`])
      expect(readdirSync(out)).toContain('report.json')
    })
  }
})
