import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, customerRegistration, professionalRegistration } from '../support/api'
import { launchBrowser, openPage, signIn, waitForHydration } from '../support/browser'
import { chooseFreeTime } from '../support/slots'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const admin = apiClient()
let adminToken: string

/** A service from the seeded catalogue, found as a third-party client would. */
async function findService(q: string) {
  const found = await admin.get(`/api/services?q=${encodeURIComponent(q)}`)
  const service = found.body.items?.[0]
  if (!service) throw new Error(`no service matches ${q}`)
  return service as { id: number, name: string }
}

/** A professional of our own, so other test files never see our requests. */
async function registerProfessional(serviceId: number, name: string) {
  const client = apiClient()
  const registration = professionalRegistration(serviceId, { name, pincode: '560001' })
  const created = await client.post('/api/auth/register', registration)
  expect(created.status).toBe(201)
  return { client, registration, user: created.body.user as { id: number } }
}

async function signInAs(email: string, password: string, expectedPath: string, viewport?: { width: number, height: number }) {
  const opened = await openPage(browser, '/', viewport)
  await signIn(opened.page, email, password)
  await opened.page.waitForURL(`**${expectedPath}`)
  return opened
}

async function goto(page: Page, path: string) {
  await page.goto(path)
  await waitForHydration(page)
}

beforeAll(async () => {
  adminToken = await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
})

