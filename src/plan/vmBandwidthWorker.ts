/** Worker-thread side of vmBandwidths.ts: takes VMs from the shared counter until none are left. */
import {workerData} from 'node:worker_threads'
import {takeVms, type VmBandwidthJob} from './vmBandwidths.js'

takeVms(workerData as VmBandwidthJob)
