/**
 * The inventory CSV hvplan reads (spec §2.3): one row per virtual disk, with its VM's and its
 * host volume's facts repeated on each row. The collection script writes exactly these columns
 * (Export-Csv -NoTypeInformation); the sample generator writes the same.
 */

export const INVENTORY_COLUMNS = [
  'Host', // Hyper-V host (cluster node) that owned the VM at export
  'Cluster', // failover cluster name; empty for a standalone host
  'VMName',
  'VMId', // GUID
  'Generation', // 1 (BIOS) or 2 (UEFI)
  'ProcessorCount',
  'MemoryMB', // startup memory, MB
  'NetworkAdapters',
  'HighlyAvailable', // True/False: clustered role
  'ReplicaBroker', // True/False for a cluster: a Hyper-V Replica Broker role exists; empty for standalone
  'DiskPath', // host path of the VHD/VHDX
  'ControllerType', // IDE or SCSI
  'ControllerNumber',
  'ControllerLocation',
  'DiskRole', // OS or Data (the boot disk is OS)
  'MaxSizeGB', // virtual size, GB = 2^30 bytes
  'FileSizeGB', // current file size on the host volume, GB
  'SharedVHDX', // True/False
  'VirtualFibreChannel', // True/False: the VM has a virtual FC adapter
  'Volume', // host volume holding the disk: D:\ or C:\ClusterStorage\Volume1
  'VolumeCapacityGB',
  'VolumeFreeGB',
] as const

export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number]
export type InventoryRow = Record<InventoryColumn, string>

/** A CSV cell as PowerShell's Export-Csv writes it: always quoted, quotes doubled. */
export function quoteCsvCell(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

export function formatInventory(rows: readonly InventoryRow[]): string {
  const lines = [INVENTORY_COLUMNS.map(quoteCsvCell).join(',')]
  for (const row of rows) lines.push(INVENTORY_COLUMNS.map((c) => quoteCsvCell(row[c])).join(','))
  return lines.join('\r\n') + '\r\n'
}
