import {Args, Command, Flags} from '@oclif/core'
import {runOrExit} from '../../src/cli.js'
import {count} from '../../src/text.js'

interface ImportResult {
  readonly out: string
  readonly markets: ReadonlyArray<{region: string; currency: string}>
  readonly items: number
  readonly mapped: Readonly<Record<string, number>>
  readonly skipped: Readonly<Record<string, number>>
  readonly unmapped: ReadonlyArray<{meter: string; count: number}>
}

export default class PricesImport extends Command {
  static override summary = 'Build a price sheet from Azure Retail Prices API pages'
  static override description = `Converts JSON pages of the Azure Retail Prices API, downloaded on a connected machine, into the price sheet hvplan report and plan read (--prices). One market per region and currency found; pay-as-you-go (Consumption) prices only. Maps VM hourly prices (Linux and Windows), managed-disk tiers, page-blob storage and write transactions, snapshots, the ASR license, ExpressRoute plans and VPN gateway SKUs (docs/cost.md), and lists every meter it could not map with its count.

Download, for example, with PowerShell:
  Invoke-RestMethod "https://prices.azure.com/api/retail/prices?\`$filter=armRegionName eq 'westeurope' and serviceName eq 'Virtual Machines'" | ConvertTo-Json -Depth 5 > vm.json
and follow NextPageLink for further pages; likewise for serviceName 'Storage', 'Azure Site Recovery', 'ExpressRoute' and 'VPN Gateway'. Add &currencyCode='EUR' for another currency.`

  static override examples = ['<%= config.bin %> prices import vm.json storage.json asr.json er.json vpn.json --out prices.json']
  static override enableJsonFlag = true
  static override strict = false
  static override args = {
    files: Args.string({description: 'Retail Prices API pages (JSON).', required: true}),
  }

  static override flags = {
    out: Flags.string({char: 'o', summary: 'The price sheet to write (JSON).', required: true}),
    force: Flags.boolean({summary: 'Replace an existing file.', default: false}),
  }

  async run(): Promise<ImportResult> {
    const {argv, flags} = await this.parse(PricesImport)
    return runOrExit(this, async () => {
      const {assertWritableOutput, writeFileAtomic} = await import('../../src/io/outputDir.js')
      const {HvplanError} = await import('../../src/errors.js')
      const {importRetailPrices, missingPriceWarnings, readRetailPages} = await import('../../src/prices/retailImport.js')
      const {checkPriceSheet} = await import('../../src/prices/priceSheet.js')
      assertWritableOutput(flags.out, flags.force, 'out')
      const report = importRetailPrices(readRetailPages(argv as string[]), new Date().toISOString().slice(0, 10))
      if (report.sheet.markets.length === 0) throw new HvplanError('E_INPUT_FORMAT', `no price in ${count(argv.length, 'file')} could be mapped (${report.items} items): expected Retail Prices API pages of Virtual Machines, Storage, Azure Site Recovery, ExpressRoute or VPN Gateway`, {file: (argv as string[])[0]})
      checkPriceSheet(report.sheet, flags.out) // what is written must load
      writeFileAtomic(flags.out, JSON.stringify(report.sheet, null, 2) + '\n')
      const result: ImportResult = {out: flags.out, markets: report.sheet.markets.map((m) => ({region: m.region, currency: m.currency})), items: report.items, mapped: report.mapped, skipped: report.skipped, unmapped: report.unmapped}
      if (!this.jsonEnabled()) {
        this.log(`Read ${report.items} items from ${count(argv.length, 'file')}; wrote ${flags.out} with ${result.markets.map((m) => `${m.region}/${m.currency}`).join(', ')}.`)
        this.log(`Mapped: ${Object.entries(report.mapped).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}.`)
        if (Object.keys(report.skipped).length) this.log(`Skipped: ${Object.entries(report.skipped).map(([k, n]) => `${n} ${k}`).join(', ')}.`)
        for (const w of missingPriceWarnings(report.sheet)) this.warn(w)
        if (report.unmapped.length) {
          this.log(`Not mapped (${report.unmapped.reduce((n, u) => n + u.count, 0)} items):`)
          for (const u of report.unmapped.slice(0, 30)) this.log(`  ${String(u.count).padStart(5)}  ${u.meter}`)
          if (report.unmapped.length > 30) this.log(`  … and ${report.unmapped.length - 30} more kinds (--json lists them all)`)
        }
      }
      return result
    })
  }
}
