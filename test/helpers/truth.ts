import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'

export interface Truth {
  schema: string
  generator: Record<string, unknown>
  startUtc: string
  endUtc: string
  windowSeconds: number
  windowOriginUtc: string
  hosts: Array<{name: string; cluster?: string}>
  vms: Array<{name: string; host: string; disks: number[]; noiseInstances: string[]; generation: number}>
  disks: Array<{index: number; vm: string; role: string; path: string; instance: string; maxSizeGB: number}>
  volumes: Array<{owner: string; path: string; capacityGB: number; freeGB: number}>
  windowColumns: string[]
  windows: number[][]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are a tagged union read from JSON
  events: Array<Record<string, any>>
  files: Array<{path: string; host: string; startUtc: string; endUtc: string; rows: number}>
}

export function readTruth(dir: string): Truth {
  for (const name of ['truth.json.gz', 'truth.json']) {
    try {
      const raw = readFileSync(join(dir, name))
      return JSON.parse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  throw new Error(`no truth file in ${dir}`)
}

export const ms = (iso: string) => Date.parse(iso)
