import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD, apiClient } from '../support/api'
import { launchBrowser, signIn, waitForHydration } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const WIDTHS = [{ width: 1366, height: 900 }, { width: 375, height: 812 }]
// Dark mode follows the system setting: checked once more for the public pages and the customer's.
const DARK = { width: 375, height: 812 }

type Who = { role: string, email?: string, password?: string, home?: string, pages: () => Promise<string[]> }

/** The first request a demo account sees, for its request page. */
async function firstRequestPath(email: string, area: string) {
  const client = apiClient()
  const token = await client.login(email, DEMO_PASSWORD)
  const request = (await client.get('/api/requests?pageSize=1', { token })).body.items[0]
  return request ? [`/${area}/requests/${request.id}`] : []
}

async function firstServicePath() {
  const found = await apiClient().get('/api/services?q=plumb')
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
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
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
      const context = await browser.newContext({ baseURL: inject('baseURL'), viewport, colorScheme })
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
    }, 480_000) // the admin's tables hold every row the other suites made: axe needs minutes there
  }
})
