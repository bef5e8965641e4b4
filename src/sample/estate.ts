/**
 * The synthetic estate behind `hvplan sample`: hosts, clusters, volumes, VMs and disks with their
 * roles. The first twelve VMs are a fixed, named cast (the Contoso sample); larger estates add
 * VMs of random roles on further hosts. Everything is derived from the seed.
 */
import {Random} from './random.js'

export type VmRole = 'sql' | 'file' | 'app' | 'web' | 'dc' | 'rds' | 'build' | 'idle'
export type DiskRole = 'os' | 'sql-data' | 'sql-log' | 'file' | 'app' | 'pagefile' | 'temp' | 'idle'

export interface SampleVolume {
  readonly index: number
  /** Host name for a local volume, cluster name for a cluster shared volume. */
  readonly owner: string
  /** Windows path of the volume root, e.g. `D:\` or `C:\ClusterStorage\Volume1`. */
  readonly path: string
  readonly capacityGB: number
  readonly freeGB: number
  readonly clusterShared: boolean
}

export interface SampleHost {
  readonly index: number
  readonly name: string
  readonly cluster: string | undefined
  /** Offset of the collector's first sample after local midnight, ms. */
  readonly clockOffsetMs: number
}

export interface SampleCluster {
  readonly name: string
  readonly nodes: readonly number[]
  readonly replicaBroker: boolean
}

export interface SampleDisk {
  readonly index: number
  readonly vm: number
  readonly role: DiskRole
  /** Host path of the VHDX file. */
  readonly path: string
  /** Performance-counter instance name of the path (see instanceName). */
  readonly instance: string
  readonly volume: number
  readonly controllerType: 'IDE' | 'SCSI'
  readonly controllerNumber: number
  readonly controllerLocation: number
  readonly maxSizeGB: number
  readonly fileSizeGB: number
}

export interface SampleVm {
  readonly index: number
  readonly name: string
  readonly id: string
  readonly role: VmRole
  readonly generation: 1 | 2
  readonly vcpus: number
  readonly memoryMB: number
  readonly nics: number
  readonly highlyAvailable: boolean
  /** Host the VM runs on when collection starts. */
  readonly host: number
  readonly disks: readonly number[]
  /** Noise instances that VSD also reports for this VM (guest state file, mounted ISO). */
  readonly noiseInstances: readonly string[]
}

export interface SampleEstate {
  readonly hosts: readonly SampleHost[]
  readonly clusters: readonly SampleCluster[]
  readonly volumes: readonly SampleVolume[]
  readonly vms: readonly SampleVm[]
  readonly disks: readonly SampleDisk[]
}

/**
 * VSD instance name of a disk path: every `\` becomes `-`, so `\\?\C:\x.vmgs` becomes
 * `--?-C:-x.vmgs` (spec §2.2). Not reversible: folder names contain `-` too.
 */
export function instanceName(path: string): string {
  return path.replaceAll('\\', '-')
}

interface CastMember {
  name: string
  role: VmRole
  generation: 1 | 2
  host: number
  /** Volume index on the host (0 or 1) for the OS disk and for data disks. */
  osVolume: number
  dataVolume: number
  vcpus: number
  memoryMB: number
  nics: number
  highlyAvailable?: boolean
  /** Folder name override (to get commas, spaces, `-` into paths). */
  folder?: string
  /** Per-disk [role, size GB, file name] overrides. */
  disks?: Array<[DiskRole, number, string?]>
  iso?: boolean
}

