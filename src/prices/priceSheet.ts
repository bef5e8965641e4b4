/**
 * The price sheet (docs/cost.md): per region and currency, VM hourly prices by size and OS,
 * managed-disk monthly prices by tier and redundancy, storage per GB-month, transactions per 10k,
 * snapshots per GB-month, the ASR license per protected instance per month, and ExpressRoute and
 * VPN gateway plans by bandwidth. data/prices.example.json is an example with its date; a planner
 * builds a current one with `hvplan prices import`. Checked on load: a bad value names the file and
 * the JSON path and what was expected.
 */
import {readFileSync} from 'node:fs'
import {dataFile} from '../dataFile.js'
import {HvplanError} from '../errors.js'

export const PRICE_SHEET_SCHEMA = 'hvplan-prices/1'
export const REDUNDANCIES = ['LRS', 'ZRS', 'GRS', 'RA-GRS'] as const
export type Redundancy = (typeof REDUNDANCIES)[number]

export interface NetworkPlan {
  readonly plan: string
  readonly mbps: number
  readonly monthly: number
}

export interface PriceMarket {
  readonly region: string
  readonly currency: string
  /** Per size (Azure name, e.g. Standard_D4s_v3): hourly price for Linux (the base rate) and Windows. */
  readonly vmHourly: Readonly<Record<string, {readonly linux?: number; readonly windows?: number}>>
  /** Per premium tier (P10 …): monthly price per disk by redundancy. */
  readonly managedDiskMonthly: Readonly<Record<string, Partial<Record<Redundancy, number>>>>
  readonly storagePerGBMonth: Partial<Record<Redundancy, number>>
  readonly transactionsPer10k: Partial<Record<Redundancy, number>>
  readonly snapshotPerGBMonth: Partial<Record<Redundancy, number>>
  readonly asrLicensePerInstanceMonth?: number
  readonly expressRoute: readonly NetworkPlan[]
  readonly vpnGateway: readonly NetworkPlan[]
}

export interface PriceSheet {
  readonly schema: typeof PRICE_SHEET_SCHEMA
  readonly label: string
  readonly date: string
  readonly source: string
  readonly markets: readonly PriceMarket[]
}

export interface LoadedPriceSheet extends PriceSheet {
  /** The file it came from ("built-in example" for the shipped sheet). */
  readonly file: string
  readonly example: boolean
}

export function loadPriceSheet(file?: string): LoadedPriceSheet {
  const path = file ?? dataFile('prices.example.json')
  const name = file ?? 'data/prices.example.json'
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new HvplanError('E_INPUT_FORMAT', `price sheet is not readable JSON (${(error as Error).message})`, {file: name})
  }
  const sheet = checkPriceSheet(raw, name)
  return {...sheet, file: name, example: file === undefined}
}

