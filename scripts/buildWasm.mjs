// Compiles wasm/pdh-cells.wat (the ingest's cell parser, see the file) into
// dist/wasm/pdh-cells.wasm with wabt, the WebAssembly project's own text-format tools. Run by
// `npm run build` and before the tests; ingest falls back to the JavaScript parser without it.
import {Buffer} from 'node:buffer'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import process from 'node:process'
import {fileURLToPath} from 'node:url'
import wabtInit from 'wabt'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function buildWasm() {
  const wabt = await wabtInit()
  const source = join(root, 'wasm', 'pdh-cells.wat')
  const module = wabt.parseWat(source, readFileSync(source, 'utf8'))
  try {
    module.validate()
    const {buffer} = module.toBinary({})
    mkdirSync(join(root, 'dist', 'wasm'), {recursive: true})
    writeFileSync(join(root, 'dist', 'wasm', 'pdh-cells.wasm'), Buffer.from(buffer))
  } finally {
    module.destroy()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWasm()
