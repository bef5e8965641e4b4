/** The report as JSON: the document as built (stable key order), written to a temp file and renamed. */
import {FileSink} from '../io/fileSink.js'
import type {ReportDocument} from './document.js'

export function writeReportJson(doc: ReportDocument, path: string): void {
  const sink = new FileSink(path)
  try {
    // Infinity (an IR that never ends, a tolerance past the profiled period) becomes null.
    // The interactive page's series are not part of the JSON (docs/json.md).
    sink.write(JSON.stringify({...doc, pageSeries: undefined}, null, 2) + '\n')
    sink.close()
  } catch (error) {
    sink.abort()
    throw error
  }
}
