import ICAL from 'ical.js'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { serviceRequests } from '../../db/schema'
import { openTestDatabase } from '../support/fixtures'
import { runJob } from '../support/jobs'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow } from '../support/market'

const db = openTestDatabase(inject('databasePath'))
const HOUR = 3_600_000

async function market(overrides: Record<string, unknown> = {}) {
  const service = await newService({ basePrice: 399.5, ...overrides })
  const [customer, pro, colleague] = await Promise.all([newCustomer(), newProfessional(service.id), newProfessional(service.id)])
  return { service, customer, pro, colleague }
}

async function book(token: string, body: Record<string, unknown>) {
  const created = await client.post('/api/requests', { scheduledFor: tomorrow(), ...body }, { token })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.request
}

/** Moves a request's window straight in the database (the triggers move its hold too): a visit about to start. */
function startIn(id: number, ms: number) {
  const start = Date.now() + ms
  db.update(serviceRequests).set({ scheduledFor: new Date(start), endsAt: sql`${start} + (${serviceRequests.endsAt} - ${serviceRequests.scheduledFor})` }).where(eq(serviceRequests.id, id)).run()
}

/** Two free starts of a professional half an hour apart, and one on a later day. */
async function startsOf(serviceId: number, professionalId: number) {
  const starts = (await client.get(`/api/services/${serviceId}/slots?professionalId=${professionalId}&days=14`)).body.items.map((slot: { start: string }) => slot.start) as string[]
  const first = starts.find(start => starts.includes(new Date(Date.parse(start) + 30 * 60_000).toISOString()))!
  return { first, nudged: new Date(Date.parse(first) + 30 * 60_000).toISOString(), later: starts.at(-1)! }
}

const kinds = async (token: string) => (await client.get('/api/notifications', { token })).body.items.map((item: { kind: string }) => item.kind)
const issuePaths = (body: any) => body.data.issues.map((issue: { path: string }) => issue.path)

describe('weekly hours and time off', () => {
  it('start at Monday–Saturday 09:00–18:00 in the platform zone, and can be replaced', async () => {
    const { pro, customer } = await market()
    const availability = await client.get('/api/professional/availability', { token: pro.token })
    expect(availability.status).toBe(200)
    expect(availability.body).toEqual({
      timezone: 'Asia/Kolkata',
      weekly: [1, 2, 3, 4, 5, 6].map(weekday => ({ weekday, start: '09:00', end: '18:00' })),
      timeOff: [],
    })
    const weekly = [{ weekday: 7, start: '10:00', end: '12:30' }, { weekday: 1, start: '14:00', end: '24:00' }, { weekday: 1, start: '08:00', end: '12:00' }]
    const put = await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly } })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.weekly).toEqual([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '14:00', end: '24:00' }, { weekday: 7, start: '10:00', end: '12:30' }])
    const empty = await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [] } })
    expect(empty.body.weekly).toEqual([])

    const bad = await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '13:00', end: '12:00' }, { weekday: 3, start: '09:05', end: '10:00' }] } })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad.body)).toEqual(['weekly.2.start', 'weekly.1.end'])
    expect((await client.request('PUT', '/api/professional/availability', { token: customer.token, body: { weekly: [] } })).status).toBe(403)
    expect((await client.get('/api/professional/availability')).status).toBe(401)
  })

  it('time off hides slots, is listed and removed by its owner only, and cannot cover an assigned visit', async () => {
    const { service, pro, colleague, customer } = await market()
    const slots = (await client.get(`/api/services/${service.id}/slots?professionalId=${pro.user.id}&days=14`)).body.items
    const first = slots[0]
    const off = await client.post('/api/professional/time-off', { from: first.start, to: new Date(Date.parse(first.start) + 2 * HOUR).toISOString(), reason: 'Dentist' }, { token: pro.token })
    expect(off.status, JSON.stringify(off.body)).toBe(201)
    expect(off.body.timeOff).toEqual({ id: expect.any(Number), from: first.start, to: new Date(Date.parse(first.start) + 2 * HOUR).toISOString(), reason: 'Dentist' })
    expect((await client.get('/api/professional/availability', { token: pro.token })).body.timeOff).toEqual([off.body.timeOff])
    const after = (await client.get(`/api/services/${service.id}/slots?professionalId=${pro.user.id}&days=14`)).body.items.map((slot: { start: string }) => slot.start)
    expect(after).not.toContain(first.start)
    // Booking into the time off says why.
    const refused = await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: first.start }, { token: customer.token })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/not free then/)

    expect((await client.delete(`/api/professional/time-off/${off.body.timeOff.id}`, { token: colleague.token })).status).toBe(404)
    expect((await client.delete(`/api/professional/time-off/${off.body.timeOff.id}`, { token: pro.token })).status).toBe(204)
    expect((await client.get('/api/professional/availability', { token: pro.token })).body.timeOff).toEqual([])

    const visit = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: first.start })
    expect((await client.post(`/api/requests/${visit.id}/accept`, {}, { token: pro.token })).status).toBe(200)
    const clash = await client.post('/api/professional/time-off', { from: new Date(Date.parse(first.start) - HOUR).toISOString(), to: new Date(Date.parse(first.start) + HOUR).toISOString() }, { token: pro.token })
    expect(clash.status).toBe(409)
    expect(clash.body.message).toMatch(new RegExp(`your visit #${visit.id}`))

    const invalid = await client.post('/api/professional/time-off', { from: '2099-01-02T10:00:00Z', to: '2099-01-01T10:00:00' }, { token: pro.token })
    expect(issuePaths(invalid.body)).toEqual(['to'])
    const past = await client.post('/api/professional/time-off', { from: '2020-01-01T10:00:00Z', to: '2020-01-02T10:00:00Z' }, { token: pro.token })
    expect(issuePaths(past.body)).toEqual(['to'])
  })
})

