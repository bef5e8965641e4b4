<#
.SYNOPSIS
  Exports the VM inventory hvplan reads: one row per virtual disk with its VM, host and volume.
.DESCRIPTION
  Run on a Hyper-V host (as Administrator); on a cluster node, -Cluster exports every node's VMs.
  Columns: Host, Cluster, VMName, VMId, Generation, ProcessorCount, MemoryMB, NetworkAdapters, HighlyAvailable, ReplicaBroker, DiskPath, ControllerType, ControllerNumber, ControllerLocation, DiskRole, MaxSizeGB, FileSizeGB, SharedVHDX, VirtualFibreChannel, Volume, VolumeCapacityGB, VolumeFreeGB.
#>
param(
    [string]$OutputFile = '.\inventory.csv',
    [switch]$Cluster
)
$ErrorActionPreference = 'Stop'
$clusterName = ''
$broker = ''
$nodes = @($env:COMPUTERNAME)
if ($Cluster) {
    Import-Module FailoverClusters
    $c = Get-Cluster
    $clusterName = $c.Name
    $nodes = @(Get-ClusterNode | Where-Object State -eq 'Up' | Select-Object -ExpandProperty Name)
    $broker = [string][bool](Get-ClusterResource | Where-Object ResourceType -eq 'Virtual Machine Replication Broker')
}
$csvVolumes = @()
if ($Cluster) {
    $csvVolumes = Get-ClusterSharedVolume | ForEach-Object {
        [pscustomobject]@{ Path = $_.SharedVolumeInfo.FriendlyVolumeName; SizeGB = [math]::Round($_.SharedVolumeInfo.Partition.Size / 1GB); FreeGB = [math]::Round($_.SharedVolumeInfo.Partition.FreeSpace / 1GB) }
    }
}
$rows = foreach ($node in $nodes) {
    $localVolumes = Invoke-Command -ComputerName $node -ScriptBlock { Get-Volume | Where-Object DriveLetter | Select-Object DriveLetter, Size, SizeRemaining }
    foreach ($vm in Get-VM -ComputerName $node) {
        $ha = [string][bool]$vm.IsClustered
        $fc = [string][bool](Get-VMFibreChannelHba -VM $vm -ErrorAction SilentlyContinue)
        $first = $true
        foreach ($drive in Get-VMHardDiskDrive -VM $vm) {
            $vhd = Get-VHD -ComputerName $node -Path $drive.Path
            $volume = $csvVolumes | Where-Object { $drive.Path.StartsWith($_.Path + '\', [StringComparison]::OrdinalIgnoreCase) } | Select-Object -First 1
            if (-not $volume) {
                $letter = $drive.Path.Substring(0, 1)
                $v = $localVolumes | Where-Object DriveLetter -eq $letter | Select-Object -First 1
                $volume = [pscustomobject]@{ Path = "$($letter):\"; SizeGB = [math]::Round($v.Size / 1GB); FreeGB = [math]::Round($v.SizeRemaining / 1GB) }
            }
            [pscustomobject][ordered]@{
                Host = $node
                Cluster = $clusterName
                VMName = $vm.Name
                VMId = $vm.VMId.Guid
                Generation = $vm.Generation
                ProcessorCount = $vm.ProcessorCount
                MemoryMB = [math]::Round($vm.MemoryStartup / 1MB)
                NetworkAdapters = @(Get-VMNetworkAdapter -VM $vm).Count
                HighlyAvailable = $ha
                ReplicaBroker = $broker
                DiskPath = $drive.Path
                ControllerType = $drive.ControllerType
                ControllerNumber = $drive.ControllerNumber
                ControllerLocation = $drive.ControllerLocation
                DiskRole = $(if ($first) { 'OS' } else { 'Data' })
                MaxSizeGB = [math]::Round($vhd.Size / 1GB, 1)
                FileSizeGB = [math]::Round($vhd.FileSize / 1GB, 1)
                SharedVHDX = [string][bool]$drive.SupportPersistentReservations
                VirtualFibreChannel = $fc
                Volume = $volume.Path
                VolumeCapacityGB = $volume.SizeGB
                VolumeFreeGB = $volume.FreeGB
            }
            $first = $false
        }
    }
}
$rows | Export-Csv -NoTypeInformation -Encoding UTF8 -Path $OutputFile
Write-Host "wrote $(@($rows).Count) disks to $OutputFile"
