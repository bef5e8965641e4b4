/** The cost in one line for the terminal. */
import type {CostPlan} from '../plan/costPlan.js'
import {count} from '../text.js'

export function money(value: number, currency: string): string {
  return `${currency} ${value.toLocaleString('en-US', {minimumFractionDigits: 0, maximumFractionDigits: 0})}`
}

export function costLine(cost: CostPlan): string {
  const t = cost.totals
  const c = cost.priceSheet.currency
  const prices = cost.priceSheet.example ? `EXAMPLE prices of ${cost.priceSheet.date}, not a quote` : `prices ${cost.priceSheet.file} of ${cost.priceSheet.date}`
  return `DR cost (${prices}; ${cost.priceSheet.region}): ${money(t.monthly, c)} per month, ${money(t.yearly, c)} per year — compute ${money(t.compute, c)}, storage ${money(t.storage, c)}, network ${money(t.network, c)}, ASR license ${money(t.license, c)} per month${t.rowsMissingPrices ? `; ${count(t.rowsMissingPrices, 'VM row')} without prices left out` : ''}`
}
