/**
 * Which text encoding a counter log is in. Windows writes PDH-CSV in the host's ANSI code page
 * (perfmon, relog) or UTF-16LE (some tools, with a BOM); PowerShell writes UTF-8 or ASCII. The code
 * page is never taken from this machine's locale: it is found from the content — the header's
 * counter paths must decode to a known object (the Hyper-V Virtual Storage Device names and the
 * user's --aliases), or else to words of one script each (Cyrillic words, not "Ïðîöåññ") — or
 * forced with --encoding. Decoding is the platform's TextDecoder (WHATWG encodings, full ICU).
 */
import {HvplanError} from '../errors.js'

/** WHATWG labels of the encodings hvplan reads, with the Windows code page each stands for. */
export const ENCODINGS = [
  {encoding: 'utf8', codePage: 65001, label: 'utf-8', names: ['utf-8', 'utf8', '65001']},
  {encoding: 'utf16le', codePage: 1200, label: 'utf-16le', names: ['utf-16le', 'utf-16', 'utf16', 'unicode', '1200']},
  {encoding: 'windows-1252', codePage: 1252, label: 'windows-1252', names: ['latin1', 'western']},
  {encoding: 'windows-1250', codePage: 1250, label: 'windows-1250', names: ['central european']},
  {encoding: 'windows-1251', codePage: 1251, label: 'windows-1251', names: ['cyrillic']},
  {encoding: 'windows-1253', codePage: 1253, label: 'windows-1253', names: ['greek']},
  {encoding: 'windows-1254', codePage: 1254, label: 'windows-1254', names: ['turkish']},
  {encoding: 'windows-1255', codePage: 1255, label: 'windows-1255', names: ['hebrew']},
  {encoding: 'windows-1256', codePage: 1256, label: 'windows-1256', names: ['arabic']},
  {encoding: 'windows-1257', codePage: 1257, label: 'windows-1257', names: ['baltic']},
  {encoding: 'windows-1258', codePage: 1258, label: 'windows-1258', names: ['vietnamese']},
  {encoding: 'windows-874', codePage: 874, label: 'windows-874', names: ['thai']},
  {encoding: 'shift_jis', codePage: 932, label: 'shift_jis', names: ['shift-jis', 'sjis', 'japanese']},
  {encoding: 'gbk', codePage: 936, label: 'gbk', names: ['gb2312', 'simplified chinese']},
  {encoding: 'euc-kr', codePage: 949, label: 'euc-kr', names: ['korean', 'ks_c_5601-1987']},
  {encoding: 'big5', codePage: 950, label: 'big5', names: ['traditional chinese']},
] as const

export type TextEncoding = (typeof ENCODINGS)[number]['encoding']

/** The WHATWG label TextDecoder takes for an encoding. */
export function decoderLabel(encoding: TextEncoding): string {
  return ENCODINGS.find((e) => e.encoding === encoding)!.label
}

/** "Windows-1251 (code page 1251)" */
export function encodingName(encoding: TextEncoding): string {
  const e = ENCODINGS.find((x) => x.encoding === encoding)!
  return e.encoding === 'utf8' ? 'UTF-8' : e.encoding === 'utf16le' ? 'UTF-16LE' : `${e.label} (code page ${e.codePage})`
}

/** --encoding: a WHATWG label, a code page number (1251, cp1251) or a name ("cyrillic"). */
export function parseEncodingFlag(text: string): TextEncoding {
  const key = text.trim().toLowerCase().replace(/^(cp|windows-?|ibm)(?=\d)/, '')
  for (const e of ENCODINGS) {
    if (String(e.codePage) === key || e.label === text.trim().toLowerCase() || e.encoding === key || (e.names as readonly string[]).includes(key)) return e.encoding
  }
  throw new HvplanError('E_FLAG', `must be a code page such as 1251 (or windows-1251), 1250, 932 (shift_jis), 936 (gbk), 949 (euc-kr), 950 (big5), 874, 1252–1258, or utf-8 / utf-16le; got ${JSON.stringify(text)}`, {flag: 'encoding'})
}

/** The ANSI code pages tried, in the order that wins a tie (the Western page first). */
const CANDIDATES: readonly TextEncoding[] = ['windows-1252', 'windows-1250', 'windows-1251', 'windows-1253', 'windows-1254', 'windows-1257', 'windows-1258', 'windows-1255', 'windows-1256', 'windows-874', 'shift_jis', 'euc-kr', 'big5', 'gbk']

export interface Decoded {
  readonly encoding: TextEncoding
  readonly text: string
  /** How the encoding was found: a BOM, valid UTF-8, a known object name, the scripts of the words, a tie left to the Western page, or --encoding. */
  readonly by: 'bom' | 'utf-8' | 'known object' | 'script' | 'default' | 'flag'
  /** A few non-ASCII words as decoded, to show the user ("Процесс"). */
  readonly sample?: string
}

/**
 * Decodes the first bytes of a file (a BOM, else UTF-8 when valid, else the code page whose
 * decoding makes sense of the header), or in the encoding forced.
 */
