/** The Azure VM size catalog: data/vmSizes.json, or a user file of the same shape (--vm-sizes). */
import {readFileSync} from 'node:fs'
import type {VmSizeSpec} from '../models/vmSize.js'
import {dataFile} from './dataFile.js'
import {HvplanError} from './errors.js'

export interface VmCatalog {
  readonly source: string
  readonly sizes: readonly VmSizeSpec[]
}

export function loadVmCatalog(file?: string): VmCatalog {
  const path = file ?? dataFile('vmSizes.json')
  let data: {source?: string; date?: string; sizes?: VmSizeSpec[]}
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new HvplanError('E_INPUT_FORMAT', `VM size catalog is not readable JSON (${(error as Error).message})`, {file: String(file ?? path)})
  }
  const sizes = data.sizes ?? []
  sizes.forEach((s, i) => {
    for (const k of ['vcpus', 'memoryGiB', 'maxDataDisks', 'maxNics', 'maxUncachedIops'] as const) {
      if (typeof s[k] !== 'number' && !(k === 'maxUncachedIops' && s[k] === null)) throw new HvplanError('E_INPUT_FORMAT', `size ${i + 1} (${s.name ?? '?'}): ${k} must be a number${k === 'maxUncachedIops' ? ' (or null: not published)' : ''}, got ${JSON.stringify(s[k])}`, {file: String(file ?? path)})
    }
  })
  return {source: file ? `${file}` : `built-in: ${data.source} (${data.date})`, sizes}
}
