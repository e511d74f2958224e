import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, apiClient } from '../support/api'
import { launchBrowser, openPage, waitForHydration } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

async function plumbingService() {
  const found = await apiClient().get('/api/services?q=plumb')
  return found.body.items[0] as { id: number, name: string }
}

async function fillSignIn(page: import('playwright-core').Page, email: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

describe('signing in returns to where the person was', () => {
  it('brings a visitor back to the service they were looking at, with their half-filled booking kept', async () => {
    const service = await plumbingService()
    const { page, errors } = await openPage(browser, `/services/${service.id}`, { width: 375, height: 812 })
    await page.getByTestId('sticky-book').waitFor()
    await page.locator('#book').getByRole('link', { name: 'Sign in' }).click()
    await page.waitForURL(/\/login\?redirect=/)
    await waitForHydration(page)
    await fillSignIn(page, 'customer3@example.com')
    await page.waitForURL(`**/services/${service.id}`)
    expect(await page.getByTestId('service-name').textContent()).toContain(service.name)

    // A booking typed halfway survives a reload (and so a sign-in on the way).
    await page.getByTestId('booking-form').waitFor()
    await page.getByLabel('Remarks').fill('The tap under the sink drips.')
    await page.reload()
    await waitForHydration(page)
    await expect.poll(() => page.getByLabel('Remarks').inputValue()).toBe('The tap under the sink drips.')
    expect(errors).toEqual([])
  })

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/'])('refuses to follow %s and lands on the dashboard', async (target) => {
    const { page } = await openPage(browser, `/login?redirect=${encodeURIComponent(target)}`)
    await fillSignIn(page, 'customer4@example.com')
    await page.waitForURL('**/customer')
    expect(new URL(page.url()).pathname).toBe('/customer')
  })
})

describe('the keyboard reaches everything', () => {
  it('Tab reaches "Sign out" in the public header\'s account menu', async () => {
    const { page } = await openPage(browser, '/login')
    await fillSignIn(page, 'customer5@example.com')
    await page.waitForURL('**/customer')
    await page.goto('/services')
    await waitForHydration(page)
    await page.getByTestId('user-menu').focus()
    await page.keyboard.press('Enter')
    let reached = false
    for (let step = 0; step < 6 && !reached; step++) {
      await page.keyboard.press('Tab')
      reached = (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Sign out'
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    await page.waitForURL('**/login')
  })

  it('moves focus to the new page\'s heading after a navigation, behind a skip link', async () => {
    const { page } = await openPage(browser, '/')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content')
    await page.getByRole('link', { name: 'Services', exact: true }).first().click()
    await page.waitForURL('**/services')
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(await page.locator('main h1').count()).toBe(1)
  })
})
