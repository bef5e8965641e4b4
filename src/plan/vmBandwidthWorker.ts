/** Worker-thread side of vmBandwidths.ts: takes VMs from the shared counter until none are left (or one fails). */
import {workerData} from 'node:worker_threads'
import {takeVmsInWorker, type VmBandwidthJob} from './vmBandwidths.js'

takeVmsInWorker(workerData as VmBandwidthJob)
