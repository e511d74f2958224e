import { chromium, type Browser, type Page } from 'playwright-core'
import { inject } from 'vitest'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Debian's Chromium, never a downloaded browser; the networking flags keep it off the closed network.
// Playwright gives every launch a fresh, empty profile of its own.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A fresh page (own cookies) on the test server (or `baseURL`); console errors and page errors are collected for assertions. */
export async function openPage(browser: Browser, path = '/', viewport = { width: 1280, height: 900 }, baseURL = inject('baseURL')) {
  const context = await browser.newContext({ baseURL, viewport })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  // Loading a page on the shared, busy test machine can take longer than an action should.
  page.setDefaultNavigationTimeout(30_000)
  const errors: string[] = []
  page.on('pageerror', error => errors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(path)
  await waitForHydration(page)
  return { page, errors, context }
}

/** Nuxt marks the app hydrated on its root once the client took over; before that clicks do nothing. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (document.querySelector('#__nuxt') as (HTMLElement & { __vue_app__?: unknown }) | null)?.__vue_app__ !== undefined)
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await waitForHydration(page)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
