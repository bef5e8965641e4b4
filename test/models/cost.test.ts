/** The cost model against hand-worked examples, one per component and state. */
import {describe, expect, it} from 'vitest'
import {cheapestCoveringPlan, costEstimate, type CostOptions, type CostRowInput} from '../../models/cost.js'

const options: CostOptions = {drillsPerYear: 4, drillDays: 7, hybridBenefit: true, discountPercent: 0, licensePerInstanceMonthly: 25, networkMonthly: 300}
const windowsVm: CostRowInput = {name: 'W', count: 1, os: 'windows', hourlyWindows: 0.2, hourlyLinux: 0.1, replicationStoragePerVmMonthly: 36.5}

describe('costEstimate', () => {
  it('prices drill compute as hourly × 24 × drills × days ÷ 12, at the base rate with Hybrid Benefit', () => {
    // 0.1 × 24 × 4 × 7 / 12 = 5.6 per month; without the benefit 0.2 → 11.2.
    expect(costEstimate([windowsVm], options).rows[0].drillCompute).toBeCloseTo(5.6, 12)
    expect(costEstimate([windowsVm], {...options, hybridBenefit: false}).rows[0].drillCompute).toBeCloseTo(11.2, 12)
    // Linux uses the base rate either way.
    expect(costEstimate([{...windowsVm, os: 'linux'}], {...options, hybridBenefit: false}).rows[0].drillCompute).toBeCloseTo(5.6, 12)
  })

  it('prices replication storage per month, and drill storage for the drill days of the year', () => {
    const r = costEstimate([windowsVm], options).rows[0]
    expect(r.replicationStorage).toBe(36.5)
    // 36.5 × 4 × 7 / 365 = 2.8
    expect(r.drillStorage).toBeCloseTo(2.8, 12)
  })

  it('counts the ASR license once per protected instance (count × price, not twice)', () => {
    const five = costEstimate([{...windowsVm, count: 5}], options)
    expect(five.rows[0].license).toBe(125)
    expect(five.totals.license).toBe(125)
    // Row total = 5 × (36.5 + 5.6 + 2.8) + 125 = 349.5
    expect(five.rows[0].total).toBeCloseTo(349.5, 9)
    expect(five.totals.monthly).toBeCloseTo(349.5 + 300, 9)
  })

  it('sums components and states, applies the discount to every one, and gives the year as 12 months', () => {
    const est = costEstimate([windowsVm, {...windowsVm, name: 'L', os: 'linux', hourlyWindows: null, hourlyLinux: 0.3, replicationStoragePerVmMonthly: 73}], {...options, discountPercent: 10})
    const t = est.totals
    // Compute 0.9 × (5.6 + 16.8) = 20.16; replication storage 0.9 × 109.5 = 98.55; drill storage
    // 0.9 × (2.8 + 5.6) = 7.56; license 0.9 × 50 = 45; network 0.9 × 300 = 270.
    expect(t.compute).toBeCloseTo(20.16, 9)
    expect(t.replicationStorage).toBeCloseTo(98.55, 9)
    expect(t.drillStorage).toBeCloseTo(7.56, 9)
    expect(t.storage).toBeCloseTo(106.11, 9)
    expect(t.license).toBeCloseTo(45, 9)
    expect(t.network).toBeCloseTo(270, 9)
    expect(t.replication).toBeCloseTo(98.55 + 270 + 45, 9)
    expect(t.drill).toBeCloseTo(20.16 + 7.56, 9)
    expect(t.monthly).toBeCloseTo(t.replication + t.drill, 9)
    expect(t.yearly).toBeCloseTo(12 * t.monthly, 9)
  })

  it('leaves a row whose price is missing out of the totals, never as zero', () => {
    const est = costEstimate([windowsVm, {...windowsVm, name: 'X', hourlyLinux: null}], options)
    expect(est.rows[1].drillCompute).toBeNull()
    expect(est.rows[1].total).toBeNull()
    expect(est.totals.rowsMissingPrices).toBe(1)
    // X's storage and license still count; its compute does not.
    expect(est.totals.compute).toBeCloseTo(5.6, 12)
    expect(est.totals.license).toBe(50)
  })
})

describe('cheapestCoveringPlan', () => {
  const plans = [
    {plan: 'a', mbps: 100, monthly: 300},
    {plan: 'b', mbps: 200, monthly: 575},
    {plan: 'c', mbps: 1000, monthly: 500},
  ]
  it('takes the cheapest plan of at least the bandwidth, not the smallest', () => {
    expect(cheapestCoveringPlan(plans, 100)?.plan).toBe('a')
    expect(cheapestCoveringPlan(plans, 150)?.plan).toBe('c')
    expect(cheapestCoveringPlan(plans, 1000.1)).toBeUndefined()
  })
})
