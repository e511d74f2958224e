import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { JOB_NAMES } from './shared/domain/jobs'

// Response headers for every route; HTML pages get a per-response CSP with a script nonce
// from server/plugins/content-security-policy.ts, which replaces the strict default below.
const securityHeaders = {
  'Content-Security-Policy': 'default-src \'none\'; frame-ancestors \'none\'; base-uri \'none\'; form-action \'none\'',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export default defineNuxtConfig({
  modules: ['@nuxt/ui', '@nuxt/eslint'],
  devtools: { enabled: false },
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      title: 'Household Services',
      meta: [{ name: 'description', content: 'Book vetted professionals for plumbing, electrical, cleaning and repairs at home.' }],
    },
  },
  css: ['~/assets/css/main.css'],
  ui: { fonts: false },
  srcDir: '.',
  routeRules: {
    '/**': { headers: securityHeaders },
  },
  // Links fetch the code of the page they lead to when a visitor points at or focuses them, not as
  // soon as they are on screen: a phone's first load runs only the code of the page it shows (issue 12).
  experimental: { defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } } },
  compatibilityDate: '2026-11-01',
  nitro: {
    experimental: { tasks: true },
    // .br and .gz beside every static asset, served to clients that accept them (pages and JSON: server/plugins/compression.ts).
    compressPublicAssets: { gzip: true, brotli: true },
    // Job bodies live in the top-level tasks/ (Nitro only scans server/tasks) and run in a worker
    // thread (tasks/worker.ts). One task module queues any job; the schedule comes from the
    // environment at start: see server/plugins/03.scheduler.ts.
    tasks: Object.fromEntries(JOB_NAMES.map(name => [`jobs:${name}`, { handler: '~~/tasks/nitro-task' }])),
  },
  typescript: {
    strict: true,
    // shared/types/api.ts infers the API's types from the server's serializers (type-only imports):
    // checking it in the shared context needs the server's auto-import declarations (docs/ARCHITECTURE.md).
    sharedTsConfig: { include: ['./types/nitro-imports.d.ts'] },
  },
  telemetry: false,
  hooks: {
    // Our JSON error handler answers /api errors in the contract's shape; Nuxt's renders the rest.
    'nitro:config'(nitroConfig) {
      nitroConfig.errorHandler = ['~~/server/error', ...[nitroConfig.errorHandler ?? []].flat()]
    },
    // .output does not carry db/migrations: copy them next to the server entry. The background
    // worker (tasks/worker.ts) is a second entry Nitro does not know of: bundle it beside index.mjs,
    // resolving better-sqlite3 from the server's traced node_modules.
    'nitro:init'(nitro) {
      nitro.hooks.hook('compiled', async () => {
        const { rootDir, output } = nitro.options
        cpSync(join(rootDir, 'db', 'migrations'), join(output.serverDir, 'db', 'migrations'), { recursive: true })
        const { build } = await import('esbuild')
        await build({
          entryPoints: [join(rootDir, 'tasks', 'worker.ts')],
          outfile: join(output.serverDir, 'jobs-worker.mjs'),
          bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
          external: ['better-sqlite3'],
          alias: { '~~': rootDir },
          // Bundled CommonJS packages still call require(): give the ES module one.
          banner: { js: 'import { createRequire as __createRequire } from \'node:module\'; const require = __createRequire(import.meta.url);' },
        })
      })
    },
  },
  eslint: { config: { stylistic: true } },
  // The one icon collection we use: @nuxt/icon sorts the known collections' names for every icon it
  // renders (every iconify set by default), a fifth of the dashboard sidebar's server render.
  icon: { serverBundle: 'local', fallbackToApi: false, collections: ['lucide'] },
})
