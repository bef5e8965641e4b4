<#
.SYNOPSIS
  Starts an hvplan performance collector on this Hyper-V host (run as Administrator).
.DESCRIPTION
  Creates and starts the Data Collector Set "hvplan": Hyper-V Virtual Storage Device counters
  (Write Bytes/sec, Read Bytes/sec, Write Operations/Sec, Read Operations/Sec) for every virtual disk, every 15 seconds, in binary logs
  (BLG: unlike CSV they pick up disks that appear later, such as checkpoints and VMs migrated in),
  a new file each day. Leave it running for at least 7 days, ideally 31, covering backups,
  index maintenance and month end. Then stop it (logman stop hvplan) and run
  Convert-HvplanLogs.ps1.
#>
param(
    [string]$OutputFolder = 'C:\PerfLogs\hvplan',
    [int]$SampleSeconds = 15,
    [int]$MaxSizeMB = 4096
)
$ErrorActionPreference = 'Stop'

# Counter names are localized on non-English Windows (German: "Virtuelle Hyper-V-Speichervorrichtung").
# Translate through the registry's English (009) and current-language counter tables.
function Get-LocalCounterName([string]$English) {
    $perflib = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Perflib'
    $en = (Get-ItemProperty "$perflib\009").Counter
    $local = (Get-ItemProperty "$perflib\CurrentLanguage" -ErrorAction SilentlyContinue).Counter
    if (-not $local) { return $English }
    for ($i = 1; $i -lt $en.Count; $i += 2) {
        if ($en[$i] -eq $English) {
            $id = $en[$i - 1]
            for ($j = 0; $j -lt $local.Count - 1; $j += 2) { if ($local[$j] -eq $id) { return $local[$j + 1] } }
        }
    }
    return $English
}

$object = Get-LocalCounterName 'Hyper-V Virtual Storage Device'
$counters = @('Write Bytes/sec', 'Read Bytes/sec', 'Write Operations/Sec', 'Read Operations/Sec') | ForEach-Object { "\$object(*)\$(Get-LocalCounterName $_)" }
New-Item -ItemType Directory -Force -Path $OutputFolder | Out-Null
$config = Join-Path $OutputFolder 'hvplan-counters.txt'
$counters | Set-Content -Encoding ASCII -Path $config
& logman create counter hvplan -cf $config -si $SampleSeconds -f bin -o (Join-Path $OutputFolder "$env:COMPUTERNAME") -v mmddhhmm -cnf 24:00:00 -max $MaxSizeMB -y
if ($LASTEXITCODE -ne 0) { throw "logman create failed ($LASTEXITCODE)" }
& logman start hvplan
if ($LASTEXITCODE -ne 0) { throw "logman start failed ($LASTEXITCODE)" }
Write-Host "Collecting $($counters.Count) counters every $SampleSeconds s into $OutputFolder. Stop with: logman stop hvplan"
