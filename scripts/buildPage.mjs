// Bundles the interactive report page (page/main.ts, the models it runs and uPlot from
// node_modules) into one browser script, dist/page/report-page.js, which src/report/writeHtml.ts
// inlines into every report.html. Run by `npm run build` and before the tests.
import {build} from 'esbuild'
import {dirname, join} from 'node:path'
import process from 'node:process'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function buildPage() {
  await build({
    entryPoints: [join(root, 'page', 'main.ts')],
    outfile: join(root, 'dist', 'page', 'report-page.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'inline',
    loader: {'.css': 'text'},
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPage()
