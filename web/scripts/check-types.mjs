// Fails when the committed generated types (src/gql/) differ from what graphql-codegen makes
// now from schema.graphql and the .graphql documents: regenerates into a temp dir and compares.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const here = new URL('..', import.meta.url).pathname
const out = mkdtempSync(join(tmpdir(), 'tongnan-codegen-'))
try {
  execFileSync(join(here, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--silent'], {
    cwd: here,
    env: { ...process.env, TONGNAN_CODEGEN_OUT: `${out}/` },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const committed = join(here, 'src/gql')
  const names = new Set([...readdirSync(out), ...readdirSync(committed)])
  const stale = []
  for (const name of names) {
    let a = null
    let b = null
    try { a = readFileSync(join(out, name), 'utf8') } catch { a = null }
    try { b = readFileSync(join(committed, name), 'utf8') } catch { b = null }
    if (a !== b) stale.push(name)
  }
  if (stale.length) {
    console.error(`web/src/gql is out of date (${stale.join(', ')}): run "npm run codegen" in web/ and commit the result`)
    process.exit(1)
  }
  console.log('web/src/gql matches schema.graphql and the .graphql documents')
} finally {
  rmSync(out, { recursive: true, force: true })
}
