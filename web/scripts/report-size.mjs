// The first load of the workbench, gzipped: index.html's entry with everything it imports
// statically and its CSS, plus the sign-in page a first visit lands on. Printed, written to
// dist/bundle-size.json, and the build fails above the budget (1 MB).
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET = 1024 * 1024
const dist = new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'))

function closure(key, seen) {
  const chunk = manifest[key]
  if (!chunk || seen.has(chunk.file)) return
  seen.add(chunk.file)
  for (const css of chunk.css ?? []) seen.add(css)
  for (const dep of chunk.imports ?? []) closure(dep, seen)
}

const files = new Set(['index.html'])
closure('index.html', files)
const login = Object.keys(manifest).find((k) => k.endsWith('pages/LoginPage.vue'))
if (login) closure(login, files)

let raw = 0
let gzipped = 0
const rows = []
for (const file of files) {
  const bytes = readFileSync(new URL(file, dist))
  const gz = gzipSync(bytes, { level: 9 }).length
  raw += bytes.length
  gzipped += gz
  rows.push({ file, bytes: bytes.length, gzipped: gz })
}
rows.sort((a, b) => b.gzipped - a.gzipped)
const operations = JSON.parse(readFileSync(new URL('operations.json', dist), 'utf8'))
const manifestBytes = readFileSync(new URL('operations.json', dist)).length
const report = {
  firstLoad: { files: rows.length, bytes: raw, gzipped, budget: BUDGET },
  operations: { entries: Object.keys(operations).length, bytes: manifestBytes },
  files: rows,
}
writeFileSync(new URL('bundle-size.json', dist), JSON.stringify(report, null, 2) + '\n')
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`first load: ${rows.length} files, ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${kb(BUDGET)})`)
console.log(`operations.json: ${report.operations.entries} documents, ${manifestBytes} bytes`)
if (gzipped > BUDGET) {
  console.error('first load is over the 1 MB budget')
  process.exit(1)
}
