import {runCommand} from '@oclif/test'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {COLLECT_SCRIPTS} from '../../src/collect/scripts.js'
import {INVENTORY_COLUMNS} from '../../src/inventoryFormat.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')

describe('hvplan collect', () => {
  const tmp = tempDir()

  it('writes the three scripts as UTF-8 with BOM and CRLF, equal to the copies in samples/scripts', async () => {
    const out = join(tmp, 'scripts')
    const {error} = await runCommand(['collect', '--out', out], {root})
    expect(error).toBeUndefined()
    for (const name of Object.keys(COLLECT_SCRIPTS)) {
      const bytes = readFileSync(join(out, name))
      expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf])
      expect(bytes.toString('utf8')).not.toMatch(/[^\r]\n/)
      expect(bytes.equals(readFileSync(join(root, 'samples', 'scripts', name))), `${name} differs from samples/scripts: run hvplan collect --out samples/scripts --force`).toBe(true)
    }
  })

  it('exports the inventory in exactly the columns ingest reads, in order', () => {
    const script = COLLECT_SCRIPTS['Export-HvplanInventory.ps1']()
    const body = script.slice(script.indexOf('[pscustomobject][ordered]@{'), script.indexOf('$first = $false'))
    const keys = [...body.matchAll(/^\s{16}(\w+) = /gm)].map((m) => m[1])
    expect(keys).toEqual([...INVENTORY_COLUMNS])
  })

  it('collects the four VSD counters every 15 s into daily binary logs', () => {
    const script = COLLECT_SCRIPTS['Start-HvplanCollector.ps1']()
    for (const counter of ['Write Bytes/sec', 'Read Bytes/sec', 'Write Operations/Sec', 'Read Operations/Sec']) expect(script).toContain(`'${counter}'`)
    expect(script).toContain('[int]$SampleSeconds = 15')
    expect(script).toMatch(/-f bin .*-cnf 24:00:00/)
  })
})
