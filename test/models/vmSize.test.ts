import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {pickVmSize, type VmSizeSpec} from '../../models/vmSize.js'

const catalog = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'vmSizes.json'), 'utf8')) as {sizes: VmSizeSpec[]}).sizes
const need = {vcpus: 2, memoryMB: 4096, dataDisks: 1, nics: 1, iops: 500, premium: false}

describe('pickVmSize', () => {
  it('takes the smallest size meeting every need', () => {
    expect(pickVmSize(need, catalog)?.name).toBe('Standard_B2s') // 2 vCPUs, 4 GiB
    expect(pickVmSize({...need, memoryMB: 4097}, catalog)?.name).toBe('Standard_B2ms')
    expect(pickVmSize({...need, nics: 4}, catalog)?.name).toBe('Standard_B4ms')
    expect(pickVmSize({...need, iops: 2500}, catalog)?.name).toBe('Standard_D2s_v3') // 3,200 uncached IOPS, 8 GiB
  })

  it('needs a premium-capable size for premium storage, and says when nothing fits', () => {
    const small = [{name: 'X', vcpus: 2, memoryGiB: 8, maxDataDisks: 4, maxNics: 2, maxUncachedIops: 2000, premium: false}]
    expect(pickVmSize({...need, premium: true}, small)).toBeUndefined()
    expect(pickVmSize({...need, vcpus: 128}, catalog)).toBeUndefined()
  })
})
