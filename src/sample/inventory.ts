/** The sample estate's inventory rows (one per disk), as the collection script would export them. */
import type {InventoryRow} from '../inventoryFormat.js'
import type {SampleEstate} from './estate.js'

const bool = (b: boolean) => (b ? 'True' : 'False')

export function sampleInventoryRows(estate: SampleEstate): InventoryRow[] {
  const rows: InventoryRow[] = []
  for (const vm of estate.vms) {
    const host = estate.hosts[vm.host]
    const cluster = estate.clusters.find((c) => c.name === host.cluster)
    vm.disks.forEach((d, k) => {
      const disk = estate.disks[d]
      const volume = estate.volumes[disk.volume]
      rows.push({
        Host: host.name,
        Cluster: host.cluster ?? '',
        VMName: vm.name,
        VMId: vm.id,
        Generation: String(vm.generation),
        ProcessorCount: String(vm.vcpus),
        MemoryMB: String(vm.memoryMB),
        NetworkAdapters: String(vm.nics),
        HighlyAvailable: bool(vm.highlyAvailable),
        ReplicaBroker: cluster ? bool(cluster.replicaBroker) : '',
        DiskPath: disk.path,
        ControllerType: disk.controllerType,
        ControllerNumber: String(disk.controllerNumber),
        ControllerLocation: String(disk.controllerLocation),
        DiskRole: k === 0 ? 'OS' : 'Data',
        MaxSizeGB: String(disk.maxSizeGB),
        FileSizeGB: String(disk.fileSizeGB),
        SharedVHDX: 'False',
        VirtualFibreChannel: 'False',
        Volume: volume.path,
        VolumeCapacityGB: String(volume.capacityGB),
        VolumeFreeGB: String(volume.freeGB),
      })
    })
  }
  return rows
}
