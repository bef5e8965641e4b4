/**
 * A localized host names the Hyper-V Virtual Storage Device object and its counters in its own
 * language; hvplan ships English and German names only (names of further languages only with a
 * source). When a log has an unknown object whose instances are virtual disks, hvplan writes a
 * ready --aliases file naming it, each counter under the measure its words suggest, for the user
 * to confirm — and never overwrites a file: a taken name gets a number.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {writeFileAtomic} from '../io/outputDir.js'
import {VSD_MEASURES, type VsdMeasure} from './counterNames.js'
import type {FileOutcome} from './ingestFile.js'

export interface AliasSuggestion {
  /** Object → the counters seen, in header order. */
  readonly objects: Readonly<Record<string, readonly string[]>>
  /** Each measure's counter where exactly one counter's words name it. */
  readonly counters: Readonly<Record<VsdMeasure, string[]>>
}

// Words of "byte", "read" and "write" in the languages Windows ships, and rate suffixes: guesses
// the user confirms, not a table of counter names.
const BYTES = /byte|bajt|octet|バイト|字节|位元組|바이트|байт/i
const WRITE = /writ|schreib|geschrieben|écri|escri|scritt|schrijf|geschreven|zapis|запис|zápis|書き込み|写|寫|쓰기/i
const READ = /read|lese|gelesen|\blus\b|leíd|lect|lett|\blidos\b|gelezen|odczyt|čten|чтени|読み取り|读|讀|읽/i
const RATE = /\/\s*(s|sec|seg|秒|초|с)\b|\/\s*(秒|초|с)|per sec/i

/** The unknown disk-like objects of the ingested logs, with a guess of each counter's measure. */
export function aliasSuggestion(outcomes: readonly FileOutcome[]): AliasSuggestion | undefined {
  const objects: Record<string, string[]> = {}
  for (const o of outcomes) {
    if (o.status !== 'ingested') continue
    for (const [object, counters] of Object.entries(o.quality.findings.diskLikeObjects ?? {})) {
      const list = (objects[object] ??= [])
      for (const c of counters) if (!list.includes(c)) list.push(c)
    }
  }
  if (Object.keys(objects).length === 0) return undefined
  const all = [...new Set(Object.values(objects).flat())]
  const candidates = (measure: VsdMeasure): string[] =>
    all.filter((c) => {
      const bytes = BYTES.test(c)
      const write = WRITE.test(c)
      const read = READ.test(c)
      if (write === read || !RATE.test(c)) return false
      if (measure === 'writeBytes') return bytes && write
      if (measure === 'readBytes') return bytes && read
      if (measure === 'writeOps') return !bytes && write
      return !bytes && read
    })
  const counters = Object.fromEntries(VSD_MEASURES.map((m) => [m, candidates(m).length === 1 ? candidates(m) : []])) as Record<VsdMeasure, string[]>
  return {objects, counters}
}

/** Writes the suggestion as an --aliases file in dir (hvplan-aliases.json, or -2, -3 … when taken); returns its path. */
export function writeAliasSuggestion(suggestion: AliasSuggestion, dir: string): string {
  let path = join(dir, 'hvplan-aliases.json')
  for (let k = 2; existsSync(path); k++) path = join(dir, `hvplan-aliases-${k}.json`)
  const unplaced = Object.values(suggestion.objects).flat().filter((c) => !Object.values(suggestion.counters).flat().includes(c))
  const file = {
    about: `Written by hvplan: ${Object.keys(suggestion.objects).length === 1 ? 'this object has' : 'these objects have'} virtual-disk instances but ${Object.keys(suggestion.objects).length === 1 ? 'a name' : 'names'} hvplan does not know. Check that each counter stands under its measure (writeBytes = Write Bytes/sec, readBytes = Read Bytes/sec, writeOps = Write Operations/Sec, readOps = Read Operations/Sec), move any from "countersSeen" that belongs, then pass this file with --aliases.`,
    vsdObjects: Object.keys(suggestion.objects),
    counters: suggestion.counters,
    countersSeen: suggestion.objects,
    ...(unplaced.length ? {notPlaced: unplaced} : {}),
  }
  writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n')
  return path
}

/** The sentence that points the user at the file. */
export function aliasSuggestionText(suggestion: AliasSuggestion, path: string): string {
  const objects = Object.entries(suggestion.objects).map(([o, c]) => `"${o}" (${c.length} counter${c.length === 1 ? '' : 's'})`)
  const placed = VSD_MEASURES.filter((m) => suggestion.counters[m].length === 1).length
  return `${objects.join(', ')} ${objects.length === 1 ? 'has' : 'have'} virtual-disk instances (.vhdx) but an unknown name — a localized Hyper-V Virtual Storage Device? A ready alias file is in ${path} (${placed} of 4 counters placed by their words): check it, then pass --aliases ${path}`
}
