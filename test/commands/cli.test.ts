import {runCommand} from '@oclif/test'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/tmp.js'

const root = join(import.meta.dirname, '..', '..')
const run = (args: string[]) => runCommand(args, {root})
const SAMPLE = join(root, 'samples', 'contoso')

describe('hvplan CLI', () => {
  const tmp = tempDir()

  it('lists its commands in --help and prints its version', async () => {
    const help = await run(['--help'])
    expect(help.stdout).toContain('USAGE\n  $ hvplan [COMMAND]')
    expect(help.stdout).toMatch(/\n {2}sample +Generate a synthetic Hyper-V estate/)
    expect(help.stdout).toMatch(/\n {2}plan +Plan protection from counter logs/)
    const version = await run(['--version'])
    expect(version.stdout).toMatch(/^hvplan\/0\.1\.0 /)
  })

  it('sample --help documents the dialects and the output layout', async () => {
    const {stdout} = await run(['sample', '--help'])
    for (const d of ['pdh-csv', 'pdh-tsv', 'typeperf', 'german', 'resaved', 'utf16', 'get-counter']) expect(stdout).toContain(d)
    expect(stdout).toContain('<out>/truth.json')
  })

  it('sample writes an estate and reports it', async () => {
    const out = join(tmp, 'estate')
    const {stdout, error} = await run(['sample', '--out', out, '--vms', '3', '--days', '1', '--interval', '60'])
    expect(error).toBeUndefined()
    expect(stdout).toMatch(/^Wrote .*estate: 4 hosts, 3 VMs, 6 disks, 2026-10-24T22:00:00\.000Z to 2026-10-25T23:00:00\.000Z/)
    expect(existsSync(join(out, 'inventory.csv'))).toBe(true)
  })

  it('sample names the flag and the expected value for bad input', async () => {
    const {error} = await run(['sample', '--out', join(tmp, 'x'), '--vms', '0'])
    expect(error?.message).toBe('Invalid option --vms: must be a whole number from 1 to 100000, got 0')
    const tz = await run(['sample', '--out', join(tmp, 'x'), '--tz', 'Mars'])
    expect(tz.error?.message).toMatch(/^Invalid option --tz: must be a Windows time-zone ID or name such as "W. Europe Standard Time" \(tzutil \/l lists them\), or an IANA name such as "Europe\/Berlin"; got "Mars"$/)
    const start = await run(['sample', '--out', join(tmp, 'x'), '--start', '25.10.2026'])
    expect(start.error?.message).toBe('Invalid option --start: must be a date YYYY-MM-DD, got "25.10.2026"')
  })

  it('sample refuses to overwrite a non-empty folder without --force', async () => {
    const out = join(tmp, 'occupied')
    mkdirSync(out)
    writeFileSync(join(out, 'keep.txt'), 'mine')
    const {error} = await run(['sample', '--out', out, '--vms', '2', '--days', '1'])
    expect(error?.message).toContain('already exists and is not empty; pass --force to replace it')
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('plan ingests the sample and shows the decision first — scope, bandwidth and network plan per RPO, IR, blockers and their fixes, cost (example prices), actions — and the per-VM tables with --verbose', async () => {
    const out = join(tmp, 'plan')
    const {stdout, error} = await run(['plan', SAMPLE, '--out', out])
    expect(error).toBeUndefined()
    expect(stdout).toMatch(/^Ingested 9 counter logs from 4 hosts with the inventory .*inventory\.csv\./)
    expect(stdout).not.toMatch(/\nSQL01 +HV-CL01-N1,HV-CL01-N2 +3 /)
    expect(stdout).toContain('(per-VM tables: --verbose)')
    expect(stdout).toMatch(/\nNext actions:\n {2}1\. Fix DC01, FS01, RDS01 \(each reason has its fix\), or plan without them\n/)
    expect(stdout).toMatch(/\nDR cost \(EXAMPLE prices of 2026-12-01, not a quote; westeurope\): USD [\d,]+ per month, USD [\d,]+ per year — compute USD [\d,]+, storage USD [\d,]+, network USD [\d,]+, ASR license USD 225 per month\n/)
    expect(stdout).toMatch(/Wrote .*report\.pdf, .*report\.xlsx, .*report\.json/)
    expect(stdout).toContain('  FS01: disk D:\\Hyper-V\\FS01\\Virtual Hard Disks\\FS01-archive.vhdx size 5,120 GB exceeds 4,095 GB — fix: split the data onto disks within the limit, or leave the disk out of replication (--exclude-disk) if it need not be protected')
    expect(stdout).toMatch(/\n +15 +\d+\.\d +\d+\.\d +\d+\.\d +\d+\.\d +ExpressRoute Standard Metered \d+ Mbps +[\d,]+ +\d+ batch(es)?, [\d.]+ h\n/)
    expect(stdout).toContain('\nThe plan is for 9 of 12 profiled VMs; not protected: DC01, FS01, RDS01.\n')
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8'))
    expect(inputs.hosts.map((h: {host: string}) => h.host)).toEqual(['HV-CL01-N1', 'HV-CL01-N2', 'HV03', 'HV04'])
    expect(inputs.logs.every((l: {kind: string; gzip: boolean}) => l.kind === 'pdh-csv' && l.gzip)).toBe(true)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
    expect(report.profile.vms).toHaveLength(12)
    expect(report.bandwidth.rpos.map((r: {rpoMinutes: number}) => r.rpoMinutes)).toEqual([15, 30, 60])
    expect(report.protection.vms).toHaveLength(12)
    // SQL01 is the bursty VM: the highest maximum churn of the cluster's VMs.
    expect(report.profile.vms.find((v: {vm: string}) => v.vm === 'SQL01').maxChurnMBps).toBeGreaterThan(10)
    expect(existsSync(join(out, 'profile.sqlite'))).toBe(true)
    expect(readFileSync(join(out, 'report.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK')
    expect(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const verbose = await run(['plan', SAMPLE, '--out', out, '--force', '--verbose'])
    expect(verbose.stdout).toMatch(/\nSQL01 +HV-CL01-N1,HV-CL01-N2 +3 /)
    expect(verbose.stdout).toContain('\nIR batches for RPO 15 min at ')
    const again = await run(['plan', SAMPLE, '--out', out])
    expect(again.error?.message).toContain('already exists and is not empty; pass --force')
  })

  it('plan reports a missing input by name', async () => {
    const {error} = await run(['plan', join(tmp, 'nowhere'), '--out', join(tmp, 'p2')])
    expect(error?.message).toMatch(/^input .*nowhere does not exist: expected a counter log or a folder of them$/)
  })
})
