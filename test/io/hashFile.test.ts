/** A file's full hash is its content's SHA-256, whether it comes from the head (small files, no worker) or a worker thread. */
import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {contentHash, headHash} from '../../src/io/hashFile.js'
import {tempDir} from '../helpers/tmp.js'

const tmp = tempDir()

describe('contentHash', () => {
  for (const bytes of [0, 1, 23_000, 4 * 2 ** 20, 4 * 2 ** 20 + 1, 9 * 2 ** 20 + 7]) {
    it(`is the SHA-256 of all ${bytes.toLocaleString('en-US')} bytes`, async () => {
      const content = Buffer.alloc(bytes)
      for (let i = 0; i < bytes; i++) content[i] = (i * 7919) % 251
      const file = join(tmp, `f${bytes}`)
      writeFileSync(file, content)
      const expected = createHash('sha256').update(content).digest('hex')
      expect(await contentHash(file, bytes, headHash(file))).toBe(expected)
      // The head alone is the whole content only up to 4 MiB.
      expect(headHash(file) === expected).toBe(bytes <= 4 * 2 ** 20)
    })
  }
})