describe('slots', () => {
  it('lists grid starts inside the hours, with who is free, and drops a booked professional from their slot', async () => {
    const { service, customer, pro, colleague } = await market()
    const answer = await client.get(`/api/services/${service.id}/slots?days=7`)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ timezone: 'Asia/Kolkata', durationMinutes: 60 })
    const items = answer.body.items as { start: string, end: string, professionalIds: number[] }[]
    expect(items.length).toBeGreaterThan(0)
    expect(items.map(slot => slot.start)).toEqual([...items.map(slot => slot.start)].sort())
    for (const slot of items) {
      const local = new Date(Date.parse(slot.start) + 330 * 60_000) // Kolkata wall clock
      expect(local.getUTCMinutes() % 30).toBe(0)
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(9)
      expect(local.getUTCHours() * 60 + local.getUTCMinutes() + 60).toBeLessThanOrEqual(18 * 60)
      expect(local.getUTCDay()).not.toBe(0)
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(HOUR)
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.now() + 120 * 60_000 - 5_000)
    }
    const chosen = items.find(slot => slot.professionalIds.length === 2)!
    expect(chosen.professionalIds.sort()).toEqual([pro.user.id, colleague.user.id].sort())
    await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: chosen.start })
    const again = (await client.get(`/api/services/${service.id}/slots?days=7`)).body.items as typeof items
    expect(again.find(slot => slot.start === chosen.start)!.professionalIds).toEqual([colleague.user.id])
    // The half-hour starts that would overlap the booked hour lose them too.
    const overlapping = again.find(slot => Date.parse(slot.start) === Date.parse(chosen.start) + 30 * 60_000)
    if (overlapping) expect(overlapping.professionalIds).toEqual([colleague.user.id])
  })

  it('filters by professional and pincode, and names bad parameters', async () => {
    const { service, pro } = await market()
    const local = await newProfessional(service.id, { pincode: '400099' })
    const onlyLocal = (await client.get(`/api/services/${service.id}/slots?pincode=400099`)).body.items
    expect(new Set(onlyLocal.flatMap((slot: { professionalIds: number[] }) => slot.professionalIds))).toEqual(new Set([local.user.id]))
    const onlyPro = (await client.get(`/api/services/${service.id}/slots?professionalId=${pro.user.id}&days=2`)).body.items
    expect(onlyPro.every((slot: { professionalIds: number[] }) => slot.professionalIds.join() === String(pro.user.id))).toBe(true)
    for (const [query, path] of [['days=15', 'days'], ['days=0', 'days'], ['from=2026-02-30', 'from'], ['from=tomorrow', 'from'], ['pincode=12', 'pincode']]) {
      const bad = await client.get(`/api/services/${service.id}/slots?${query}`)
      expect(bad.status, query).toBe(400)
      expect(issuePaths(bad.body)).toEqual([path])
    }
    expect((await client.get(`/api/services/999999/slots`)).status).toBe(404)
    expect((await client.get(`/api/services/${service.id}/slots?from=2000-01-01`)).body.items).toEqual([])
  })

  it('has none for a 7-hour service with only a 6-hour day', async () => {
    const { service, pro } = await market({ timeRequiredMinutes: 420 })
    await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [1, 2, 3, 4, 5, 6, 7].map(weekday => ({ weekday, start: '09:00', end: '15:00' })) } })
    expect((await client.get(`/api/services/${service.id}/slots?professionalId=${pro.user.id}&days=14`)).body.items).toEqual([])
  })
})

