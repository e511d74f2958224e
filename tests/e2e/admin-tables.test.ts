import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/api'
import { launchBrowser, signIn, waitForHydration } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

// Every admin list is the one table shell (AppDataTable): a live count, then on a phone one card per
// row, each value under its column's name, nothing wider than the screen.
const LISTS = [
  { path: '/admin/approvals', noun: /\d+ applications?/, label: 'Professional' },
  { path: '/admin/users', noun: /\d+ users?/, label: 'User' },
  { path: '/admin/requests', noun: /\d+ requests?/, label: '#' },
  { path: '/admin/catalogue', noun: /\d+ services?/, label: 'Service' },
]

describe('the admin lists on a phone (375 px)', () => {
  it('show the count and one card per row, labelled, without sideways scrolling', async () => {
    const context = await browser.newContext({ baseURL: inject('baseURL'), viewport: { width: 375, height: 812 } })
    const page = await context.newPage()
    page.setDefaultNavigationTimeout(30_000)
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    await page.waitForURL('**/admin')
    for (const list of LISTS) {
      await page.goto(list.path)
      await waitForHydration(page)
      const table = page.locator('.app-table-cards')
      await table.locator('tbody tr').first().waitFor()
      expect(await page.getByText(list.noun).count(), list.path).toBe(1)
      const card = await table.locator('tbody tr').first().evaluate((row) => {
        const cell = row.querySelector('td')!
        return { display: getComputedStyle(row).display, label: getComputedStyle(cell, '::before').content }
      })
      expect(card, list.path).toEqual({ display: 'block', label: JSON.stringify(list.label) })
      expect(await page.evaluate(() => document.documentElement.scrollWidth), list.path).toBeLessThanOrEqual(375)
    }
    await context.close()
  })
})
