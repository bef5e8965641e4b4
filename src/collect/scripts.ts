/**
 * The Windows PowerShell scripts a planner runs on the Hyper-V hosts (`hvplan collect`): set up
 * a Data Collector Set logging the VSD counters every 15 s to BLG, convert the logs with
 * relog -f csv, and export the inventory in exactly the columns ingest reads.
 */
import {INVENTORY_COLUMNS} from '../inventoryFormat.js'

export const VSD_COUNTERS_EN = ['Write Bytes/sec', 'Read Bytes/sec', 'Write Operations/Sec', 'Read Operations/Sec'] as const

const LOCALIZE = `
# Counter names are localized on non-English Windows (German: "Virtuelle Hyper-V-Speichervorrichtung").
# Translate through the registry's English (009) and current-language counter tables.
function Get-LocalCounterName([string]$English) {
    $perflib = 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Perflib'
    $en = (Get-ItemProperty "$perflib\\009").Counter
    $local = (Get-ItemProperty "$perflib\\CurrentLanguage" -ErrorAction SilentlyContinue).Counter
    if (-not $local) { return $English }
    for ($i = 1; $i -lt $en.Count; $i += 2) {
        if ($en[$i] -eq $English) {
            $id = $en[$i - 1]
            for ($j = 0; $j -lt $local.Count - 1; $j += 2) { if ($local[$j] -eq $id) { return $local[$j + 1] } }
        }
    }
    return $English
}
`

export function collectorScript(): string {
  return `<#
.SYNOPSIS
  Starts an hvplan performance collector on this Hyper-V host (run as Administrator).
.DESCRIPTION
  Creates and starts the Data Collector Set "hvplan": Hyper-V Virtual Storage Device counters
  (${VSD_COUNTERS_EN.join(', ')}) for every virtual disk, every 15 seconds, in binary logs
  (BLG: unlike CSV they pick up disks that appear later, such as checkpoints and VMs migrated in),
  a new file each day. Leave it running for at least 7 days, ideally 31, covering backups,
  index maintenance and month end. Then stop it (logman stop hvplan) and run
  Convert-HvplanLogs.ps1.
#>
param(
    [string]$OutputFolder = 'C:\\PerfLogs\\hvplan',
    [int]$SampleSeconds = 15,
    [int]$MaxSizeMB = 4096
)
$ErrorActionPreference = 'Stop'
${LOCALIZE}
$object = Get-LocalCounterName 'Hyper-V Virtual Storage Device'
$counters = @(${VSD_COUNTERS_EN.map((c) => `'${c}'`).join(', ')}) | ForEach-Object { "\\$object(*)\\$(Get-LocalCounterName $_)" }
New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null
$config = Join-Path $OutputFolder 'hvplan-counters.txt'
$counters | Set-Content -Encoding ASCII -Path $config
& logman create counter hvplan -cf $config -si $SampleSeconds -f bin -o (Join-Path $OutputFolder "$env:COMPUTERNAME") -v mmddhhmm -cnf 24:00:00 -max $MaxSizeMB -y
if ($LASTEXITCODE -ne 0) { throw "logman create failed ($LASTEXITCODE)" }
& logman start hvplan
if ($LASTEXITCODE -ne 0) { throw "logman start failed ($LASTEXITCODE)" }
Write-Host "Collecting $($counters.Count) counters every $SampleSeconds s into $OutputFolder. Stop with: logman stop hvplan"
`
}

export function convertScript(): string {
  return `<#
.SYNOPSIS
  Converts the hvplan binary logs (BLG) to PDH-CSV for hvplan ingest.
.DESCRIPTION
  Runs "relog <file>.blg -f csv -o <file>.csv" for every BLG in the folder. Copy the CSV files
  (gzip them if you like) and the inventory to the machine running hvplan.
#>
param([string]$Folder = 'C:\\PerfLogs\\hvplan')
$ErrorActionPreference = 'Stop'
Get-ChildItem -Path $Folder -Filter *.blg -Recurse | ForEach-Object {
    $csv = [IO.Path]::ChangeExtension($_.FullName, '.csv')
    & relog $_.FullName -f csv -o $csv -y | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Warning "relog failed for $($_.FullName)"; return }
    Write-Host "wrote $csv"
}
`
}

export function inventoryScript(): string {
  return `<#
.SYNOPSIS
  Exports the VM inventory hvplan reads: one row per virtual disk with its VM, host and volume.
.DESCRIPTION
  Run on a Hyper-V host (as Administrator); on a cluster node, -Cluster exports every node's VMs.
  Columns: ${INVENTORY_COLUMNS.join(', ')}.
#>
param(
    [string]$OutputFile = '.\\inventory.csv',
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
            $volume = $csvVolumes | Where-Object { $drive.Path.StartsWith($_.Path + '\\', [StringComparison]::OrdinalIgnoreCase) } | Select-Object -First 1
            if (-not $volume) {
                $letter = $drive.Path.Substring(0, 1)
                $v = $localVolumes | Where-Object DriveLetter -eq $letter | Select-Object -First 1
                $volume = [pscustomobject]@{ Path = "$($letter):\\"; SizeGB = [math]::Round($v.Size / 1GB); FreeGB = [math]::Round($v.SizeRemaining / 1GB) }
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
`
}

export const COLLECT_SCRIPTS: Record<string, () => string> = {
  'Start-HvplanCollector.ps1': collectorScript,
  'Convert-HvplanLogs.ps1': convertScript,
  'Export-HvplanInventory.ps1': inventoryScript,
}
