import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD, apiClient } from '../support/api'
import { launchBrowser, signIn, waitForHydration } from '../support/browser'
import { loginWhenReady, runJob, waitUntil } from '../support/jobs'
import { seedDatabase, startServer, temporaryDirectory, type RunningServer } from '../support/processes'

// A server of its own, with the demo data plus a finished job run, an export and mail in the outbox,
// so every admin list is checked with rows in it; the shared suite server's data depends on which
// other files ran first.
let browser: Browser
let server: RunningServer
beforeAll(async () => {
  const dataDir = temporaryDirectory('a11y')
  const env = { DATA_DIR: dataDir, DATABASE_PATH: `${dataDir}/app.db`, ADMIN_PASSWORD }
  await seedDatabase(env)
  ;[server, browser] = await Promise.all([startServer(env), launchBrowser()])
  const client = apiClient(server.url)
  const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
  await runJob(client, admin, 'daily-reminders')
  expect((await client.post('/api/admin/exports', {}, { token: admin })).status).toBe(202)
  await waitUntil(async () => (await client.get('/api/admin/exports', { token: admin })).body.items[0]?.status === 'done', 'the export')
  expect((await client.get('/api/admin/outbox', { token: admin })).body.total).toBeGreaterThan(0)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const WIDTHS = [{ width: 1366, height: 900 }, { width: 375, height: 812 }]
// Dark mode follows the system setting: checked once more for the public pages and the customer's.
const DARK = { width: 375, height: 812 }

type Who = { role: string, email?: string, password?: string, home?: string, pages: () => Promise<string[]> }

/** The first request a demo account sees, for its request page. */
async function firstRequestPath(email: string, area: string) {
  const client = apiClient(server.url)
  const token = await client.login(email, DEMO_PASSWORD)
  const request = (await client.get('/api/requests?pageSize=1', { token })).body.items[0]
  return request ? [`/${area}/requests/${request.id}`] : []
}

async function firstServicePath() {
  const found = await apiClient(server.url).get('/api/services?q=plumb')
  return `/services/${found.body.items[0].id}`
}

const everyone: Who[] = [
  {
    role: 'a visitor',
    pages: async () => ['/', '/services', '/services?q=plumb', await firstServicePath(), '/login', '/register/customer', '/register/professional', '/no-such-page'],
  },
  {
    role: 'a customer', email: 'customer1@example.com', password: DEMO_PASSWORD, home: '/customer',
    pages: async () => ['/customer', '/customer/requests', ...await firstRequestPath('customer1@example.com', 'customer'), '/customer/profile', '/customer/reports', await firstServicePath()],
  },
  {
    role: 'a professional', email: 'pro1@example.com', password: DEMO_PASSWORD, home: '/professional',
    pages: async () => ['/professional', '/professional/requests', '/professional/requests?tab=assigned', '/professional/requests?tab=history', ...await firstRequestPath('pro1@example.com', 'professional'), '/professional/reviews', '/professional/profile'],
  },
  {
    role: 'a pending professional', email: 'pro9@example.com', password: DEMO_PASSWORD, home: '/professional',
    pages: async () => ['/professional', '/professional/requests', '/professional/profile'],
  },
  {
    role: 'the admin', email: ADMIN_EMAIL, password: ADMIN_PASSWORD, home: '/admin',
    pages: async () => ['/admin', '/admin/approvals', '/admin/users', '/admin/requests', '/admin/catalogue', '/admin/jobs', '/admin/exports', '/admin/outbox'],
  },
]

/** axe-core's serious and critical findings on the page as it is now, one line per rule and node. */
async function seriousViolations(page: Page) {
  // The outbox's mail preview is a sandbox without scripts: axe-core/playwright cannot enter it and
  // waits forever, so it is left out (tests/e2e/jobs.test.ts finds it by its title, "E-mail preview").
  const results = await new AxeBuilder({ page }).exclude('iframe[data-testid="mail-preview"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  return results.violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap(violation => violation.nodes.map(node => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? violation.help}`))
}

describe('every page of every role passes axe-core (no serious or critical violation)', () => {
  const runs = everyone.flatMap(who => [
    ...WIDTHS.map(viewport => ({ who, viewport, colorScheme: 'light' as const })),
    ...(who.role === 'a visitor' || who.role === 'a customer' ? [{ who, viewport: DARK, colorScheme: 'dark' as const }] : []),
  ])
  for (const { who, viewport, colorScheme } of runs) {
    it(`${who.role} at ${viewport.width} px${colorScheme === 'dark' ? ' in dark mode' : ''}`, async () => {
      const context = await browser.newContext({ baseURL: server.url, viewport, colorScheme })
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      page.setDefaultNavigationTimeout(30_000)
      if (who.email) {
        await signIn(page, who.email, who.password!)
        await page.waitForURL(`**${who.home}`)
      }
      const found: string[] = []
      for (const path of await who.pages()) {
        await page.goto(path)
        await waitForHydration(page)
        // Pages that poll (bell, jobs, exports) may never be idle for long: wait a bounded while, then check what is shown.
        await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined)
        found.push(...(await seriousViolations(page)).map(line => `${path} ${line}`))
      }
      await context.close()
      expect(found, found.join('\n')).toEqual([])
    }, 180_000)
  }
})
