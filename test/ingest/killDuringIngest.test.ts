/**
 * Issue 16, crash safety kept: `hvplan ingest` of the nine Contoso logs killed with SIGKILL at
 * random moments, three times in a row, leaves a profile that passes SQLite's integrity check,
 * whose every recorded file is complete, and which — once the run is repeated to the end (files
 * already in are skipped) — equals a clean run's profile.
 */
import {spawn} from 'node:child_process'
import {cpSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadProfile} from '../../src/store/loadProfile.js'
import {ProfileStore, withProfile} from '../../src/store/profileStore.js'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const logs = join(tmp, 'logs')
cpSync(join(CONTOSO, 'logs'), logs, {recursive: true})

/** Runs `hvplan ingest` from the sources; killed with SIGKILL after killAfterMs when given. Resolves with the exit code or signal and the run's duration. */
function ingest(profile: string, killAfterMs?: number): Promise<{code: number | null; signal: NodeJS.Signals | null; ms: number}> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bin', 'dev.js'), 'ingest', logs, '-p', profile], {cwd: root, stdio: 'ignore'})
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  return new Promise((resolve) => child.on('exit', (code, signal) => {
    clearTimeout(timer)
    resolve({code, signal, ms: performance.now() - started})
  }))
}

/** Every disk's series (all four measures and coverage) by disk key, and the files recorded. */
function contents(profile: string) {
  return withProfile(profile, (store) => {
    const p = loadProfile(store, {coverageThreshold: 0})
    const series = Object.fromEntries(p.disks.map((d, k) => [d.key, [p.series[k].writeBytes, p.series[k].readBytes, p.series[k].writeOps, p.series[k].readOps, p.series[k].coveredSeconds].map((a) => Array.from(a, (v) => (Number.isNaN(v) ? null : v)))]))
    return {series, files: store.files().map((f) => f.sha256).sort()}
  })
}

describe('ingest killed with SIGKILL', () => {
  it('leaves an intact profile, each recorded file whole, and a finished re-run equals a clean run', async () => {
    const clean = join(tmp, 'clean.sqlite')
    const first = await ingest(clean)
    expect(first.code).toBe(0)
    const reference = contents(clean)
    expect(reference.files).toHaveLength(9)
    const killed = join(tmp, 'killed.sqlite')
    // Kill moments spread over the part of the run that ingests (after start-up).
    const kills = [0.45, 0.7, 0.9].map((share) => share * first.ms * (0.8 + 0.4 * Math.random()))
    let interrupted = 0
    for (const at of kills) {
      const run = await ingest(killed, at)
      if (run.signal === 'SIGKILL') interrupted++
      const store = ProfileStore.open(killed, {create: true, windowSeconds: 300})
      try {
        expect((store.db.prepare('PRAGMA integrity_check').get() as {integrity_check: string}).integrity_check).toBe('ok')
      } finally {
        store.close()
      }
      // Every file the profile records is whole: its coverage and data are those of the clean run
      // for the same file (checked on the whole profile below; here: no file is half-recorded).
      const now = contents(killed)
      for (const sha of now.files) expect(reference.files).toContain(sha)
      if (process.env.HVPLAN_DEBUG) console.log(`killed at ${at.toFixed(0)} ms (${run.signal ?? run.code}): ${now.files.length} files recorded`)
    }
    expect(interrupted).toBeGreaterThan(0)
    // Finished to the end, the profile is the clean run's.
    const last = await ingest(killed)
    expect(last.code).toBe(0)
    expect(contents(killed)).toEqual(reference)
    rmSync(killed, {force: true})
  }, 180_000)
})
