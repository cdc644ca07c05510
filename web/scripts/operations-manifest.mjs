// Vite plugin: writes dist/operations.json, {"<sha256 hex of the document text>": "<text>"},
// from the persisted documents graphql-codegen generated (src/gql/persisted-documents.json).
// The server trusts these documents for browser sessions; the client sends "sha256:<hex>".
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export function readManifest(path) {
  const persisted = JSON.parse(readFileSync(path, 'utf8'))
  const manifest = {}
  for (const [key, text] of Object.entries(persisted)) {
    const hex = key.replace(/^sha256:/, '')
    const actual = createHash('sha256').update(text, 'utf8').digest('hex')
    if (actual !== hex) {
      throw new Error(`operations manifest: ${key} does not hash its text (${actual})`)
    }
    manifest[hex] = text
  }
  return manifest
}

export default function operationsManifest(path) {
  return {
    name: 'tongnan-operations-manifest',
    apply: 'build',
    generateBundle() {
      const manifest = readManifest(path)
      this.emitFile({
        type: 'asset',
        fileName: 'operations.json',
        source: JSON.stringify(manifest, null, 2) + '\n',
      })
    },
  }
}
