<#
.SYNOPSIS
  Converts the hvplan binary logs (BLG) to PDH-CSV for hvplan ingest.
.DESCRIPTION
  Runs "relog <file>.blg -f csv -o <file>.csv" for every BLG in the folder. Copy the CSV files
  (gzip them if you like) and the inventory to the machine running hvplan.
#>
param([string]$Folder = 'C:\PerfLogs\hvplan')
$ErrorActionPreference = 'Stop'
Get-ChildItem -Path $Folder -Filter *.blg -Recurse | ForEach-Object {
    $csv = [IO.Path]::ChangeExtension($_.FullName, '.csv')
    & relog $_.FullName -f csv -o $csv -y | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Warning "relog failed for $($_.FullName)"; return }
    Write-Host "wrote $csv"
}
