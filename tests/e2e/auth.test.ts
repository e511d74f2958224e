import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD, uniqueEmail } from '../support/api'
import { launchBrowser, openPage, signIn, waitForHydration } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

describe('signing up and in, in Chromium', () => {
  it('registers a customer, lands on their home, signs out and back in', async () => {
    const { page, errors } = await openPage(browser, '/register/customer')
    const email = uniqueEmail('e2e')
    await page.getByLabel('Full name').fill('Esha Browser')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('a long password')
    await page.getByLabel('Phone').fill('+91 98450 11111')
    await page.getByLabel('Pincode').fill('560001')
    await page.getByLabel('Address').fill('4 Church Street')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/customer')
    await expect.poll(() => page.getByTestId('customer-home').textContent()).toContain('Hello, Esha Browser')
    expect(await page.getByTestId('signed-in-name').textContent()).toContain('Esha Browser')

    await page.getByTestId('sign-out').click()
    await page.waitForURL('**/login')
    await page.goto('/customer')
    await page.waitForURL(/\/login\?redirect=/)

    await signIn(page, email, 'a long password')
    await page.waitForURL('**/customer')
    expect(errors).toEqual([])
  })

  it('shows the API field errors next to the fields', async () => {
    const { page } = await openPage(browser, '/register/customer')
    await page.getByLabel('Full name').fill('Duplicate Person')
    await page.getByLabel('Email').fill('customer1@example.com')
    await page.getByLabel('Password').fill('a long password')
    await page.getByLabel('Phone').fill('+91 98450 11111')
    await page.getByLabel('Pincode').fill('560001')
    await page.getByLabel('Address').fill('4 Church Street')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.getByText('An account with this email already exists').count()).toBeGreaterThan(0)

    await page.getByLabel('Pincode').fill('56')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.getByText('Pincode must be exactly 6 digits').count()).toBe(1)
  })

  it('says when the password is wrong', async () => {
    const { page } = await openPage(browser, '/login')
    await signIn(page, 'customer2@example.com', 'not the password')
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Incorrect email or password')
  })

  it.each([
    ['a professional', 'pro1@example.com', DEMO_PASSWORD, '/professional', 'professional-home'],
    ['a pending professional', 'pro9@example.com', DEMO_PASSWORD, '/professional', 'approval-status'],
    ['the admin', ADMIN_EMAIL, ADMIN_PASSWORD, '/admin', 'admin-home'],
  ])('signs in %s and lands on their page', async (_who, email, password, path, testId) => {
    const { page, errors } = await openPage(browser, '/login')
    await signIn(page, email, password)
    await page.waitForURL(`**${path}`)
    await page.getByTestId(testId).waitFor()
    if (email === 'pro9@example.com') expect(await page.getByTestId('approval-status').textContent()).toContain('awaiting approval')
    // Another role's area sends them back to their own.
    await page.goto(path === '/admin' ? '/customer' : '/admin')
    await waitForHydration(page)
    expect(new URL(page.url()).pathname).toBe(path)
    expect(errors).toEqual([])
  })

  it('registers a professional, who waits for approval', async () => {
    const { page, errors } = await openPage(browser, '/register/professional', { width: 375, height: 800 })
    // The service picker renders the same on the server and in the browser (no hydration mismatch).
    expect(errors).toEqual([])
    await page.getByLabel('Full name').fill('Pavan Fixit')
    await page.getByLabel('Email').fill(uniqueEmail('e2e-pro'))
    await page.getByLabel('Password').fill('a long password')
    await page.getByLabel('Phone').fill('+91 98450 22222')
    await page.getByLabel('Pincode').fill('560034')
    await page.getByLabel('Address').fill('9 Residency Road')
    await page.getByTestId('service-select').click()
    await page.getByRole('option', { name: /AC service/ }).click()
    await page.getByRole('button', { name: 'Apply as a professional' }).click()
    await page.waitForURL('**/professional')
    await expect.poll(() => page.getByTestId('approval-status').textContent()).toContain('awaiting approval')
  })
})