describe('booking keeps its word', () => {
  it('gives a named booking an end, and refuses windows that are not that professional\'s slots, saying why', async () => {
    const { service, customer, pro } = await market()
    const start = tomorrow(2)
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: start })
    expect(request).toMatchObject({ scheduledFor: start, endsAt: new Date(Date.parse(start) + HOUR).toISOString(), rescheduleCount: 0, cancellation: null })

    const attempt = (scheduledFor: string) => client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor }, { token: customer.token })
    const taken = await attempt(new Date(Date.parse(start) + 30 * 60_000).toISOString())
    expect(taken.status).toBe(409)
    expect(taken.body.message).toMatch(/not free then/)
    const offGrid = await attempt(new Date(Date.parse(start) + 3 * HOUR + 10 * 60_000).toISOString())
    expect(offGrid.status).toBe(409)
    expect(offGrid.body.message).toMatch(/30-minute grid/)
    const evening = await attempt(new Date(Date.parse(start) - Date.parse(start) % 86_400_000 + 14 * HOUR).toISOString()) // 19:30 in Kolkata
    expect(evening.status).toBe(409)
    expect(evening.body.message).toMatch(/working hours/)
    const soon = await client.post('/api/requests', { serviceId: service.id, scheduledFor: new Date(Date.now() + HOUR).toISOString() }, { token: customer.token })
    expect(soon.status).toBe(400)
    expect(issuePaths(soon.body)).toEqual(['scheduledFor'])
    const far = await client.post('/api/requests', { serviceId: service.id, scheduledFor: new Date(Date.now() + 61 * 86_400_000).toISOString() }, { token: customer.token })
    expect(issuePaths(far.body)).toEqual(['scheduledFor'])
  })

  it('lets exactly one of many simultaneous bookings of one professional\'s slot through', async () => {
    const { service, pro } = await market()
    const customers = await Promise.all(Array.from({ length: 6 }, () => newCustomer()))
    const start = tomorrow(3)
    const answers = await Promise.all(customers.map(customer => client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: start }, { token: customer.token })))
    expect(answers.map(answer => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409])
    expect(answers.find(answer => answer.status === 409)!.body.message).toMatch(/not free then/)
  })

  it('lets a professional accept only one of two overlapping open requests, even at once', async () => {
    const { service, customer, pro } = await market()
    const other = await newCustomer()
    const start = tomorrow(4)
    const first = await book(customer.token, { serviceId: service.id, scheduledFor: start })
    const second = await book(other.token, { serviceId: service.id, scheduledFor: new Date(Date.parse(start) + 30 * 60_000).toISOString() })
    const answers = await Promise.all([first, second].map(request => client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })))
    expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
    expect(answers.find(answer => answer.status === 409)!.body.message).toMatch(/You are not free for this visit\. This overlaps your visit #\d+/)
  })
})