/** Validates a parsed price sheet; throws with the JSON path of the first bad value. */
export function checkPriceSheet(raw: unknown, file: string): PriceSheet {
  const fail = (path: string, expected: string, got: unknown): never => {
    throw new HvplanError('E_INPUT_FORMAT', `${path} must be ${expected}, got ${JSON.stringify(got)?.slice(0, 80)}`, {file}, 'docs/cost.md describes the price sheet')
  }
  const object = (v: unknown, path: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, 'an object', v))
  const price = (v: unknown, path: string): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(path, 'a price (a number ≥ 0)', v))
  const text = (v: unknown, path: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(path, 'a non-empty string', v))
  const byRedundancy = (v: unknown, path: string) => {
    const o = object(v ?? {}, path)
    for (const [k, x] of Object.entries(o)) {
      if (!(REDUNDANCIES as readonly string[]).includes(k)) fail(`${path}.${k}`, `one of ${REDUNDANCIES.join(', ')}`, k)
      price(x, `${path}.${k}`)
    }
    return o as Partial<Record<Redundancy, number>>
  }
  const plans = (v: unknown, path: string): NetworkPlan[] => {
    if (!Array.isArray(v ?? [])) fail(path, 'a list of {plan, mbps, monthly}', v)
    return ((v ?? []) as unknown[]).map((p, k) => {
      const o = object(p, `${path}[${k}]`)
      const mbps = price(o.mbps, `${path}[${k}].mbps`)
      if (mbps <= 0) fail(`${path}[${k}].mbps`, 'a bandwidth in Mbps above 0', o.mbps)
      return {plan: text(o.plan, `${path}[${k}].plan`), mbps, monthly: price(o.monthly, `${path}[${k}].monthly`)}
    })
  }
  const top = object(raw, '(top level)')
  if (top.schema !== PRICE_SHEET_SCHEMA) fail('schema', `"${PRICE_SHEET_SCHEMA}"`, top.schema)
  if (!Array.isArray(top.markets) || top.markets.length === 0) fail('markets', 'a non-empty list of markets (one per region and currency)', top.markets)
  const markets = (top.markets as unknown[]).map((m, k): PriceMarket => {
    const at = `markets[${k}]`
    const o = object(m, at)
    const vmHourly = object(o.vmHourly ?? {}, `${at}.vmHourly`)
    for (const [size, v] of Object.entries(vmHourly)) {
      const p = object(v, `${at}.vmHourly.${size}`)
      for (const [os, x] of Object.entries(p)) {
        if (os !== 'linux' && os !== 'windows') fail(`${at}.vmHourly.${size}.${os}`, '"linux" or "windows"', os)
        price(x, `${at}.vmHourly.${size}.${os}`)
      }
    }
    const disks = object(o.managedDiskMonthly ?? {}, `${at}.managedDiskMonthly`)
    for (const [tier, v] of Object.entries(disks)) byRedundancy(v, `${at}.managedDiskMonthly.${tier}`)
    return {
      region: text(o.region, `${at}.region`).toLowerCase(),
      currency: text(o.currency, `${at}.currency`).toUpperCase(),
      vmHourly: vmHourly as PriceMarket['vmHourly'],
      managedDiskMonthly: disks as PriceMarket['managedDiskMonthly'],
      storagePerGBMonth: byRedundancy(o.storagePerGBMonth, `${at}.storagePerGBMonth`),
      transactionsPer10k: byRedundancy(o.transactionsPer10k, `${at}.transactionsPer10k`),
      snapshotPerGBMonth: byRedundancy(o.snapshotPerGBMonth, `${at}.snapshotPerGBMonth`),
      asrLicensePerInstanceMonth: o.asrLicensePerInstanceMonth === undefined ? undefined : price(o.asrLicensePerInstanceMonth, `${at}.asrLicensePerInstanceMonth`),
      expressRoute: plans(o.expressRoute, `${at}.expressRoute`),
      vpnGateway: plans(o.vpnGateway, `${at}.vpnGateway`),
    }
  })
  return {schema: PRICE_SHEET_SCHEMA, label: text(top.label, 'label'), date: text(top.date, 'date'), source: typeof top.source === 'string' ? top.source : '', markets}
}

/** The market for a region and currency (either may be left out when the sheet has one match). */
export function selectMarket(sheet: LoadedPriceSheet, region?: string, currency?: string): PriceMarket {
  const matches = sheet.markets.filter((m) => (region === undefined || m.region === region.toLowerCase()) && (currency === undefined || m.currency === currency.toUpperCase()))
  const have = sheet.markets.map((m) => `${m.region}/${m.currency}`).join(', ')
  if (matches.length === 0) throw new HvplanError('E_FLAG', `must be a region and currency the price sheet ${sheet.file} has (${have}), got ${region ?? 'any region'}/${currency ?? 'any currency'}`, {flag: region === undefined ? 'currency' : 'region'})
  if (matches.length > 1) throw new HvplanError('E_FLAG', `must choose one of the price sheet's markets (${have}) with --region and --currency, got ${matches.length} matches`, {flag: 'region'})
  return matches[0]
}
