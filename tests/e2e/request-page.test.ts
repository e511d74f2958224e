import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, apiClient } from '../support/api'
import { launchBrowser, openPage, signIn } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

describe('a request on a page of its own', () => {
  it.each([
    ['customer', 'customer1@example.com', 'No such request'],
    ['professional', 'pro1@example.com', 'This request is no longer available'],
  ] as const)('shows the %s their request, and says so when there is none', async (role, email, missingTitle) => {
    const client = apiClient()
    const token = await client.login(email, DEMO_PASSWORD)
    const request = (await client.get('/api/requests?pageSize=1', { token })).body.items[0]
    const { page, errors } = await openPage(browser, '/login')
    await signIn(page, email, DEMO_PASSWORD)
    await page.waitForURL(`**/${role}`)

    await page.goto(`/${role}/requests/${request.id}`)
    await expect.poll(() => page.getByText(`Request #${request.id}`).count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByText(request.service.name).count()).toBeGreaterThan(0)
    expect(await page.getByRole('link', { name: 'All requests' }).getAttribute('href')).toBe(`/${role}/requests`)

    await page.goto(`/${role}/requests/999999`)
    await expect.poll(() => page.getByText(missingTitle).count()).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })
})