describe('reschedule, cancel, release', () => {
  it('reschedules into a free slot of the same professional, twice at most, never within 12 hours, and tells them', async () => {
    const { service, customer, pro } = await market()
    const { first, nudged, later: blocked } = await startsOf(service.id, pro.user.id)
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: first })
    const blocker = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: blocked })
    const move = (id: number, scheduledFor: string) => client.post(`/api/requests/${id}/reschedule`, { scheduledFor }, { token: customer.token })

    const busy = await move(request.id, blocker.scheduledFor)
    expect(busy.status).toBe(409)
    // Its own window aside: a move by half an hour that overlaps only itself is fine.
    const fine = await move(request.id, nudged)
    expect(fine.status, JSON.stringify(fine.body)).toBe(200)
    expect(fine.body.request).toMatchObject({ status: 'requested', scheduledFor: nudged, endsAt: new Date(Date.parse(nudged) + HOUR).toISOString(), rescheduleCount: 1 })
    expect(await kinds(pro.token)).toContain('request.rescheduled')

    expect((await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })).status).toBe(200)
    const later = tomorrow(6)
    expect((await move(request.id, later)).body.request).toMatchObject({ status: 'assigned', rescheduleCount: 2 })
    const third = await move(request.id, tomorrow(7))
    expect(third.status).toBe(409)
    expect(third.body.message).toMatch(/rescheduled 2 times/)

    const soon = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: tomorrow(8) })
    await client.post(`/api/requests/${soon.id}/accept`, {}, { token: pro.token })
    startIn(soon.id, 5 * HOUR)
    const cutoff = await move(soon.id, tomorrow(9))
    expect(cutoff.status).toBe(409)
    expect(cutoff.body.message).toMatch(/less than 12 hours/)

    expect((await client.post(`/api/requests/${request.id}/reschedule`, { scheduledFor: tomorrow(10) }, { token: pro.token })).status).toBe(403)
    expect(issuePaths((await move(request.id, 'soon')).body)).toEqual(['scheduledFor'])
  })

  it('PATCH of the start follows the booking rules, its own window aside', async () => {
    const { service, customer, pro } = await market()
    const { first, nudged, later } = await startsOf(service.id, pro.user.id)
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: first })
    const other = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor: later })
    expect((await client.patch(`/api/requests/${request.id}`, { scheduledFor: other.scheduledFor }, { token: customer.token })).status).toBe(409)
    const moved = await client.patch(`/api/requests/${request.id}`, { scheduledFor: nudged, remarks: 'Moved' }, { token: customer.token })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.request).toMatchObject({ remarks: 'Moved', rescheduleCount: 1 })
  })

  it('charges a late cancellation of an assigned visit 20% of its price, and nothing earlier', async () => {
    const { service, customer, pro } = await market()
    const late = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${late.id}/accept`, {}, { token: pro.token })
    startIn(late.id, 6 * HOUR)
    const cancelled = await client.post(`/api/requests/${late.id}/cancel`, {}, { token: customer.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.request.cancellation).toEqual({ by: 'customer', at: expect.stringMatching(/Z$/), late: true, feeRupees: 79.9 })

    const early = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${early.id}/accept`, {}, { token: pro.token })
    const free = await client.post(`/api/requests/${early.id}/cancel`, {}, { token: customer.token })
    expect(free.body.request.cancellation).toMatchObject({ late: false, feeRupees: 0 })
    // The slot is free again.
    expect((await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: early.scheduledFor }, { token: customer.token })).status).toBe(201)
  })

  it('lets the assigned professional release a visit before it starts, back to the pool', async () => {
    const { service, customer, pro, colleague } = await market()
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    expect((await client.post(`/api/requests/${request.id}/release`, {}, { token: pro.token })).status).toBe(409) // not assigned yet
    await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
    expect((await client.post(`/api/requests/${request.id}/release`, {}, { token: colleague.token })).status).toBe(404)
    const released = await client.post(`/api/requests/${request.id}/release`, {}, { token: pro.token })
    expect(released.status).toBe(200)
    expect(released.body.request).toMatchObject({ status: 'requested', professionalId: null, professional: null, acceptedAt: null })
    expect(await kinds(customer.token)).toContain('request.released')
    expect((await client.get('/api/professional/dashboard', { token: pro.token })).body.releases).toBe(1)
    expect((await client.post(`/api/requests/${request.id}/accept`, {}, { token: colleague.token })).status).toBe(200)
    startIn(request.id, -10 * 60_000)
    const started = await client.post(`/api/requests/${request.id}/release`, {}, { token: colleague.token })
    expect(started.status).toBe(409)
    expect(started.body.message).toMatch(/already started/)
  })
})

type ParsedEvent = { uid: string, status: string, sequence: number, start: string, end: string, summary: string, location: string | null }

async function readFeed(url: string) {
  const response = await client.get(new URL(url).pathname)
  if (response.status !== 200) return { status: response.status, events: [] as ParsedEvent[], type: null }
  const calendar = new ICAL.Component(ICAL.parse(response.body as string))
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component)
    return {
      uid: event.uid, status: String(component.getFirstPropertyValue('status')), sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), summary: event.summary,
      location: (component.getFirstPropertyValue('location') as string | null) ?? null,
    }
  })
  return { status: 200, events, type: response.headers.get('content-type'), raw: response.body as string }
}

