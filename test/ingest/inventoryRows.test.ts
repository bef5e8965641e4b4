/**
 * Issue 16, inventory rows: a row without a VM name or a disk path, a disk listed twice, a VM on
 * two hosts at once — each a finding located by line and column; the good rows are used, and
 * `hvplan ingest` says each one.
 */
import {runCommand} from '@oclif/test'
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readInventory} from '../../src/ingest/inventory.js'
import {INVENTORY_COLUMNS} from '../../src/inventoryFormat.js'
import {CONTOSO} from '../helpers/contoso.js'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const tmp = tempDir()

/** An inventory row: the VM, host and disk given, the rest plausible. */
function row(host: string, vm: string, path: string): string {
  const cells: Record<string, string> = {Host: host, Cluster: '', VMName: vm, VMId: 'id', Generation: '2', ProcessorCount: '2', MemoryMB: '4096', NetworkAdapters: '1', HighlyAvailable: 'False', ReplicaBroker: 'False', DiskPath: path, ControllerType: 'SCSI', ControllerNumber: '0', ControllerLocation: '0', DiskRole: 'OS', MaxSizeGB: '127', FileSizeGB: '40', SharedVHDX: 'False', VirtualFibreChannel: 'False', Volume: 'D:\\', VolumeCapacityGB: '1000', VolumeFreeGB: '500'}
  return INVENTORY_COLUMNS.map((c) => `"${cells[c] ?? ''}"`).join(',')
}

describe('inventory rows that cannot be placed or contradict each other', () => {
  const file = join(tmp, 'inventory.csv')
  const lines = [
    INVENTORY_COLUMNS.map((c) => `"${c}"`).join(','),
    row('HV03', 'SQL02', 'D:\\Hyper-V\\SQL02\\Virtual Hard Disks\\SQL02.vhdx'), // 2: good
    row('HV03', '', 'D:\\Hyper-V\\X\\x.vhdx'), // 3: no VM name
    row('HV03', 'FS01', ''), // 4: no disk path
    row('HV03', 'SQL02', 'D:\\Hyper-V\\SQL02\\Virtual Hard Disks\\SQL02.vhdx'), // 5: the disk of line 2 again
    row('HV04', 'SQL02', 'E:\\Hyper-V\\SQL02\\Virtual Hard Disks\\SQL02_data.vhdx'), // 6: SQL02 on another host
  ]
  writeFileSync(file, lines.join('\r\n') + '\r\n')
  const column = (name: string) => INVENTORY_COLUMNS.indexOf(name as (typeof INVENTORY_COLUMNS)[number]) + 1

  it('are left out or noted, each with its line and column', () => {
    const inventory = readInventory(file)
    expect(inventory.findings).toEqual([
      `${file}:3:${column('VMName')}: VMName is empty (expected the VM the disk belongs to): the row is left out`,
      `${file}:4:${column('DiskPath')}: DiskPath is empty (expected the host path of a VHD/VHDX): the row is left out`,
      `${file}:5:${column('DiskPath')}: the disk D:\\Hyper-V\\SQL02\\Virtual Hard Disks\\SQL02.vhdx is listed again (first at line 2): the first row is used`,
      `${file}:6:${column('Host')}: the VM SQL02 is on HV04 here and on HV03 at line 2: one VM runs on one host at a time — exports taken at different times, or two VMs with one name (each disk is planned with the row that lists it)`,
    ])
    // Lines 2 and 6 are kept.
    expect([...inventory.disks.values()].map((d) => [d.vm, d.host])).toEqual([
      ['SQL02', 'HV03'],
      ['SQL02', 'HV04'],
    ])
  })

  it('are said by hvplan ingest, which still ingests the logs (exit 0)', async () => {
    const dir = join(tmp, 'run')
    mkdirSync(dir)
    copyFileSync(file, join(dir, 'inventory.csv'))
    copyFileSync(join(CONTOSO, 'logs', 'HV03', 'HV03_20261025-000001.csv.gz'), join(dir, 'a.csv.gz'))
    const r = await runCommand(['ingest', dir, '-p', join(dir, 'p.sqlite')], {root})
    expect(r.error).toBeUndefined()
    const said = r.stderr.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ')
    expect(said).toContain(`inventory.csv:3:${column('VMName')}: VMName is empty`)
    expect(said).toContain('the VM SQL02 is on HV04 here and on HV03 at line 2')
    expect(r.stdout).toMatch(/Ingested 1 file/)
  })
})