/** The named cast: hosts 0–1 form cluster CL01 on CSVs, hosts 2–3 are standalone. */
const CAST: CastMember[] = [
  {name: 'SQL01', role: 'sql', generation: 2, host: 0, osVolume: 0, dataVolume: 0, vcpus: 8, memoryMB: 65536, nics: 2},
  {name: 'APP01', role: 'app', generation: 2, host: 0, osVolume: 0, dataVolume: 0, vcpus: 4, memoryMB: 16384, nics: 1},
  {name: 'DC01', role: 'dc', generation: 1, host: 0, osVolume: 1, dataVolume: 1, vcpus: 2, memoryMB: 4096, nics: 1, highlyAvailable: false},
  {name: 'WEB01', role: 'web', generation: 2, host: 1, osVolume: 1, dataVolume: 1, vcpus: 4, memoryMB: 8192, nics: 1},
  {name: 'RDS01', role: 'rds', generation: 2, host: 1, osVolume: 1, dataVolume: 1, vcpus: 8, memoryMB: 32768, nics: 1,
    disks: [['os', 320], ['pagefile', 64, 'RDS01-pagefile.vhdx']]},
  {name: 'SQL02', role: 'sql', generation: 1, host: 2, osVolume: 0, dataVolume: 1, vcpus: 4, memoryMB: 32768, nics: 1},
  {name: 'FS01', role: 'file', generation: 1, host: 2, osVolume: 0, dataVolume: 0, vcpus: 2, memoryMB: 8192, nics: 1,
    disks: [['os', 60], ['file', 2048, 'FS01-data (1).vhdx'], ['file', 5120, 'FS01-archive.vhdx']]},
  {name: 'WEB02', role: 'web', generation: 2, host: 2, osVolume: 0, dataVolume: 0, vcpus: 2, memoryMB: 4096, nics: 1, iso: true},
  {name: 'APP02', role: 'app', generation: 1, host: 3, osVolume: 1, dataVolume: 1, vcpus: 4, memoryMB: 16384, nics: 2,
    folder: 'APP02, legacy', disks: [['os', 127, 'APP02 disk 0.vhdx'], ['app', 800, 'APP02 disk 1.vhdx']]},
  {name: 'BUILD01', role: 'build', generation: 2, host: 3, osVolume: 0, dataVolume: 0, vcpus: 8, memoryMB: 16384, nics: 1},
  {name: 'IDLE01', role: 'idle', generation: 1, host: 3, osVolume: 0, dataVolume: 0, vcpus: 1, memoryMB: 2048, nics: 1},
  {name: 'DC02', role: 'dc', generation: 2, host: 3, osVolume: 0, dataVolume: 0, vcpus: 2, memoryMB: 4096, nics: 1},
]

/** Default disks per VM role: [role, max size GB, file-name suffix]. */
const ROLE_DISKS: Record<VmRole, Array<[DiskRole, number, string]>> = {
  sql: [['os', 127, ''], ['sql-data', 1024, '_data'], ['sql-log', 256, '_log']],
  file: [['os', 127, ''], ['file', 2048, '_data']],
  app: [['os', 127, ''], ['app', 512, '_data']],
  web: [['os', 127, '']],
  dc: [['os', 80, '']],
  rds: [['os', 127, ''], ['pagefile', 64, '_pagefile']],
  build: [['os', 127, ''], ['temp', 256, '_temp']],
  idle: [['idle', 60, '']],
}

const RANDOM_ROLES: readonly VmRole[] = ['sql', 'file', 'app', 'app', 'web', 'web', 'web', 'dc', 'rds', 'build', 'idle']

export interface EstateOptions {
  readonly seed: number
  readonly vms: number
  /** Hosts; default max(4, ceil(vms / 12)). */
  readonly hosts?: number
}