describe('calendar feeds', () => {
  it('publish each side\'s visits as RFC 5545 events, with SEQUENCE, status, and the address only once assigned', async () => {
    const { service, pro } = await market()
    const customer = await newCustomer(undefined, { address: 'Flat 4, "Rose" Villa; Lane 2, Indiranagar — a very long address line that has to be folded' })
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, remarks: 'Ring twice, then wait' })
    const cancelled = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${cancelled.id}/cancel`, {}, { token: customer.token })

    const link = await client.get('/api/calendar/link', { token: customer.token })
    expect(link.status).toBe(200)
    expect(link.body.url).toMatch(/^https?:\/\/[^/]+\/api\/calendar\/feeds\/[\w-]{43}\.ics$/)
    expect((await client.get('/api/calendar/link', { token: customer.token })).body.url).toBe(link.body.url)
    const proLink = (await client.get('/api/calendar/link', { token: pro.token })).body.url

    const feed = await readFeed(link.body.url)
    expect(feed.type).toBe('text/calendar; charset=utf-8')
    expect(feed.raw!.split('\r\n').every(line => Buffer.byteLength(line) <= 75)).toBe(true)
    const mine = feed.events.find(event => event.uid.startsWith(`request-${request.id}@`))!
    expect(mine).toMatchObject({ status: 'TENTATIVE', sequence: 0, start: request.scheduledFor, end: request.endsAt, location: `${customer.user.address}, ${customer.user.pincode}` })
    expect(mine.summary).toContain(service.name)
    expect(feed.events.find(event => event.uid.startsWith(`request-${cancelled.id}@`))!.status).toBe('CANCELLED')

    const before = (await readFeed(proLink)).events.find(event => event.uid === mine.uid)!
    expect(before.location).toBe(customer.user.pincode) // not theirs yet: no address
    await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
    const moved = tomorrow(5)
    await client.post(`/api/requests/${request.id}/reschedule`, { scheduledFor: moved }, { token: customer.token })
    const after = (await readFeed(proLink)).events.find(event => event.uid === mine.uid)!
    expect(after).toMatchObject({ status: 'CONFIRMED', sequence: 1, start: moved, location: `${customer.user.address}, ${customer.user.pincode}` })

    const rotated = await client.post('/api/calendar/link', {}, { token: customer.token })
    expect(rotated.body.url).not.toBe(link.body.url)
    expect((await readFeed(link.body.url)).status).toBe(404)
    expect((await readFeed(rotated.body.url)).events.map(event => event.uid)).toContain(mine.uid)
    expect((await client.get('/api/calendar/link', { token: await adminLogin() })).status).toBe(403)
    expect((await client.get('/api/calendar/link')).status).toBe(401)
  })

  it('attach the accepted visit as an .ics to the customer\'s mail', async () => {
    const { service, customer, pro } = await market()
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
    const outbox = await client.get(`/api/admin/outbox?to=${encodeURIComponent(customer.registration.email as string)}`, { token: await adminLogin() })
    const mail = outbox.body.items.find((item: { subject: string }) => item.subject.includes(service.name))
    expect(mail.attachments).toEqual([{ filename: `visit-${request.id}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: expect.any(String) }])
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(mail.attachments[0].content)).getFirstSubcomponent('vevent')!)
    expect(event.startDate.toJSDate().toISOString()).toBe(request.scheduledFor)
    expect(event.endDate.toJSDate().toISOString()).toBe(request.endsAt)
  })
})

describe('visit reminders', () => {
  it('remind both sides once per visit and start, and once more after a reschedule', async () => {
    const { service, customer, pro } = await market()
    const admin = await adminLogin()
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
    startIn(request.id, 5 * HOUR)
    const mails = async (email: string) => (await client.get(`/api/admin/outbox?to=${encodeURIComponent(email)}&pageSize=100`, { token: admin })).body.items
      .filter((item: { subject: string }) => item.subject.startsWith('Reminder:'))
    await runJob(client, admin, 'visit-reminders')
    await runJob(client, admin, 'visit-reminders')
    expect(await mails(customer.registration.email as string)).toHaveLength(1)
    expect(await mails(pro.registration.email as string)).toHaveLength(1)
    expect(await kinds(customer.token)).toContain('visit.reminder')
    expect(await kinds(pro.token)).toContain('visit.reminder')
    startIn(request.id, 7 * HOUR)
    await runJob(client, admin, 'visit-reminders')
    expect(await mails(customer.registration.email as string)).toHaveLength(2)
  })
})
