/**
 * Azure's billing zones for network prices. Some Retail Prices items (ExpressRoute circuits,
 * bandwidth) carry a zone, not a region, in armRegionName ("Zone 1", "Zone 2", "US Gov Zone 1"):
 * such a price applies to every region of that zone. Zones by geography, as Microsoft documents
 * them — Zone 1: North America and Europe; Zone 2: Asia Pacific (Japan, Korea, India, Australia
 * and the rest of Asia); Zone 3: South America, Africa and the Middle East; US Gov Zone 1: the
 * Azure Government regions (Azure bandwidth pricing, https://azure.microsoft.com/pricing/details/bandwidth/;
 * the zone table of "Supported Azure regions", PlayFab Party docs on Microsoft Learn). A region
 * matching no geography here gets no zone-priced plan, and the import says how many were left.
 */

export type BillingZone = 'Zone 1' | 'Zone 2' | 'Zone 3' | 'US Gov Zone 1'

/** Region-name patterns per zone (armRegionName, lower case), first match wins. */
const ZONE_RULES: ReadonlyArray<readonly [BillingZone, RegExp]> = [
  ['US Gov Zone 1', /^(usgov|usdod)/],
  // Zone 3 before the others: "southafricanorth" is not North America, "brazilsouth" not Zone 1.
  ['Zone 3', /^(brazil|chile|southafrica|uae|qatar|israel|saudi|kuwait|bahrain)/],
  ['Zone 2', /^(eastasia|southeastasia|japan|korea|australia|centralindia|southindia|westindia|jioindia|indiasouth|indonesia|malaysia|newzealand|taiwan|singapore)/],
  ['Zone 1', /^(eastus|westus|centralus|northcentralus|southcentralus|westcentralus|canada|mexico|northeurope|westeurope|uk|france|germany|switzerland|norway|sweden|poland|italy|spain|austria|belgium|denmark|finland|greece)/],
]

/** The billing zone an item's armRegionName names ("Zone 2", "US Gov Zone 1"), or undefined for a region. */
export function zoneOfPriceItem(armRegionName: string): BillingZone | undefined {
  const m = /^(US Gov )?Zone (\d)$/i.exec(armRegionName.trim())
  if (!m) return undefined
  const zone = `${m[1] ? 'US Gov ' : ''}Zone ${m[2]}`
  return (ZONE_RULES.some(([z]) => z === zone) ? zone : undefined) as BillingZone | undefined
}

/** The billing zone of a region (armRegionName), or undefined when no geography rule covers it. */
export function zoneOfRegion(region: string): BillingZone | undefined {
  const name = region.toLowerCase()
  return ZONE_RULES.find(([, pattern]) => pattern.test(name))?.[0]
}
