/**
 * `hvplan plan` and `hvplan report` as one service: find the inputs once, ingest them, compute the
 * report document from the flags' options, write the outputs — reporting each phase as it starts.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {InputSet} from '../ingest/discover.js'
import {findInputs, type IngestProgress, ingestInputs, type IngestRunOptions, type IngestRunResult, nothingUsable} from '../ingest/ingestRun.js'
import {writeOutputDirAsync} from '../io/outputDir.js'
import {loadLimits} from '../limits.js'
import {buildReport, type ReportDocument, type ReportOptions} from '../report/document.js'
import {writeReport} from '../report/writeReport.js'
import {withProfile} from '../store/profileStore.js'
import {loadVmCatalog} from '../vmCatalog.js'
import {inputReport} from './inputReport.js'

export interface ReportInputs {
  readonly options: ReportOptions
  readonly limitsFile: string | undefined
  readonly vmSizesFile: string | undefined
}

/** The report document of a profile file, for the options given; `onPhase` hears each step start. */
export function buildReportFromProfile(profile: string, inputs: ReportInputs, onPhase?: (phase: string) => void, pageSeries = false): ReportDocument {
  return withProfile(profile, (store) => buildReport(store, {...inputs.options, pageSeries}, loadLimits(inputs.limitsFile), loadVmCatalog(inputs.vmSizesFile), onPhase))
}

export interface RunPlanOptions extends ReportInputs {
  readonly out: string
  readonly force: boolean
  readonly ingest: Omit<IngestRunOptions, 'profile' | 'inputs'>
}

export interface RunPlanResult {
  readonly inputs: InputSet
  readonly run: IngestRunResult
  readonly doc: ReportDocument
  readonly files: readonly string[]
}

export const PLAN_FILES = ['report.pdf', 'report.xlsx', 'report.html', 'report.json', 'profile.sqlite', 'inputs.json'] as const

export const PLAN_STATUS = 'Churn profile, replication bandwidth, protection plan and cost computed (report.xlsx, report.pdf, report.html, report.json).'

export async function runPlan(paths: readonly string[], options: RunPlanOptions, progress: {ingest?: (p: IngestProgress) => void; phase?: (phase: string) => void} = {}): Promise<RunPlanResult> {
  progress.phase?.('finding the inputs')
  const inputs = await findInputs(paths, options.ingest)
  const result = await writeOutputDirAsync(options.out, options.force, 'out', async (tmp) => {
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({...inputReport(inputs, process.cwd()), status: PLAN_STATUS}, null, 2) + '\n')
    progress.phase?.('ingesting the logs')
    const run = await ingestInputs(paths, {...options.ingest, profile: join(tmp, 'profile.sqlite'), inputs}, progress.ingest)
    const nothing = nothingUsable(run)
    if (nothing) throw nothing // no plan from an empty profile
    const doc = buildReportFromProfile(join(tmp, 'profile.sqlite'), options, progress.phase, true)
    progress.phase?.('writing the workbook')
    await writeReport(doc, {xlsx: join(tmp, 'report.xlsx')})
    progress.phase?.('writing the PDF')
    await writeReport(doc, {pdf: join(tmp, 'report.pdf')})
    progress.phase?.('writing the interactive page')
    await writeReport(doc, {html: join(tmp, 'report.html')})
    progress.phase?.('writing the JSON')
    await writeReport(doc, {json: join(tmp, 'report.json')})
    return {run, doc}
  })
  return {inputs, run: result.run, doc: result.doc, files: PLAN_FILES.map((f) => join(options.out, f))}
}
