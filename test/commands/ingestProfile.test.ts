import {runCommand} from '@oclif/test'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/tmp.js'
import {readTruth} from '../helpers/truth.js'

const root = join(import.meta.dirname, '..', '..')
const run = (args: string[]) => runCommand(args, {root})
const SAMPLE = join(root, 'samples', 'contoso')

describe('hvplan ingest, profile show, profile export', () => {
  const tmp = tempDir()
  const profile = join(tmp, 'contoso.sqlite')

  it('ingest reports what it read, then skips the same files the second time', async () => {
    const first = await run(['ingest', SAMPLE, '--profile', profile])
    expect(first.error).toBeUndefined()
    expect(first.stdout).toMatch(/^Ingested 9 files \(3\.\d MiB in [\d.]+ s, \d+ MiB\/s\) into .*contoso\.sqlite\./)
    expect(first.stdout).toContain('DST corrections: 4')
    expect(first.stdout).toContain('ignored objects: Processor (9), Memory (9), Hyper-V Virtual IDE Controller (Emulated) (12)')
    const second = await run(['ingest', SAMPLE, '--profile', profile])
    expect(second.stdout).toMatch(/^Ingested 0 files .*; 9 already in the profile\./)
  })

  it('profile show lists every VM with its churn and the data quality', async () => {
    const {stdout} = await run(['profile', 'show', '--profile', profile])
    for (const vm of readTruth(SAMPLE).vms.map((v) => v.name)) expect(stdout).toMatch(new RegExp(`\\n${vm} `))
    expect(stdout).toContain('Data quality: low confidence')
    expect(stdout).toContain('2.0 days profiled; at least 7 (ideally 31) are recommended')
    const json = JSON.parse((await run(['profile', 'show', '--profile', profile, '--json'])).stdout)
    expect(json.quality.dstCorrections).toBe(4)
    expect(json.vms.find((v: {vm: string}) => v.vm === 'IDLE01').avgChurnMBps).toBeLessThan(0.1)
  })

  it('profile export writes one row per disk-window of the truth, and refuses to overwrite', async () => {
    const out = join(tmp, 'windows.csv')
    const {error} = await run(['profile', 'export', '--profile', profile, '--out', out])
    expect(error).toBeUndefined()
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('host,vm,disk,volume,window_start_utc,write_bytes,read_bytes,write_ops,read_ops,coverage')
    expect(lines.length - 1).toBe(readTruth(SAMPLE).windows.length)
    writeFileSync(out, 'mine')
    const again = await run(['profile', 'export', '--profile', profile, '--out', out])
    expect(again.error?.message).toContain('already exists')
    expect(readFileSync(out, 'utf8')).toBe('mine')
  })

  it('report writes the PDF next to the others and keeps an existing file without --force', async () => {
    const pdf = join(tmp, 'r.pdf')
    writeFileSync(pdf, 'mine')
    expect((await run(['report', '--profile', profile, '--pdf', pdf])).error?.message).toContain('already exists')
    expect(readFileSync(pdf, 'utf8')).toBe('mine')
    const {stdout, error} = await run(['report', '--profile', profile, '--pdf', pdf, '--xlsx', join(tmp, 'r.xlsx'), '--force'])
    expect(error).toBeUndefined()
    expect(stdout).toMatch(/^The plan is for \d+ of \d+ profiled VMs[^]*\nWrote .*r\.xlsx, .*r\.pdf\.\n$/)
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect((await run(['report', '--profile', profile, '--pdf', pdf, '--heat-map', 'weekly', '--force'])).error?.message).toMatch(/--heat-map/)
  })

  it('report prices from a chosen market of a sheet with several, and names bad cost flags', async () => {
    const example = JSON.parse(readFileSync(join(root, 'data', 'prices.example.json'), 'utf8'))
    const eur = {...example.markets[0], currency: 'EUR', asrLicensePerInstanceMonth: 23}
    const sheet = join(tmp, 'two-markets.json')
    writeFileSync(sheet, JSON.stringify({...example, label: 'two markets', markets: [example.markets[0], eur]}))
    const json = join(tmp, 'eur.json')
    expect((await run(['report', '--profile', profile, '--json', json, '--prices', sheet])).error?.message).toMatch(/^Invalid option --region: must choose one of the price sheet's markets \(westeurope\/USD, westeurope\/EUR\)/)
    const {stdout, error} = await run(['report', '--profile', profile, '--json', json, '--prices', sheet, '--currency', 'EUR', '--discount', '10', '--force'])
    expect(error).toBeUndefined()
    expect(stdout).toMatch(/\nDR cost \(prices .*two-markets\.json of 2026-12-01; westeurope\): EUR [\d,]+ per month/)
    const cost = JSON.parse(readFileSync(json, 'utf8')).cost
    expect([cost.priceSheet.currency, cost.options.discountPercent]).toEqual(['EUR', 10])
    expect(cost.totals.license).toBeCloseTo(9 * 23 * 0.9, 9) // nine protected VMs
    expect((await run(['report', '--profile', profile, '--json', json, '--discount', '120', '--force'])).error?.message).toBe('Invalid option --discount: must be a percentage from 0 to 100, got "120"')
    expect((await run(['report', '--profile', profile, '--json', json, '--drills-per-year', '2.5', '--force'])).error?.message).toBe('Invalid option --drills-per-year: must be a whole number of drills ≥ 0, got "2.5"')
  })

  it('model commands name the flag and the expected value for bad numbers', async () => {
    expect((await run(['whatif', 'outage', '--profile', profile, '--hours', 'abc'])).error?.message).toBe('Invalid option --hours: must be a duration in h or with a unit, e.g. 4, 4h, 90min or 1.5d; got "abc" (no number)')
    expect((await run(['report', '--profile', profile, '--json', join(tmp, 'r.json'), '--bandwidth', '0'])).error?.message).toBe('Invalid option --bandwidth: must be a positive bandwidth (Mbps, or with a unit: 200, 200Mbps, 1Gbps or "500 Mbit/s"), got "0"')
    expect((await run(['plan-protection', '--profile', profile, '--bandwidth', 'fast'])).error?.message).toBe('Invalid option --bandwidth: must be a bandwidth in Mbps or with a unit, e.g. 200, 200Mbps, 1Gbps or "500 Mbit/s"; got "fast" (no number)')
  })

  it('profile show names a missing profile', async () => {
    const {error} = await run(['profile', 'show', '--profile', join(tmp, 'none.sqlite')])
    expect(error?.message).toMatch(/profile .*none\.sqlite cannot be opened .*: run hvplan ingest first/)
  })
})