/** Builds the estate. Hosts 0–1 are cluster CL01; further host pairs alternate cluster / standalone. */
export function buildEstate(options: EstateOptions): SampleEstate {
  const rng = new Random(options.seed, 'estate')
  const hostCount = Math.max(4, options.hosts ?? Math.ceil(options.vms / 12))
  const hosts: SampleHost[] = []
  const clusters: SampleCluster[] = []
  const volumes: SampleVolume[] = []
  /** Per host: the indices of the two volumes its VMs use. */
  const hostVolumes: number[][] = []

  const addVolume = (owner: string, path: string, capacityGB: number, freeGB: number, clusterShared: boolean) => {
    volumes.push({index: volumes.length, owner, path, capacityGB, freeGB, clusterShared})
    return volumes.length - 1
  }

  for (let i = 0; i < hostCount; i += 2) {
    const pair = i / 2
    const clustered = pair % 2 === 0 && i + 1 < hostCount
    const clusterName = clustered ? `CL${String(pair / 2 + 1).padStart(2, '0')}` : undefined
    const nodes = clustered ? [i, i + 1] : [i]
    if (!clustered && i + 1 < hostCount) nodes.push(i + 1)
    for (const n of nodes) {
      const name = clustered ? `HV-${clusterName}-N${n - i + 1}` : `HV${String(n + 1).padStart(2, '0')}`
      hosts.push({index: n, name, cluster: clusterName, clockOffsetMs: rng.int(0, 2999)})
    }
    if (clustered && clusterName) {
      clusters.push({name: clusterName, nodes, replicaBroker: true})
      const v1 = addVolume(clusterName, 'C:\\ClusterStorage\\Volume1', 4096, 1800 + rng.int(0, 400), true)
      const v2 = addVolume(clusterName, 'C:\\ClusterStorage\\Volume2', 4096, 2000 + rng.int(0, 400), true)
      for (let n = 0; n < nodes.length; n++) hostVolumes.push([v1, v2])
    } else {
      for (const n of nodes) {
        // The second standalone host of the first pair (HV04) is the one short of free space.
        const short = n === 3
        const d = addVolume(hosts[n].name, 'D:\\', short ? 1024 : 2048, short ? 380 : 900 + rng.int(0, 300), false)
        const e = addVolume(hosts[n].name, 'E:\\', short ? 2048 : 4096, short ? 95 : 1500 + rng.int(0, 500), false)
        hostVolumes.push([d, e])
      }
    }
  }

  const vms: SampleVm[] = []
  const disks: SampleDisk[] = []
  for (let v = 0; v < options.vms; v++) {
    const cast: CastMember = v < CAST.length ? CAST[v] : randomMember(rng, v, hostCount)
    const host = cast.host % hostCount
    const vmId = rng.guid()
    const folderName = cast.folder ?? cast.name
    const vmDisks: number[] = []
    const roleDisks = cast.disks ?? ROLE_DISKS[cast.role].map(([r, size, suffix]) => [r, size, `${cast.name}${suffix}.vhdx`] as [DiskRole, number, string])
    roleDisks.forEach(([role, maxSizeGB, fileName], k) => {
      const volume = hostVolumes[host][k === 0 ? cast.osVolume : cast.dataVolume]
      const path = `${volumePrefix(volumes[volume])}\\${folderName}\\Virtual Hard Disks\\${fileName ?? (k === 0 ? `${cast.name}.vhdx` : `${cast.name}_${k}.vhdx`)}`
      const ide = cast.generation === 1 && k === 0
      disks.push({
        index: disks.length,
        vm: v,
        role,
        path,
        instance: instanceName(path),
        volume,
        controllerType: ide ? 'IDE' : 'SCSI',
        controllerNumber: 0,
        controllerLocation: ide ? 0 : cast.generation === 1 ? k - 1 : k,
        maxSizeGB,
        fileSizeGB: Math.round(maxSizeGB * rng.uniform(0.25, 0.85)),
      })
      vmDisks.push(disks.length - 1)
    })
    const noise: string[] = []
    const osVolume = volumes[hostVolumes[host][cast.osVolume]]
    if (cast.generation === 2) noise.push(instanceName(`\\\\?\\${volumePrefix(osVolume)}\\${folderName}\\Virtual Machines\\${vmId.toUpperCase()}.vmgs`))
    if (cast.iso) noise.push(instanceName(`${volumePrefix(osVolume)}\\ISO\\en-us_windows_server_2022_x64.iso`))
    vms.push({
      index: v,
      name: cast.name,
      id: vmId,
      role: cast.role,
      generation: cast.generation,
      vcpus: cast.vcpus,
      memoryMB: cast.memoryMB,
      nics: cast.nics,
      highlyAvailable: cast.highlyAvailable ?? hosts[host].cluster !== undefined,
      host,
      disks: vmDisks,
      noiseInstances: noise,
    })
  }
  return {hosts, clusters, volumes, vms, disks}
}

/** `C:\ClusterStorage\Volume1\VMs` for a CSV, `D:\Hyper-V` for a local volume. */
function volumePrefix(volume: SampleVolume): string {
  return volume.clusterShared ? `${volume.path}\\VMs` : `${volume.path.replace(/\\$/, '')}\\Hyper-V`
}

function randomMember(rng: Random, v: number, hostCount: number): CastMember {
  const role = rng.pick(RANDOM_ROLES)
  const generation = rng.next() < 0.6 ? 2 : 1
  // VMs past the cast spread over the hosts after the first four (or over all when there are four).
  const host = hostCount > 4 ? 4 + ((v - CAST.length) % (hostCount - 4)) : v % hostCount
  const vcpus = rng.pick([1, 2, 2, 4, 4, 8, 16])
  return {
    name: `VM${String(v + 1).padStart(4, '0')}`,
    role,
    generation,
    host,
    osVolume: 0,
    dataVolume: rng.int(0, 1),
    vcpus,
    memoryMB: vcpus * rng.pick([2048, 4096, 8192]),
    nics: rng.next() < 0.8 ? 1 : 2,
  }
}
