import { cpSync } from 'node:fs'
import { join } from 'node:path'

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
  compatibilityDate: '2026-11-01',
  nitro: {
    experimental: { tasks: true },
    // Job bodies live in the top-level tasks/ (Nitro only scans server/tasks). Their schedule comes
    // from the environment at start: see server/plugins/03.scheduler.ts.
    tasks: {
      'jobs:daily-reminders': { handler: '~~/tasks/daily-reminders' },
      'jobs:monthly-report': { handler: '~~/tasks/monthly-report' },
      'jobs:inactive-reminders': { handler: '~~/tasks/inactive-reminders' },
      'jobs:export': { handler: '~~/tasks/export' },
    },
  },
  typescript: { strict: true },
  telemetry: false,
  hooks: {
    // Our JSON error handler answers /api errors in the contract's shape; Nuxt's renders the rest.
    'nitro:config'(nitroConfig) {
      nitroConfig.errorHandler = ['~~/server/error', ...[nitroConfig.errorHandler ?? []].flat()]
    },
    // .output does not carry db/migrations: copy them next to the server entry.
    'nitro:init'(nitro) {
      nitro.hooks.hook('compiled', () => {
        cpSync(join(nitro.options.rootDir, 'db', 'migrations'), join(nitro.options.output.serverDir, 'db', 'migrations'), { recursive: true })
      })
    },
  },
  eslint: { config: { stylistic: true } },
  icon: { serverBundle: 'local', fallbackToApi: false },
})
