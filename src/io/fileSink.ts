/**
 * Buffered, synchronous file output that never leaves a half-written file under the final name:
 * text goes to `<path>.partial` and is renamed into place by close(). Optional gzip (one gzip
 * member per buffer flush; gunzip and Node's zlib read concatenated members as one stream) and
 * the encodings Windows tools write (UTF-16LE with BOM, Windows-1252, ASCII).
 */
import {closeSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {gzipSync} from 'node:zlib'
import {outputWriteError} from '../errors.js'

export type SinkEncoding = 'utf8' | 'utf16le' | 'latin1' | 'ascii'

export interface FileSinkOptions {
  readonly gzip?: boolean
  readonly encoding?: SinkEncoding
  readonly bom?: boolean
  /** Characters buffered before a write; 256 Ki by default. */
  readonly bufferChars?: number
  /** zlib level, 1 (fast) to 9 (small); 6 by default. */
  readonly gzipLevel?: number
}

export class FileSink {
  private readonly fd: number
  private readonly partialPath: string
  private chunks: string[] = []
  private bufferedChars = 0
  private closed = false
  bytesWritten = 0

  constructor(
    readonly path: string,
    private readonly options: FileSinkOptions = {},
  ) {
    this.partialPath = `${path}.partial`
    try {
      this.fd = openSync(this.partialPath, 'w')
    } catch (error) {
      throw outputWriteError(path, error)
    }
    if (options.bom) {
      const bom = options.encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf])
      this.writeBytes(bom)
    }
  }

  write(text: string): void {
    this.chunks.push(text)
    this.bufferedChars += text.length
    if (this.bufferedChars >= (this.options.bufferChars ?? 1 << 18)) this.flush()
  }

  /** Flushes, closes and renames the file into place. */
  close(): void {
    if (this.closed) return
    try {
      this.flush()
      closeSync(this.fd)
      this.closed = true
      renameSync(this.partialPath, this.path)
    } catch (error) {
      rmSync(this.partialPath, {force: true})
      throw outputWriteError(this.path, error)
    }
  }

  /** Closes and deletes the partial file (after an error). */
  abort(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
    rmSync(this.partialPath, {force: true})
  }

  private flush(): void {
    if (this.chunks.length === 0) return
    const text = this.chunks.join('')
    this.chunks = []
    this.bufferedChars = 0
    this.writeBytes(encode(text, this.options.encoding ?? 'utf8'))
  }

  private writeBytes(bytes: Buffer): void {
    const out = this.options.gzip ? gzipSync(bytes, {level: this.options.gzipLevel ?? 6}) : bytes
    let offset = 0
    try {
      while (offset < out.length) offset += writeSync(this.fd, out, offset, out.length - offset)
    } catch (error) {
      throw outputWriteError(this.path, error)
    }
    this.bytesWritten += out.length
  }
}

/** Encodes text; 'ascii' turns every non-ASCII character into '?', as Windows PowerShell 5.1 does. */
export function encode(text: string, encoding: SinkEncoding): Buffer {
  if (encoding === 'ascii') return Buffer.from(text.replace(/[^ -~\t\r\n]/g, '?'), 'latin1')
  return Buffer.from(text, encoding)
}
