/**
 * Which disk a counter instance belongs to. Instances are disk paths with `\` → `-`, which cannot
 * be decoded (folders contain `-`), so the inventory decides; a checkpoint's `<disk>_<GUID>.avhdx`
 * belongs to its base disk; `.vmgs` and `.iso` are noise. Without an inventory entry the VM and
 * volume are guessed from the path, and each guess is reported.
 */
import type {Inventory, InventoryDisk} from './inventory.js'

const CHECKPOINT_SUFFIX = /_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.avhdx?$/i

/**
 * The identity of a disk across files, hosts and checkpoints: the lower-cased instance name
 * without the extension and without a checkpoint's `_<GUID>` suffix.
 */
export function diskKey(instance: string): string {
  return instance.replace(/^--\?-/, '').replace(CHECKPOINT_SUFFIX, '').replace(/\.(a?vhdx?)$/i, '').toLowerCase()
}

export type InstanceKind = 'disk' | 'checkpoint' | 'noise' | 'excluded'

export function instanceKind(instance: string, excludes: readonly RegExp[]): InstanceKind {
  if (/\.(vmgs|iso)$/i.test(instance)) return 'noise'
  if (excludes.some((re) => re.test(instance))) return 'excluded'
  return /\.avhdx?$/i.test(instance) ? 'checkpoint' : 'disk'
}

/** `*pagefile*` → a case-insensitive RegExp over the whole instance name. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')
  return new RegExp(`^${body}$`, 'i')
}

export interface ResolvedDisk {
  readonly key: string
  readonly vm: string
  readonly volume: string
  readonly instance: string
  readonly mappedBy: 'inventory' | 'heuristic'
  readonly inventory: InventoryDisk | undefined
}

export function resolveDisk(instance: string, inventory: Inventory | undefined): ResolvedDisk {
  const key = diskKey(instance)
  const known = inventory?.disks.get(key)
  if (known) return {key, vm: known.vm, volume: known.volume, instance, mappedBy: 'inventory', inventory: known}
  return {key, vm: guessVm(instance), volume: guessVolume(instance), instance, mappedBy: 'heuristic', inventory: undefined}
}

/** The folder before `Virtual Hard Disks`, else the file stem without `_disk_N`-style suffixes. */
export function guessVm(instance: string): string {
  const base = instance.replace(CHECKPOINT_SUFFIX, '').replace(/\.(a?vhdx?)$/i, '')
  const marker = base.toLowerCase().lastIndexOf('-virtual hard disks-')
  if (marker > 0) {
    const before = base.slice(0, marker)
    const folder = before.slice(before.lastIndexOf('-') + 1)
    if (folder !== '' && !/^[a-z]:$/i.test(folder)) return folder
  }
  const stem = base.slice(base.lastIndexOf('-') + 1)
  return stem.replace(/(_disk_?\d+|_\d+|_data|_log|_os)$/i, '') || base
}

/** `D:` → `D:\`, `C:-ClusterStorage-Volume1-…` → `C:\ClusterStorage\Volume1`. */
export function guessVolume(instance: string): string {
  const path = instance.replace(/^--\?-/, '')
  const csv = /^([a-z]):-ClusterStorage-([^-]+)/i.exec(path)
  if (csv) return `${csv[1].toUpperCase()}:\\ClusterStorage\\${csv[2]}`
  const drive = /^([a-z]):/i.exec(path)
  return drive ? `${drive[1].toUpperCase()}:\\` : '(unknown)'
}
