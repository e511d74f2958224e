import type { Browser, Page } from 'playwright-core'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { serviceRequests } from '../../db/schema'
import { launchBrowser, openPage, signIn, waitForHydration } from '../support/browser'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, customerRegistration, professionalRegistration } from '../support/api'
import { openTestDatabase } from '../support/fixtures'
import { client, newCustomer, newProfessional, newService } from '../support/market'
import { startServer } from '../support/processes'
import { chooseFreeTime } from '../support/slots'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

async function signedIn(email: string, password: string, home: string, baseURL?: string) {
  const opened = await openPage(browser, '/login', undefined, baseURL)
  await signIn(opened.page, email, password)
  await opened.page.waitForURL(`**${home}`)
  return opened
}

async function goto(page: Page, path: string) {
  await page.goto(path)
  await waitForHydration(page)
}

/** The Monday (a `YYYY-MM-DD` of the platform's zone) of the week an instant falls in. */
function mondayOf(iso: string) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(iso))
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
  return date.toISOString().slice(0, 10)
}

describe('booking real slots, in Chromium', () => {
  it('a customer books a free slot, the professional sees it in their week, the customer reschedules, then cancels late and sees the fee', { timeout: 120_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const service = await newService({ basePrice: 500, timeRequiredMinutes: 60 })
    const professional = await newProfessional(service.id, { name: `Sunita Slots ${suffix}` })
    const customer = await newCustomer(undefined, { name: `Kiran Calendar ${suffix}` })

    // The customer picks the professional and one of their free times; no date is typed.
    const { page, errors } = await signedIn(customer.registration.email as string, customer.registration.password as string, '/customer')
    await goto(page, `/services/${service.id}?professional=${professional.user.id}`)
    expect(await page.getByRole('radio', { name: new RegExp(`Sunita Slots ${suffix}`) }).isChecked()).toBe(true)
    expect(await page.locator('input[type="datetime-local"]').count()).toBe(0)
    const picker = page.getByTestId('slot-picker')
    await eventually(() => picker.getByTestId('slot-times').textContent()).toContain(`Sunita Slots ${suffix} · ★ New`)
    await eventually(() => picker.getByTestId('slot-status').textContent()).toMatch(/\d+ free times? on /)
    const booked = await chooseFreeTime(page)
    await page.getByLabel('Remarks').fill('Ring twice.')
    await page.getByRole('button', { name: 'Book now' }).click()
    await page.waitForURL(/\/customer\/requests\?highlight=\d+/)
    const requestId = Number(new URL(page.url()).searchParams.get('highlight'))

    // What the server recorded is the slot that was shown: that professional, that start, an hour long.
    const recorded = (await client.get(`/api/requests/${requestId}`, { token: customer.token })).body.request
    expect(recorded.professionalId).toBe(professional.user.id)
    expect(Date.parse(recorded.endsAt) - Date.parse(recorded.scheduledFor)).toBe(60 * 60_000)
    expect(booked.label.startsWith(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(recorded.scheduledFor)))).toBe(true)
    const card = page.locator(`[data-request-id="${requestId}"]`)
    await eventually(() => card.getByTestId('request-window').textContent()).toContain(booked.label.split(' – ')[1]!)

    // The professional sees it in their week, naming the customer, first as asked, then as assigned.
    const { page: proPage, errors: proErrors } = await signedIn(professional.registration.email as string, professional.registration.password as string, '/professional')
    await goto(proPage, `/professional/schedule?week=${mondayOf(recorded.scheduledFor)}`)
    const visit = proPage.getByTestId('week-view').locator(`[data-request-id="${requestId}"]`)
    await eventually(() => visit.textContent()).toContain(`Kiran Calendar ${suffix}`)
    expect(await visit.textContent()).toContain('Asks for you')
    expect((await client.post(`/api/requests/${requestId}/accept`, {}, { token: professional.token })).status).toBe(200)
    await goto(proPage, `/professional/schedule?week=${mondayOf(recorded.scheduledFor)}`)
    await eventually(() => visit.textContent()).toContain('Assigned to you')

    // The customer moves it to another free time of the same professional, being told the rule first.
    await goto(page, `/customer/requests/${requestId}`)
    await page.getByRole('button', { name: 'Reschedule' }).click()
    const dialog = page.getByRole('dialog')
    expect(await dialog.getByTestId('reschedule-rule').textContent()).toContain('up to 12 hours before it starts, at most 2 times')
    expect(await dialog.getByTestId('reschedule-rule').textContent()).toContain('Moved so far: 0 of 2')
    const moved = await chooseFreeTime(dialog, 2)
    await dialog.getByRole('button', { name: 'Move the visit' }).click()
    await eventually(() => page.getByTestId('request-reschedules').textContent()).toContain('1 time')
    const rescheduled = (await client.get(`/api/requests/${requestId}`, { token: customer.token })).body.request
    expect(rescheduled.rescheduleCount).toBe(1)
    expect(rescheduled.scheduledFor).not.toBe(recorded.scheduledFor)
    expect(moved.label).not.toBe('')

    // The visit is now three hours away (written into the database: no slot is that close to order),
    // so cancelling is late: the dialog states the fee before the customer confirms.
    const db = openTestDatabase(inject('databasePath'))
    const start = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 1_800_000) * 1_800_000)
    db.update(serviceRequests).set({ scheduledFor: start, endsAt: new Date(start.getTime() + 3_600_000) }).where(eq(serviceRequests.id, requestId)).run()
    await goto(page, `/customer/requests/${requestId}`)
    await page.getByRole('button', { name: 'Cancel request' }).click()
    await eventually(() => page.getByRole('dialog').textContent()).toContain('late cancellation')
    expect(await page.getByRole('dialog').textContent()).toMatch(/a fee of ₹100(\.00)? \(20% of ₹500(\.00)?\) applies/)
    await page.getByTestId('confirm-action').click()
    await eventually(() => page.getByTestId('request-cancellation').textContent()).toMatch(/Fee ₹100(\.00)?/)
    expect(await page.getByTestId('request-cancellation').textContent()).toContain('Late')
    const cancelled = (await client.get(`/api/requests/${requestId}`, { token: customer.token })).body.request
    expect(cancelled.cancellation).toMatchObject({ by: 'customer', late: true, feeRupees: 100 })

    expect([...errors, ...proErrors]).toEqual([])
  })

  it('a professional edits their hours (the API\'s issues on the right field), adds and removes time off, and copies and resets their calendar link', { timeout: 60_000 }, async () => {
    const service = await newService()
    const professional = await newProfessional(service.id)
    const { page, errors } = await signedIn(professional.registration.email as string, professional.registration.password as string, '/professional')
    await page.getByRole('link', { name: 'My hours' }).click()
    await page.waitForURL('**/professional/hours')
    const editor = page.getByTestId('hours-editor')
    // Monday–Saturday 09:00–18:00 to start with; Sunday off.
    await eventually(() => editor.locator('[data-weekday="7"]').textContent()).toContain('Not working')
    expect(await editor.getByRole('button', { name: 'Remove Monday 09:00 to 18:00' }).count()).toBe(1)

    // A second Monday window that overlaps the first is refused on its own field.
    await editor.getByRole('button', { name: 'Add hours on Sunday' }).click()
    await editor.getByRole('button', { name: 'Add hours on Monday' }).click()
    const mondayStart = editor.getByRole('combobox', { name: 'Monday, hours 2: from' })
    await mondayStart.click()
    await page.getByRole('option', { name: '10:00', exact: true }).click()
    await editor.getByRole('button', { name: 'Save hours' }).click()
    await eventually(() => editor.locator('[data-weekday="1"]').textContent()).toContain('Overlaps window 0 of the same day')
    await editor.getByRole('button', { name: /^Remove Monday 10:00/ }).click()
    await editor.getByRole('button', { name: 'Save hours' }).click()
    await eventually(() => page.getByText('Hours saved').count()).toBeGreaterThan(0)
    const saved = (await client.get('/api/professional/availability', { token: professional.token })).body
    expect(saved.weekly).toContainEqual({ weekday: 7, start: '09:00', end: '18:00' })
    expect(saved.weekly.filter((window: { weekday: number }) => window.weekday === 1)).toHaveLength(1)

    // Time off, then removed again.
    const form = page.getByTestId('time-off-form')
    await form.getByLabel('Away from').fill('2099-12-24T09:00')
    await form.getByLabel('Back at').fill('2099-12-26T18:00')
    await form.getByLabel('Reason').fill('Holidays')
    await form.getByRole('button', { name: 'Add time off' }).click()
    const list = page.getByTestId('time-off-list')
    await eventually(() => list.textContent()).toContain('Holidays')
    expect((await client.get('/api/professional/availability', { token: professional.token })).body.timeOff[0]).toMatchObject({ from: '2099-12-24T03:30:00.000Z', to: '2099-12-26T12:30:00.000Z' })
    await list.getByRole('button', { name: /^Remove time off/ }).click()
    await eventually(() => page.getByTestId('time-off-list').count()).toBe(0)

    // The calendar link: shown, and replaced after a confirmation; the old one stops working.
    await page.getByRole('link', { name: 'My week' }).click()
    await page.waitForURL('**/professional/schedule')
    const url = page.getByTestId('calendar-url')
    await eventually(() => url.inputValue()).toMatch(/^https?:\/\//)
    const first = await url.inputValue()
    await page.getByRole('button', { name: 'Reset link' }).click()
    await page.getByTestId('confirm-action').click()
    await eventually(() => url.inputValue()).not.toBe(first)
    // The link's host is the public address; the feed itself is asked of this test server.
    const feed = async (link: string) => (await fetch(inject('baseURL') + new URL(link).pathname)).status
    expect(await feed(first)).toBe(404)
    expect(await feed(await url.inputValue())).toBe(200)
    expect(errors).toEqual([])
  })

  it('a professional releases an assigned visit after confirming, and it is open to the service again; times can be chosen with the keyboard alone (Tab, arrows, Space, Enter)', { timeout: 60_000 }, async () => {
    const service = await newService()
    const professional = await newProfessional(service.id)
    const customer = await newCustomer()
    const slots = (await client.get(`/api/services/${service.id}/slots?professionalId=${professional.user.id}`)).body
    const created = await client.post('/api/requests', { serviceId: service.id, professionalId: professional.user.id, scheduledFor: slots.items[0].start }, { token: customer.token })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const requestId = created.body.request.id
    expect((await client.post(`/api/requests/${requestId}/accept`, {}, { token: professional.token })).status).toBe(200)

    const { page, errors } = await signedIn(professional.registration.email as string, professional.registration.password as string, '/professional')
    await goto(page, `/professional/requests/${requestId}`)
    await page.getByRole('button', { name: 'Release this visit' }).click()
    expect(await page.getByRole('dialog').textContent()).toContain('goes back to every professional')
    await page.getByTestId('confirm-action').click()
    await eventually(() => page.getByText('Visit released').count()).toBeGreaterThan(0)
    const released = (await client.get(`/api/requests/${requestId}`, { token: customer.token })).body.request
    expect(released).toMatchObject({ status: 'requested', professionalId: null })

    // A customer who uses no mouse: Tab to the times, arrows between them, and the choice is announced.
    const { page: customerPage } = await signedIn(customer.registration.email as string, customer.registration.password as string, '/customer')
    await goto(customerPage, `/services/${service.id}`)
    const times = customerPage.getByTestId('slot-times').getByRole('radio')
    await eventually(() => times.count()).toBeGreaterThan(1)
    await times.first().focus()
    await customerPage.keyboard.press('Space')
    await eventually(() => times.first().getAttribute('aria-checked')).toBe('true')
    // The arrows move focus between the times; Space chooses the focused one.
    await customerPage.keyboard.press('ArrowDown')
    await customerPage.keyboard.press('Space')
    await eventually(() => times.nth(1).getAttribute('aria-checked')).toBe('true')
    await customerPage.getByRole('button', { name: 'Later days' }).focus()
    await customerPage.keyboard.press('Enter')
    await eventually(() => customerPage.getByTestId('slot-status').textContent()).toMatch(/free times? on|No free time on/)
    // An empty day says why: nobody of this service works on Sundays.
    const sunday = customerPage.getByRole('group', { name: 'Choose a day' }).getByRole('button', { name: /^Sun/ })
    await expect.poll(() => sunday.textContent()).toContain('Closed')
    await sunday.click()
    await eventually(() => customerPage.getByTestId('slot-empty').textContent()).toContain('No professional of this service works that day')
    expect(errors).toEqual([])
  })

  it('on a server with its own policy, the dialogs state its terms: no more moves within 30 hours, a 15% fee within 36, before confirming; the admin sees the fee', { timeout: 120_000 }, async () => {
    const server = await startServer({ ADMIN_PASSWORD, RESCHEDULE_CUTOFF_HOURS: '30', CANCEL_CUTOFF_HOURS: '36', LATE_CANCEL_FEE_PERCENT: '15' })
    try {
      const api = apiClient(server.url)
      const admin = await api.login(ADMIN_EMAIL, ADMIN_PASSWORD)
      const category = await api.post('/api/categories', { name: 'Policy' }, { token: admin })
      const service = (await api.post('/api/services', { name: 'Policy service', basePrice: 500, timeRequiredMinutes: 60, categoryId: category.body.category.id }, { token: admin })).body.service
      const proRegistration = professionalRegistration(service.id, { name: 'Pallavi Policy' })
      const pro = (await apiClient(server.url).post('/api/auth/register', proRegistration)).body.user
      await api.post(`/api/admin/professionals/${pro.id}/approve`, {}, { token: admin })
      const proToken = await api.login(proRegistration.email as string, proRegistration.password as string)
      // Working round the clock, so the first free time is a couple of hours away: inside both cut-offs.
      await api.request('PUT', '/api/professional/availability', { token: proToken, body: { weekly: [1, 2, 3, 4, 5, 6, 7].map(weekday => ({ weekday, start: '00:00', end: '24:00' })) } })
      const customerData = customerRegistration()
      await apiClient(server.url).post('/api/auth/register', customerData)
      const customerToken = await api.login(customerData.email as string, customerData.password as string)
      const first = (await api.get(`/api/services/${service.id}/slots?professionalId=${pro.id}`)).body.items[0]
      const booked = await api.post('/api/requests', { serviceId: service.id, professionalId: pro.id, scheduledFor: first.start }, { token: customerToken })
      expect(booked.status, JSON.stringify(booked.body)).toBe(201)
      const requestId = booked.body.request.id
      expect((await api.post(`/api/requests/${requestId}/accept`, {}, { token: proToken })).status).toBe(200)

      const { page, errors } = await signedIn(customerData.email as string, customerData.password as string, '/customer', server.url)
      await goto(page, `/customer/requests/${requestId}`)
      await page.getByRole('button', { name: 'Reschedule' }).click()
      const reschedule = page.getByRole('dialog')
      expect(await reschedule.getByTestId('reschedule-rule').textContent()).toContain('up to 30 hours before it starts, at most 2 times')
      expect(await reschedule.getByTestId('reschedule-refusal').textContent()).toContain('starts in less than 30 hours: it can no longer be rescheduled')
      expect(await reschedule.getByTestId('reschedule-deadline').textContent()).toMatch(/^Moving it was possible until /)
      expect(await reschedule.getByRole('button', { name: 'Move the visit' }).count()).toBe(0)
      await reschedule.getByRole('button', { name: 'Keep the time' }).click()

      // The fee is in the dialog and on the button before anything is cancelled.
      await page.getByRole('button', { name: 'Cancel request' }).click()
      const dialog = page.getByRole('dialog')
      await eventually(() => dialog.textContent()).toContain('less than 36 hours before the visit')
      expect(await dialog.textContent()).toMatch(/a fee of ₹75(\.00)? \(15% of ₹500(\.00)?\) applies/)
      expect(await dialog.getByTestId('confirm-action').textContent()).toMatch(/Cancel and pay ₹75(\.00)?/)
      expect((await api.get(`/api/requests/${requestId}`, { token: customerToken })).body.request.status).toBe('assigned')
      await dialog.getByTestId('confirm-action').click()
      await eventually(() => page.getByTestId('request-cancellation').textContent()).toMatch(/Fee ₹75(\.00)?/)
      expect((await api.get(`/api/requests/${requestId}`, { token: customerToken })).body.request.cancellation).toMatchObject({ late: true, feeRupees: 75 })

      // The admin's list shows the late flag and the fee.
      const { page: adminPage, errors: adminErrors } = await signedIn(ADMIN_EMAIL, ADMIN_PASSWORD, '/admin', server.url)
      await goto(adminPage, '/admin/requests')
      await eventually(() => adminPage.getByTestId(`late-fee-${requestId}`).textContent()).toMatch(/Late · ₹75(\.00)?/)
      expect([...errors, ...adminErrors]).toEqual([])
    }
    finally {
      await server.stop()
    }
  })
})
