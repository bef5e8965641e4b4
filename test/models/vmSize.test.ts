import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {pickVmSize, type VmSizeSpec} from '../../models/vmSize.js'

const catalog = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'vmSizes.json'), 'utf8')) as {sizes: VmSizeSpec[]}).sizes
const need = {vcpus: 2, memoryMB: 4096, dataDisks: 1, nics: 1, iops: 500, premium: false}

describe('pickVmSize', () => {
  it('takes the smallest size of the current catalog meeting every need', () => {
    expect(pickVmSize(need, catalog)?.name).toBe('Standard_B2ls_v2') // 2 vCPUs, 4 GiB (B2ts_v2 has 1 GiB)
    expect(pickVmSize({...need, memoryMB: 4097}, catalog)?.name).toBe('Standard_B2s_v2') // 8 GiB, first of the 2-vCPU 8 GiB sizes
    // 4 NICs: no 2- or 4-vCPU size has them; of the 8-vCPU sizes with 4 the F8s_v2 has the least memory (16 GiB).
    expect(pickVmSize({...need, nics: 4}, catalog)?.name).toBe('Standard_F8s_v2')
    // 4,000 IOPS: every 2-vCPU size stops at 3,750 (F2s_v2 3,200); B4ls_v2 gives 6,400 with 8 GiB.
    expect(pickVmSize({...need, iops: 4000}, catalog)?.name).toBe('Standard_B4ls_v2')
    // Premium storage rules out D2_v5 and E2_v5, never the s sizes: 16 GiB → E2s_v5 before E2_v5.
    expect(pickVmSize({...need, memoryMB: 16 * 1024, premium: true}, catalog)?.name).toBe('Standard_E2s_v5')
  })

  it('is a catalog of current generations, each family from its size table', () => {
    const families = new Set(catalog.map((s) => s.name.replace(/^Standard_[A-Z]+\d+[a-z]*_/, '').replace(/^Standard_/, '') + ':' + s.name.match(/^Standard_([A-Z])\d+([a-z]*)_/)?.slice(1).join('')))
    for (const f of ['v5:D', 'v5:Ds', 'v5:E', 'v5:Es', 'v2:Fs', 'v2:Bs', 'v2:Bls', 'v2:Bts']) expect(families, f).toContain(f)
    expect(catalog.find((s) => s.name === 'Standard_E8s_v5')).toEqual({name: 'Standard_E8s_v5', vcpus: 8, memoryGiB: 64, maxDataDisks: 16, maxNics: 4, maxUncachedIops: 12800, premium: true})
    expect(catalog.some((s) => /_v3$|Standard_B\d+ms?$/.test(s.name))).toBe(false)
  })

  it('does not check an uncached IOPS limit a size table does not publish (null)', () => {
    const unpublished = [{name: 'Y', vcpus: 2, memoryGiB: 8, maxDataDisks: 4, maxNics: 2, maxUncachedIops: null, premium: false}]
    expect(pickVmSize({...need, iops: 50_000}, unpublished)?.name).toBe('Y')
  })

  it('needs a premium-capable size for premium storage, and says when nothing fits', () => {
    const small = [{name: 'X', vcpus: 2, memoryGiB: 8, maxDataDisks: 4, maxNics: 2, maxUncachedIops: 2000, premium: false}]
    expect(pickVmSize({...need, premium: true}, small)).toBeUndefined()
    expect(pickVmSize({...need, vcpus: 128}, catalog)).toBeUndefined()
  })
})
