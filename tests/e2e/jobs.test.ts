import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD } from '../support/api'
import { launchBrowser, openPage, signIn } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

describe('jobs, exports and outbox pages, in Chromium', () => {
  it('lets the admin run a job, export CSV and read the mail in a sandboxed preview', async () => {
    const { page, errors } = await openPage(browser, '/login')
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    await page.waitForURL('**/admin')
    await page.getByRole('link', { name: 'Jobs' }).click()
    await page.waitForURL('**/admin/jobs')
    await page.getByTestId('run-monthly-report').click()
    await expect.poll(() => page.getByTestId('job-runs').textContent(), { timeout: 10_000 }).toMatch(/Monthly report to customers\s*Done/)

    await page.getByRole('link', { name: 'Exports' }).click()
    await page.waitForURL('**/admin/exports')
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    const download = page.getByRole('link', { name: /^Download export/ }).first()
    await download.waitFor({ timeout: 10_000 })
    expect(await download.getAttribute('href')).toMatch(/^\/api\/admin\/exports\/\d+\/download$/)

    await page.getByRole('link', { name: 'Outbox' }).click()
    await page.waitForURL('**/admin/outbox')
    const preview = page.getByTestId('mail-preview')
    await preview.waitFor()
    expect(await preview.getAttribute('sandbox')).toBe('')
    // Named for screen readers (axe leaves the sandboxed frame out: it cannot run inside it).
    expect(await preview.getAttribute('title')).toBe('E-mail preview')
    expect(await preview.getAttribute('srcdoc')).toContain('Household Services')
    expect(errors).toEqual([])
  })

  it('shows a customer their report for a past month', async () => {
    const { page, errors } = await openPage(browser, '/login')
    await signIn(page, 'customer1@example.com', DEMO_PASSWORD)
    await page.waitForURL('**/customer')
    await page.getByRole('link', { name: 'Monthly reports' }).click()
    await page.waitForURL('**/customer/reports')
    await expect.poll(() => page.getByTestId('monthly-report').textContent()).toMatch(/Amount spent|Nothing that month/)
    expect(errors).toEqual([])
  })
})
