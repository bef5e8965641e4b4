/**
 * Reads the inventory CSV (docs/formats.md) into disks keyed the way counter instances are named,
 * so an instance maps to its disk, VM, host and volume exactly, case-insensitively.
 */
import {readFileSync, statSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'
import {parse} from 'csv-parse/sync'
import {HvplanError} from '../errors.js'
import {INVENTORY_COLUMNS} from '../inventoryFormat.js'
import {DEFAULT_INPUT_LIMITS, type InputLimits, inventoryTooLarge, lineTooLong} from './inputLimits.js'
import {diskKey} from './mapping.js'

export interface InventoryDisk {
  readonly key: string
  readonly host: string
  readonly cluster: string
  readonly vm: string
  readonly vmId: string
  readonly generation: number | undefined
  readonly vcpus: number | undefined
  readonly memoryMB: number | undefined
  readonly nics: number | undefined
  readonly highlyAvailable: boolean | undefined
  readonly replicaBroker: boolean | undefined
  readonly path: string
  readonly controllerType: string
  readonly diskRole: string
  readonly maxSizeGB: number | undefined
  readonly fileSizeGB: number | undefined
  readonly sharedVhdx: boolean | undefined
  readonly virtualFibreChannel: boolean | undefined
  readonly volume: string
  readonly volumeCapacityGB: number | undefined
  readonly volumeFreeGB: number | undefined
}

export interface Inventory {
  readonly file: string
  readonly disks: ReadonlyMap<string, InventoryDisk>
  /** Rows left out or in doubt, each located: "inventory.csv:7:3: VMName is empty: the row is left out". */
  readonly findings: readonly string[]
}

export function readInventory(file: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Inventory {
  // Read whole: refused first when larger than any inventory (a hostile or wrong file); a .gz
  // (as the logs beside it may be) is expanded up to the same size.
  const bytes = statSync(file).size
  if (bytes > limits.inventoryBytes) throw inventoryTooLarge(file, bytes, limits)
  let raw = readFileSync(file)
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, {maxOutputLength: limits.inventoryBytes})
    } catch (error) {
      if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') throw inventoryTooLarge(file, undefined, limits)
      throw new HvplanError('E_INPUT_FORMAT', `inventory is a gzip file that cannot be expanded (${(error as Error).message})`, {file})
    }
  }
  const text = raw[0] === 0xff && raw[1] === 0xfe ? raw.subarray(2).toString('utf16le') : raw.toString('utf8').replace(/^\uFEFF/, '')
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0)
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  let records: string[][]
  try {
    records = parse(text, {delimiter, skip_empty_lines: true, relax_column_count: true, comment: '#', max_record_size: limits.lineBytes})
  } catch (error) {
    const e = error as Error & {code?: string; lines?: number}
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw lineTooLong(file, e.lines ?? 1, e.lines === 1, limits)
    throw new HvplanError('E_INPUT_FORMAT', `inventory is not a readable CSV (${e.message})`, {file, line: e.lines})
  }
  const header = (records[0] ?? []).map((h) => h.trim())
  const col = new Map(header.map((h, i) => [h.toLowerCase(), i]))
  for (const required of ['VMName', 'DiskPath']) {
    if (!col.has(required.toLowerCase())) {
      throw new HvplanError('E_INPUT_FORMAT', `inventory header lacks the ${required} column: expected ${INVENTORY_COLUMNS.join(', ')}`, {file, line: 1})
    }
  }
  const disks = new Map<string, InventoryDisk>()
  const findings: string[] = []
  const at = (line: number, name: string) => `${file}:${line}:${(col.get(name.toLowerCase()) ?? 0) + 1}`
  const lineOfKey = new Map<string, number>()
  const hostsOfVm = new Map<string, Map<string, {name: string; line: number}>>() // VM → host (lower case) → as written, first line
  records.slice(1).forEach((r, i) => {
    const line = i + 2
    const get = (name: string) => (r[col.get(name.toLowerCase()) ?? -1] ?? '').trim()
    const num = (name: string) => {
      const t = get(name).replace(',', '.')
      if (t === '') return undefined
      const v = Number(t)
      if (!Number.isFinite(v)) throw new HvplanError('E_INPUT_FORMAT', `${name} must be a number, got ${JSON.stringify(get(name))}`, {file, line, column: (col.get(name.toLowerCase()) ?? 0) + 1})
      return v
    }
    const bool = (name: string) => {
      const t = get(name).toLowerCase()
      return t === 'true' ? true : t === 'false' ? false : undefined
    }
    const path = get('DiskPath')
    // A row without its disk or its VM cannot be placed: left out, and said where.
    if (path === '') {
      findings.push(`${at(line, 'DiskPath')}: DiskPath is empty (expected the host path of a VHD/VHDX): the row is left out`)
      return
    }
    if (get('VMName') === '') {
      findings.push(`${at(line, 'VMName')}: VMName is empty (expected the VM the disk belongs to): the row is left out`)
      return
    }
    const key = diskKey(path.replaceAll('\\', '-'))
    const earlier = lineOfKey.get(key)
    if (earlier !== undefined) {
      findings.push(`${at(line, 'DiskPath')}: the disk ${path} is listed again (first at line ${earlier}): the first row is used`)
      return
    }
    lineOfKey.set(key, line)
    const vmKey = get('VMName').toLowerCase()
    const hosts = hostsOfVm.get(vmKey) ?? new Map<string, {name: string; line: number}>()
    hostsOfVm.set(vmKey, hosts)
    const host = get('Host')
    if (host !== '' && !hosts.has(host.toLowerCase())) {
      const other = [...hosts.values()][0]
      if (other) findings.push(`${at(line, 'Host')}: the VM ${get('VMName')} is on ${host} here and on ${other.name} at line ${other.line}: one VM runs on one host at a time — exports taken at different times, or two VMs with one name (each disk is planned with the row that lists it)`)
      hosts.set(host.toLowerCase(), {name: host, line})
    }
    const disk: InventoryDisk = {
      key,
      host: get('Host'),
      cluster: get('Cluster'),
      vm: get('VMName'),
      vmId: get('VMId'),
      generation: num('Generation'),
      vcpus: num('ProcessorCount'),
      memoryMB: num('MemoryMB'),
      nics: num('NetworkAdapters'),
      highlyAvailable: bool('HighlyAvailable'),
      replicaBroker: bool('ReplicaBroker'),
      path,
      controllerType: get('ControllerType'),
      diskRole: get('DiskRole'),
      maxSizeGB: num('MaxSizeGB'),
      fileSizeGB: num('FileSizeGB'),
      sharedVhdx: bool('SharedVHDX'),
      virtualFibreChannel: bool('VirtualFibreChannel'),
      volume: get('Volume'),
      volumeCapacityGB: num('VolumeCapacityGB'),
      volumeFreeGB: num('VolumeFreeGB'),
    }
    disks.set(disk.key, disk)
  })
  return {file, disks, findings}
}
