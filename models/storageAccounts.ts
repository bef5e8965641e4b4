/**
 * Storage-account placement (spec §4.4): VMs go into standard or premium accounts, first-fit
 * decreasing, under each account type's limits; a VM never spans accounts. Standard accounts are
 * bounded by IOPS (20,000); premium accounts by provisioned capacity (35 TB; test failover on
 * unmanaged disks needs the same space again) and snapshot storage (10 TB). Each premium account
 * needs a standard log (cache) account. Limits are passed in from data.
 */

export interface AccountItem {
  readonly vm: string
  readonly storage: 'standard' | 'premium'
  readonly iops: number
  /** Provisioned premium size (tiers) or VHD size for standard, GB. */
  readonly sizeGB: number
  readonly snapshotGB: number
}

export interface AccountLimits {
  readonly standardAccountIops: number
  readonly premiumAccountCapacityGB: number
  readonly premiumSnapshotGB: number
  /** Managed disks: test failover needs no second copy in the account. */
  readonly managedDisks: boolean
}

export interface Account {
  readonly name: string
  readonly storage: 'standard' | 'premium' | 'log'
  readonly vms: readonly string[]
  readonly iops: number
  readonly sizeGB: number
  readonly snapshotGB: number
  /** A VM alone exceeds the account's limit (reported, still placed). */
  readonly overLimit: boolean
}

export function placeInAccounts(items: readonly AccountItem[], limits: AccountLimits, prefix: string): Account[] {
  const accounts: Array<{storage: 'standard' | 'premium'; vms: string[]; iops: number; sizeGB: number; snapshotGB: number; overLimit: boolean}> = []
  const capacityOf = (item: AccountItem) => (limits.managedDisks ? item.sizeGB : 2 * item.sizeGB)
  const fits = (a: (typeof accounts)[number], item: AccountItem) =>
    a.storage === 'standard' ? a.iops + item.iops <= limits.standardAccountIops : a.sizeGB + capacityOf(item) <= limits.premiumAccountCapacityGB && a.snapshotGB + item.snapshotGB <= limits.premiumSnapshotGB
  const key = (item: AccountItem) => (item.storage === 'standard' ? item.iops : capacityOf(item))
  for (const item of [...items].sort((a, b) => key(b) - key(a) || a.vm.localeCompare(b.vm))) {
    const target = accounts.find((a) => a.storage === item.storage && fits(a, item))
    if (target) {
      target.vms.push(item.vm)
      target.iops += item.iops
      target.sizeGB += capacityOf(item)
      target.snapshotGB += item.snapshotGB
      continue
    }
    const fresh = {storage: item.storage, vms: [item.vm], iops: item.iops, sizeGB: capacityOf(item), snapshotGB: item.snapshotGB, overLimit: false}
    fresh.overLimit = !fits({...fresh, vms: [], iops: 0, sizeGB: 0, snapshotGB: 0}, item)
    accounts.push(fresh)
  }
  const named: Account[] = accounts.map((a, k) => ({...a, name: `${prefix}${a.storage === 'premium' ? 'prem' : 'std'}${String(k + 1).padStart(2, '0')}`}))
  const premium = named.filter((a) => a.storage === 'premium')
  if (premium.length) named.push({name: `${prefix}log01`, storage: 'log', vms: premium.flatMap((a) => a.vms), iops: 0, sizeGB: 0, snapshotGB: 0, overLimit: false})
  return named
}

/** A 3-character lower-case prefix derived from the VM names (storage account names are global). */
export function accountPrefix(vms: readonly string[]): string {
  let h = 0x811c9dc5
  for (const c of [...vms].sort().join('|')) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return alphabet[h % 26] + alphabet[(h >>> 8) % 36] + alphabet[(h >>> 16) % 36]
}
