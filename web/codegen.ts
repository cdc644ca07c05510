// Types for every .graphql document under src/, from the committed top-level schema.graphql.
// `npm run codegen` writes src/gql/; `npm run check:types` writes to a temp dir and compares.
import type { CodegenConfig } from '@graphql-codegen/cli'

const out = process.env.TONGNAN_CODEGEN_OUT ?? 'src/gql/'

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          ID: 'string',
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
          Quantity: 'string | number',
        },
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
    },
  },
}

export default config