/** What a user waits for: up to 10 s (as long as any page action may take), not vitest's 1 s default. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 })
}

// Whole journeys through four roles on a shared two-core machine.
const JOURNEY = { timeout: 120_000 }

describe('the marketplace, in Chromium', () => {
  it('a customer books a professional, who accepts and completes; the customer reviews; the admin sees it', JOURNEY, async () => {
    const service = await findService('tap mixer')
    const suffix = Math.random().toString(36).slice(2, 7)
    const proName = `Tarun Tapwala ${suffix}`
    const professional = await registerProfessional(service.id, proName)
    expect((await admin.post(`/api/admin/professionals/${professional.user.id}/approve`, {}, { token: adminToken })).status).toBe(200)
    const customerRegistrationBody = customerRegistration({ name: `Chitra Customer ${suffix}`, phone: '+91 98450 33333', address: '12 MG Road' })
    expect((await apiClient().post('/api/auth/register', customerRegistrationBody)).status).toBe(201)

    // The customer searches, opens the service, picks our professional and books.
    const { page: customer, errors: customerErrors } = await signInAs(customerRegistrationBody.email, customerRegistrationBody.password, '/customer')
    await goto(customer, '/services')
    await customer.getByLabel('Search').fill('tap')
    await customer.getByRole('button', { name: 'Search' }).click()
    await customer.waitForURL(/q=tap/)
    const card = customer.getByTestId('service-card').filter({ hasText: service.name })
    await eventually(() => card.count()).toBe(1)
    expect(await card.textContent()).toMatch(/₹/)
    await card.click()
    await customer.waitForURL(`**/services/${service.id}**`)
    await waitForHydration(customer)
    expect(await customer.getByTestId('service-name').textContent()).toContain(service.name)
    expect(await customer.getByTestId('service-professionals').textContent()).toContain(proName)

    await customer.getByRole('button', { name: `Book ${proName.split(' ')[0]}` }).click()
    await customer.getByRole('radio', { name: new RegExp(proName) }).waitFor()
    expect(await customer.getByRole('radio', { name: new RegExp(proName) }).isChecked()).toBe(true)
    // Address and pincode start as the customer's own.
    expect(await customer.getByLabel('Address').inputValue()).toBe('12 MG Road')
    await chooseFreeTime(customer)
    await customer.getByLabel('Remarks').fill('The kitchen tap drips all night.')
    await customer.getByRole('button', { name: 'Book now' }).click()
    await customer.waitForURL(/\/customer\/requests\?highlight=\d+/)
    const requestId = Number(new URL(customer.url()).searchParams.get('highlight'))
    const customerCard = customer.locator(`[data-request-id="${requestId}"]`)
    await eventually(() => customerCard.getByTestId('request-status').textContent()).toContain('Requested')
    expect(await customerCard.textContent()).toContain(proName)
    expect(await customerCard.getByRole('button', { name: 'Change remarks' }).count()).toBe(1)
    expect(await customerCard.getByRole('button', { name: 'Close with review' }).count()).toBe(0)

    // The professional accepts it, sees the customer's contact, then completes it.
    const { page: pro, errors: proErrors } = await signInAs(professional.registration.email as string, professional.registration.password as string, '/professional')
    await goto(pro, '/professional/requests')
    const incoming = pro.locator(`[data-request-id="${requestId}"]`)
    await incoming.waitFor()
    expect(await incoming.textContent()).toContain('Address shown once you accept')
    await incoming.getByRole('button', { name: 'Accept' }).click()
    await eventually(() => pro.getByText('Request accepted').count()).toBeGreaterThan(0)
    await goto(pro, '/professional/requests?tab=assigned')
    const assigned = pro.locator(`[data-request-id="${requestId}"]`)
    await assigned.waitFor()
    expect(await assigned.getByTestId('request-customer').textContent()).toContain('+91 98450 33333')
    expect(await assigned.textContent()).toContain('12 MG Road')
    await assigned.getByRole('button', { name: 'Mark completed' }).click()
    await pro.getByTestId('confirm-action').click()
    await eventually(() => pro.getByText('Marked as completed').count()).toBeGreaterThan(0)
    await eventually(() => pro.locator(`[data-request-id="${requestId}"]`).count()).toBe(0)

    // The customer is told, and closes it with a four-star review.
    await goto(customer, '/customer/requests')
    await eventually(() => customer.getByTestId('notification-bell').getAttribute('aria-label')).toMatch(/unread/)
    const completed = customer.locator(`[data-request-id="${requestId}"]`)
    await eventually(() => completed.getByTestId('request-status').textContent()).toContain('Completed')
    expect(await completed.getByRole('button', { name: 'Cancel request' }).count()).toBe(0)
    await completed.getByRole('button', { name: 'Close with review' }).click()
    const dialog = customer.getByRole('dialog')
    await dialog.getByRole('radio', { name: 'Rate 4 out of 5' }).click()
    await eventually(() => dialog.textContent()).toContain('4 / 5')
    await dialog.getByLabel('Comment').fill('Quick, tidy and friendly.')
    await dialog.getByRole('button', { name: 'Close with review' }).click()
    await eventually(() => completed.getByTestId('request-status').textContent()).toContain('Closed')
    expect(await completed.getByTestId('request-review').textContent()).toContain('Quick, tidy and friendly.')

    // The admin sees it on the dashboard and in the list of all requests.
    const { page: adminPage, errors: adminErrors } = await signInAs(ADMIN_EMAIL, ADMIN_PASSWORD, '/admin')
    const byStatus = adminPage.getByTestId('chart-requests-by-status')
    await byStatus.waitFor()
    const closedCount = await byStatus.locator('li', { hasText: 'Closed' }).locator('span').last().textContent()
    expect(Number(closedCount)).toBeGreaterThanOrEqual(1)
    const fourStars = await adminPage.getByTestId('chart-rating-distribution').locator('li', { hasText: '4 ★' }).locator('span').last().textContent()
    expect(Number(fourStars)).toBeGreaterThanOrEqual(1)
    await goto(adminPage, '/admin/requests')
    await adminPage.getByLabel('Search').fill(suffix)
    const row = adminPage.getByTestId('requests-table').locator('tbody tr', { hasText: proName })
    await eventually(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('Closed')

    expect([...customerErrors, ...proErrors, ...adminErrors]).toEqual([])
  })

  it('the admin approves a new professional after opening the document they uploaded', JOURNEY, async () => {
    const service = await findService('AC service')
    const suffix = Math.random().toString(36).slice(2, 7)
    const professional = await registerProfessional(service.id, `Vinod Verified ${suffix}`)

    // The professional uploads a PDF from their profile page.
    const { page: pro } = await signInAs(professional.registration.email as string, professional.registration.password as string, '/professional')
    expect(await pro.getByTestId('approval-status').textContent()).toContain('awaiting approval')
    await goto(pro, '/professional/profile')
    await pro.locator('input[type=file]').setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
    await pro.getByRole('button', { name: 'Upload document' }).click()
    await eventually(() => pro.getByText('Document uploaded').count()).toBeGreaterThan(0)
    await pro.getByTestId('document-on-file').waitFor()

    // The admin opens it from the queue, in a new tab, then approves.
    const { page: adminPage, context, errors } = await signInAs(ADMIN_EMAIL, ADMIN_PASSWORD, '/admin')
    await goto(adminPage, '/admin/approvals')
    const card = adminPage.getByTestId('approvals').getByRole('row').filter({ hasText: professional.registration.email as string })
    await card.waitFor()
    const [documentTab] = await Promise.all([context.waitForEvent('page'), card.getByTestId('open-document').click()])
    await documentTab.waitForURL(/\/document$/)
    // The tab opened on the document's address, and that address serves the PDF to this admin session.
    expect(new URL(documentTab.url()).pathname).toBe(`/api/admin/professionals/${professional.user.id}/document`)
    const documentResponse = await context.request.get(documentTab.url())
    expect(documentResponse.status()).toBe(200)
    expect(documentResponse.headers()['content-type']).toContain('application/pdf')
    expect((await documentResponse.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await documentTab.close()
    await card.getByText('Opened').waitFor()
    await card.getByRole('button', { name: `Approve Vinod Verified ${suffix}` }).click()
    await eventually(() => adminPage.getByText(`Vinod Verified ${suffix} is approved`).count()).toBeGreaterThan(0)
    await eventually(() => card.count()).toBe(0)
    expect(errors).toEqual([])

    // The professional is approved from their next page on (their dashboard leads with the requests; the profile says so).
    await goto(pro, '/professional/profile')
    await eventually(() => pro.getByTestId('approval-status').textContent()).toContain('You are approved')
  })

  it('the admin adds a category and a service that customers then find, removes both, and blocks a customer with a reason', JOURNEY, async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const { page, errors } = await signInAs(ADMIN_EMAIL, ADMIN_PASSWORD, '/admin')
    await goto(page, '/admin/catalogue')
    await page.getByLabel('New category').fill(`Gardening ${suffix}`)
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await eventually(() => page.getByTestId('category-list').textContent()).toContain(`Gardening ${suffix}`)

    await page.getByRole('button', { name: 'Add service' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(`Lawn mowing ${suffix}`)
    await dialog.getByLabel('Category').click()
    await page.getByRole('option', { name: `Gardening ${suffix}` }).click()
    await dialog.getByLabel('Base price (₹)').fill('450')
    await dialog.getByLabel('Description').fill(`Front and back lawns, edges trimmed ${suffix}.`)
    await dialog.getByRole('button', { name: 'Add service' }).click()
    await eventually(() => page.getByText('Service added').count()).toBeGreaterThan(0)
    await eventually(() => page.getByTestId('services-table').textContent()).toContain(`Lawn mowing ${suffix}`)

    // Visible to customers at once.
    const { page: visitor } = await openPage(browser, `/services?q=${suffix}`)
    expect(await visitor.getByTestId('service-results').textContent()).toContain(`Lawn mowing ${suffix}`)
    expect(await visitor.getByTestId('service-results').textContent()).toContain('₹450')

    await page.getByRole('button', { name: `Delete Lawn mowing ${suffix}` }).click()
    await page.getByTestId('confirm-action').click()
    await eventually(() => page.getByText('Service removed').count()).toBeGreaterThan(0)
    await eventually(() => page.getByTestId('services-table').textContent()).not.toContain(`Lawn mowing ${suffix}`)
    await page.getByRole('button', { name: `Delete Gardening ${suffix}` }).click()
    await page.getByTestId('confirm-action').click()
    await eventually(() => page.getByTestId('category-list').textContent()).not.toContain(`Gardening ${suffix}`)

    // Blocking asks for a reason, which the customer is then told when signing in.
    const registration = customerRegistration({ name: `Bad Actor ${suffix}` })
    expect((await apiClient().post('/api/auth/register', registration)).status).toBe(201)
    await goto(page, '/admin/users')
    await page.getByLabel('Search').fill(registration.email as string)
    const row = page.getByTestId('users-table').locator('tbody tr', { hasText: registration.email as string })
    await eventually(() => row.count()).toBe(1)
    await row.getByRole('button', { name: `Block Bad Actor ${suffix}` }).click()
    await page.getByRole('dialog').getByLabel('Reason (shown to the user)').fill('Repeated no-shows')
    await page.getByTestId('confirm-action').click()
    await eventually(() => row.textContent()).toContain('Blocked')
    const refused = await apiClient().post('/api/auth/login', { email: registration.email, password: registration.password })
    expect(refused.status).toBe(403)
    expect(refused.body.message).toContain('Repeated no-shows')
    expect(errors).toEqual([])
  })

  it('works at 375 px wide: search and a service page fit the screen', async () => {
    const service = await findService('AC service')
    const { page, errors } = await openPage(browser, '/services?q=cleaning', { width: 375, height: 800 })
    await page.getByTestId('service-results').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await goto(page, `/services/${service.id}`)
    await page.getByTestId('service-professionals').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })
})