export function decodeHead(bytes: Uint8Array, options: {forced?: TextEncoding; knownObjects?: readonly string[]} = {}): Decoded {
  // TextDecoder drops a byte-order mark of its own encoding (UTF-8's, UTF-16LE's) itself.
  if (options.forced) return {encoding: options.forced, text: decodeAll(options.forced, bytes), by: 'flag'}
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return {encoding: 'utf16le', text: decodeAll('utf16le', bytes), by: 'bom'}
  // UTF-16LE without a BOM: `"\0(\0` or `(\0P\0` at the start.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return {encoding: 'utf16le', text: new TextDecoder('utf-16le').decode(bytes), by: 'bom'}
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = bom ? bytes.subarray(3) : bytes
  try {
    return {encoding: 'utf8', text: new TextDecoder('utf-8', {fatal: true}).decode(trimPartialUtf8(body)), by: bom ? 'bom' : 'utf-8'}
  } catch {
    // not UTF-8: an ANSI code page
  }
  const head = firstLines(body)
  // Only a name with a non-ASCII letter tells code pages apart ("Hyper-V Virtual Storage Device" reads the same in all).
  const known = new Set((options.knownObjects ?? []).filter((o) => /[^\p{ASCII}]/u.test(o)).map((o) => o.toLowerCase()))
  let best: {encoding: TextEncoding; score: number; characters: number; words: string[]} | undefined
  for (const encoding of CANDIDATES) {
    let text: string
    try {
      text = new TextDecoder(decoderLabel(encoding), {fatal: true}).decode(head)
    } catch {
      continue // a byte sequence this code page does not have
    }
    const knownObject = objectNames(text).find((o) => known.has(o.toLowerCase()))
    if (knownObject) return {encoding, text: decodeAll(encoding, body), by: 'known object', sample: knownObject}
    const {score, words} = scriptScore(text)
    // A tie goes to the decoding with fewer characters: text in a double-byte page read as a
    // single-byte one gives two letters per character (and the single-byte candidates come first).
    const characters = text.length
    if (!best || score > best.score || (score === best.score && characters < best.characters)) best = {encoding, score, characters, words}
  }
  if (!best) return {encoding: 'windows-1252', text: decodeAll('windows-1252', body), by: 'default'}
  const sample = [...new Set(best.words)].slice(0, 3).join(', ')
  return {encoding: best.encoding, text: decodeAll(best.encoding, body), by: best.encoding === 'windows-1252' && best.score <= 0 ? 'default' : 'script', sample: sample || undefined}
}

function decodeAll(encoding: TextEncoding, bytes: Uint8Array): string {
  return new TextDecoder(decoderLabel(encoding)).decode(bytes)
}

/** The header and the line after it, whole characters only (the head buffer may end mid-character). */
function firstLines(bytes: Uint8Array): Uint8Array {
  let newlines = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 && ++newlines === 2) return bytes.subarray(0, i)
  }
  const lastNewline = bytes.lastIndexOf(10)
  return lastNewline > 0 ? bytes.subarray(0, lastNewline) : bytes
}

/** Object names of the counter paths in a header: `\\HOST\Object(…)\…` → Object. */
export function objectNames(text: string): string[] {
  const names = new Set<string>()
  for (const m of text.matchAll(/\\\\[^\\"\t;,]+\\([^\\"\t;]+?)(?:\([^"\t;]*\))?\\/g)) names.add(m[1])
  return [...names]
}

const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['thai', /\p{Script=Thai}/u],
  ['halfwidth', /[\uff61-\uff9f]/u],
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u],
  ['hangul', /\p{Script=Hangul}/u],
]

function scriptOf(ch: string): string {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name
  return 'other'
}

/**
 * How much sense a decoding makes: each distinct word with a non-ASCII letter counts +1 when it is
 * written in one script, with a plausible case pattern (no capital after a small letter) and, in
 * Latin, mostly ASCII letters ("físico", not "Ïðîöåññ"); −1 otherwise. Control characters,
 * U+FFFD and non-ASCII symbols count against.
 */
function scriptScore(text: string): {score: number; words: string[]} {
  let score = 0
  const good: string[] = []
  const seen = new Set<string>()
  for (const m of text.matchAll(/[\p{L}\p{M}\u30fc]+/gu)) {
    const word = m[0]
    if (!/[^\p{ASCII}]/u.test(word) || seen.has(word)) continue
    seen.add(word)
    const letters = [...word].filter((c) => !/\p{M}/u.test(c))
    const scripts = new Set(letters.map(scriptOf))
    let ok = scripts.size === 1 && !scripts.has('halfwidth') && !scripts.has('other')
    if (ok && scripts.has('latin')) ok = letters.filter((c) => /[^\p{ASCII}]/u.test(c)).length * 2 <= letters.length
    if (ok && /\p{Ll}\p{Lu}/u.test(word)) ok = false
    if (ok) good.push(word)
    score += ok ? 1 : -1
  }
  score -= 2 * (text.match(/[\u0080-\u009f\ufffd]/g)?.length ?? 0)
  // Counter names are words: a non-ASCII symbol among them ("¦", "×", "‡") is a byte read in the wrong page.
  score -= text.match(/[^\p{ASCII}\p{L}\p{M}\s\u30fc]/gu)?.length ?? 0
  return {score, words: good}
}

/** Drops a UTF-8 sequence cut off at the end of the head buffer, so it does not look invalid. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length
  let back = 0
  while (end > 0 && back < 4 && (bytes[end - 1] & 0xc0) === 0x80) {
    end--
    back++
  }
  if (end > 0 && bytes[end - 1] >= 0xc0) return bytes.subarray(0, end - 1)
  return bytes
}
