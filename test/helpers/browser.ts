/**
 * A real headless browser for the page tests: Debian's chromium (or HVPLAN_CHROMIUM), driven by
 * playwright-core — no browser is downloaded. `.ci/run` installs the chromium package when missing.
 */
import {existsSync} from 'node:fs'
import {type Browser, chromium} from 'playwright-core'

export function chromiumPath(): string {
  const candidates = [process.env.HVPLAN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p))
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`no Chromium found (looked at ${candidates.join(', ')}): apt-get install chromium, or set HVPLAN_CHROMIUM`)
  return found
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu']})
}
