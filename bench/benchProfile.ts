/**
 * The benchmark profiles: N VMs (default 1,000; 2.7 disks each) × 31 days, 5-minute windows,
 * random window values, built once in .bench/: writes and reads up to 1 MB/s per disk, 16 KiB
 * writes and 32 KiB reads. With an inventory (for bench:report): one host per 20 VMs with one
 * volume each, Generation 2 VMs of 2–8 vCPUs with a 127 GB OS disk and data disks of
 * 64–1,024 GB, so every sheet and page has content. The 1,000-VM files keep their names.
 */
import {existsSync, mkdirSync, renameSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {Random} from '../src/sample/random.js'
import {ProfileStore} from '../src/store/profileStore.js'

export const BENCH_DISKS = 2700
export const BENCH_DAYS = 31

export function benchProfile(withInventory: boolean, vms = 1000): string {
  const dir = join(import.meta.dirname, '..', '.bench')
  mkdirSync(dir, {recursive: true})
  const path = join(dir, `profile-${vms}vm-31d${withInventory ? '-inventory' : ''}.sqlite`)
  const diskCount = Math.round(vms * (BENCH_DISKS / 1000))
  const hosts = Math.max(1, Math.round(vms / 20))
  if (existsSync(path)) return path
  process.stderr.write(`building ${path} …\n`)
  const partial = `${path}.partial`
  rmSync(partial, {force: true})
  const store = ProfileStore.open(partial, {create: true, windowSeconds: 300})
  const rng = new Random(3, 'bench-profile')
  const wpd = store.windowsPerDay
  const firstDay = Math.floor(Date.UTC(2026, 9, 1) / 86_400_000)
  // One transaction per 270 disks (about 100 VMs): a 10,000-VM profile is ~10 GB, too much for one WAL.
  for (let batch = 0; batch < diskCount; batch += 270) {
    store.transaction(() => {
      for (let d = batch; d < Math.min(diskCount, batch + 270); d++) {
        const vmIndex = Math.floor(d / 2.7)
        const vm = `VM${String(vmIndex).padStart(vms > 9999 ? 5 : 4, '0')}`
        const host = `HV${String(vmIndex % hosts).padStart(hosts > 99 ? 3 : 2, '0')}`
        const path = `D:\\Hyper-V\\VM${d}\\Virtual Hard Disks\\VM${d}.vhdx`
        const osDisk = d === 0 || Math.floor((d - 1) / 2.7) !== vmIndex
        const inventory = withInventory
          ? {host, cluster: '', vm, vmId: `id-${vmIndex}`, generation: 2, vcpus: 2 + (vmIndex % 4) * 2, memoryMB: 4096 * (1 + (vmIndex % 4)), nics: 1, highlyAvailable: false, replicaBroker: false, path, controllerType: 'SCSI', diskRole: osDisk ? 'OS' : 'Data', maxSizeGB: osDisk ? 127 : 64 * 2 ** (d % 5), fileSizeGB: 40, sharedVhdx: false, virtualFibreChannel: false, volume: 'D:\\', volumeCapacityGB: 40_000, volumeFreeGB: 20_000}
          : undefined
        const id = store.diskId({key: `d:-hyper-v-vm${d}-virtual hard disks-vm${d}`, vm, volume: 'D:\\', instance: `D:-Hyper-V-VM${d}-Virtual Hard Disks-VM${d}.vhdx`, mappedBy: withInventory ? 'inventory' : 'heuristic', inventory})
        for (let day = 0; day < BENCH_DAYS; day++) {
          // Bytes per window up to 3e8 (1 MB/s), 16 KiB writes and 32 KiB reads, every window covered.
          const writeBytes = Float64Array.from({length: wpd}, () => rng.uniform(0, 3e8))
          const readBytes = Float64Array.from({length: wpd}, () => rng.uniform(0, 3e8))
          const arrays = [writeBytes, readBytes, writeBytes.map((b) => b / 16_384), readBytes.map((b) => b / 32_768), new Float64Array(wpd).fill(300)]
          store.addDay(id, firstDay + day, arrays)
        }
        if (withInventory) store.noteHost(id, host, (firstDay * 86_400 + 0) * 1000, (firstDay + BENCH_DAYS) * 86_400_000)
      }
    })
  }
  store.close()
  renameSync(partial, path)
  return path
}
