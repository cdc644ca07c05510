// The workbench build: Vue + Element Plus (imported on demand), for Chromium 86 and later;
// two entries (the workbench at /, GraphiQL at /graphiql/ for development) and the operations
// manifest the server trusts (dist/operations.json).
import { fileURLToPath, URL } from 'node:url'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vite'
import operationsManifest from './scripts/operations-manifest.mjs'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    operationsManifest(here('./src/gql/persisted-documents.json')),
  ],
  resolve: { alias: { '@': here('./src') } },
  build: {
    target: 'chrome86',
    cssTarget: 'chrome86',
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    manifest: true, // dist/.vite/manifest.json: what scripts/report-size.mjs measures
    rolldownOptions: {
      // graphiql's React packages say "use client"; the directive means nothing in a bundle
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return
        handler(level, log)
      },
      input: {
        main: resolve(here('.'), 'index.html'),
        graphiql: resolve(here('.'), 'graphiql/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8000', ws: true },
      '/auth': 'http://127.0.0.1:8000',
      '/uploads': 'http://127.0.0.1:8000',
      '/documents': 'http://127.0.0.1:8000',
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
