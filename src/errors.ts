/**
 * hvplan's one error class. Every error has a code from ERROR_CODES, a message shaped
 * "what: expected …, got …", and where known the file, line and column or the flag.
 */

export const ERROR_CODES = [
  'E_FLAG', // a flag value is invalid
  'E_OUTPUT_EXISTS', // an output would overwrite something without --force
  'E_INPUT_MISSING', // an input path does not exist
  'E_INPUT_FORMAT', // an input file is not in a format hvplan reads
  'E_INPUT_LIMIT', // an input passes a size limit (line, header, columns, gzip expansion: data/defaults.json, --input-limit)
  'E_NOTHING_INGESTED', // a run found nothing it could use
  'E_OUTPUT_WRITE', // an output could not be written (disk full, no permission); nothing is left under its name
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorLocation {
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly flag?: string
}

export class HvplanError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
    readonly suggestion?: string,
  ) {
    super(HvplanError.compose(message, location))
    this.name = 'HvplanError'
  }

  private static compose(message: string, at: ErrorLocation): string {
    if (at.flag) return `Invalid option --${at.flag}: ${message}`
    if (!at.file) return message
    const where = [at.file, at.line, at.column].filter((x) => x !== undefined).join(':')
    return `${message}, at ${where}`
  }
}

/** Error for a bad flag value: "Invalid option --rpo: must be …, got "abc"". */
export function flagError(flag: string, expected: string, got: unknown): HvplanError {
  return new HvplanError('E_FLAG', `must be ${expected}, got ${JSON.stringify(got)}`, {flag})
}

/** A flag that must be a positive number ("Invalid option --bandwidth: must be a positive number of Mbps, got "x""). */
export function positiveNumberFlag(flag: string, text: string, unit: string): number {
  const value = Number(text)
  if (!(value > 0) || !Number.isFinite(value)) throw flagError(flag, `a positive number of ${unit}`, text)
  return value
}

/** File-system errors that stop a read or a write alike, in words. */
const FILE_SYSTEM_CAUSES: Record<string, string> = {EACCES: 'permission denied', EPERM: 'operation not permitted', EIO: 'input/output error on the disk'}

/**
 * What a file-system or gzip error means for the file it came from, in words (undefined: not such
 * an error — a bug, which must not be reported as a bad file).
 */
export function fileErrorText(error: unknown): string | undefined {
  if (error instanceof HvplanError) return undefined
  const code = (error as {code?: unknown} | null)?.code
  if (typeof code !== 'string') return undefined
  const known: Record<string, string> = {
    Z_BUF_ERROR: 'the gzip file ends too early (truncated): copy it again from its host',
    Z_DATA_ERROR: 'the gzip file is corrupt (its compressed data is invalid): copy it again from its host',
    Z_STREAM_ERROR: 'the gzip file is corrupt: copy it again from its host',
    ENOENT: 'does not exist (a symbolic link to nothing, or removed while the run went on)',
    ELOOP: 'is a loop of symbolic links',
    EISDIR: 'is a folder where a file was expected',
    ENAMETOOLONG: 'has a path too long to open',
    EMFILE: 'cannot be opened: too many open files',
  }
  if (known[code]) return known[code]
  if (FILE_SYSTEM_CAUSES[code]) return `cannot be read: ${FILE_SYSTEM_CAUSES[code]}`
  return code.startsWith('E') || code.startsWith('Z_') ? `cannot be read (${code}: ${(error as Error).message})` : undefined
}

/**
 * An output that could not be written, as the user should read it: which file, why (the disk is
 * full, no permission) and that nothing was left under its name (the writers write `<name>.partial`
 * and rename it into place). Errors that are not the file system's pass through unchanged.
 */
export function outputWriteError(path: string, error: unknown, kept = 'nothing was left under that name, and an earlier file there is unchanged'): unknown {
  const code = (error as {code?: unknown} | null)?.code
  if (error instanceof HvplanError || typeof code !== 'string' || !(code.startsWith('E') || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'))) return error
  const why: Record<string, string> = {...FILE_SYSTEM_CAUSES, ENOSPC: 'the disk is full', SQLITE_FULL: 'the disk is full', EDQUOT: 'the disk quota is used up', EROFS: 'the file system is read-only'}
  return new HvplanError('E_OUTPUT_WRITE', `could not write ${path}: ${why[code] ?? `${code}: ${(error as Error).message}`} (${code}); ${kept}`, {})
}
