/**
 * Issue 16, outputs on a full disk: no half-written file under the final name, an earlier file
 * there unchanged, and a message that says so. The disk is made full for real: the writer's
 * `<name>.partial` is a link to /dev/full (every write fails with ENOSPC), and where the test can
 * mount one (root on Linux), `plan` writes into a 64 KiB tmpfs.
 */
import {runCommand} from '@oclif/test'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()
const said = (r: {stdout: string; stderr: string; error?: Error}) => `${r.stderr} ${r.error?.message ?? ''}`.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')
let profile: string

beforeAll(async () => {
  const out = join(tmp, 'plan')
  const {error} = await runCommand(['plan', CONTOSO, '--out', out], {root})
  expect(error).toBeUndefined()
  profile = join(out, 'profile.sqlite')
})

/** Whether this process may mount a tmpfs (root on Linux, with the capability). */
function canMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

describe('an output on a full disk', () => {
  for (const kind of ['json', 'html', 'xlsx', 'pdf'] as const) {
    it(`report --${kind}: exit 1, "the disk is full", nothing under the name, an earlier file unchanged`, async () => {
      const dir = join(tmp, `full-${kind}`)
      mkdirSync(dir)
      const file = join(dir, `report.${kind}`)
      symlinkSync('/dev/full', `${file}.partial`)
      const fresh = await runCommand(['report', '-p', profile, `--${kind}`, file], {root})
      expect(fresh.error?.oclif?.exit).toBe(1)
      expect(said(fresh)).toContain(`could not write ${file}: the disk is full (ENOSPC); nothing was left under that name`)
      expect(existsSync(file)).toBe(false)
      expect(readdirSync(dir)).toEqual([]) // the partial file (here the link) is gone too
      // With --force over an earlier file: it stays as it was.
      writeFileSync(file, 'the earlier report')
      symlinkSync('/dev/full', `${file}.partial`)
      const forced = await runCommand(['report', '-p', profile, `--${kind}`, file, '--force'], {root})
      expect(forced.error?.oclif?.exit).toBe(1)
      expect(readFileSync(file, 'utf8')).toBe('the earlier report')
      expect(readdirSync(dir)).toEqual([`report.${kind}`])
    })
  }

  const mountPoint = join(tmp, 'tmpfs')
  mkdirSync(mountPoint)
  const mounted = process.platform === 'linux' && canMount(mountPoint)
  it.skipIf(!mounted)('plan into a 64 KiB tmpfs: exit 1, the disk is full, no output folder left', async () => {
    try {
      const out = join(mountPoint, 'out')
      const r = await runCommand(['plan', CONTOSO, '--out', out], {root})
      expect(r.error?.oclif?.exit).toBe(1)
      expect(said(r)).toMatch(/could not write \S+: the disk is full \((ENOSPC|SQLITE_FULL)\)/)
      expect(readdirSync(mountPoint)).toEqual([])
    } finally {
      execFileSync('umount', [mountPoint])
    }
  })
})
