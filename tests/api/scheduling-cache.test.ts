import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, weekdayOf, zonedToday } from '../../shared/domain/slots'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, professionalRegistration } from '../support/api'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow, useSecondInstance } from '../support/market'
import { startServer, type RunningServer } from '../support/processes'

const HOUR = 3_600_000
type Slot = { start: string, end: string, professionalIds: number[] }
type SlotAnswer = { items: Slot[], days: { date: string, free: number, reason: string | null }[] }

const second = useSecondInstance()
const issuePaths = (body: any) => body.data.issues.map((issue: { path: string }) => issue.path)

async function slots(serviceId: number, query = 'days=7', from = client) {
  const answer = await from.get<SlotAnswer>(`/api/services/${serviceId}/slots?${query}`)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return { ...answer.body, cache: answer.headers.get('x-slots-cache'), cacheControl: answer.headers.get('cache-control') }
}

/** Who is free at `start` in a slots answer ([] when nobody is, or it is not listed). */
const freeAt = (answer: SlotAnswer, start: string) => answer.items.find(slot => slot.start === start)?.professionalIds ?? []

describe('the scheduling policy the pages read', () => {
  it('is the contract\'s defaults on a server configured with none', async () => {
    const answer = await client.get('/api/scheduling/policy')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ policy: {
      timezone: 'Asia/Kolkata', noticeMinutes: 120, horizonDays: 60, slotMinutes: 30,
      rescheduleCutoffHours: 12, rescheduleLimit: 2, cancelCutoffHours: 12, lateCancelFeePercent: 20,
    } })
  })

  describe('on a server configured otherwise', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startServer({
        ADMIN_PASSWORD, APP_TIMEZONE: 'Europe/London', BOOKING_NOTICE_MINUTES: '45', RESCHEDULE_CUTOFF_HOURS: '30',
        CANCEL_CUTOFF_HOURS: '36', LATE_CANCEL_FEE_PERCENT: '15', SLOTS_CACHE_SECONDS: '0',
      })
    })
    afterAll(() => server?.stop())

    it('answers the configured values, and with SLOTS_CACHE_SECONDS=0 never serves slots from the cache', async () => {
      const other = apiClient(server.url)
      expect((await other.get('/api/scheduling/policy')).body.policy).toEqual({
        timezone: 'Europe/London', noticeMinutes: 45, horizonDays: 60, slotMinutes: 30,
        rescheduleCutoffHours: 30, rescheduleLimit: 2, cancelCutoffHours: 36, lateCancelFeePercent: 15,
      })
      const admin = await other.login(ADMIN_EMAIL, ADMIN_PASSWORD)
      const category = await other.post('/api/categories', { name: 'Uncached' }, { token: admin })
      const service = await other.post('/api/services', { name: 'Uncached service', basePrice: 100, timeRequiredMinutes: 60, categoryId: category.body.category.id }, { token: admin })
      const pro = await other.post('/api/auth/register', professionalRegistration(service.body.service.id))
      await other.post(`/api/admin/professionals/${pro.body.user.id}/approve`, {}, { token: admin })
      const first = await slots(service.body.service.id, 'days=7', other)
      const again = await slots(service.body.service.id, 'days=7', other)
      expect([first.cache, again.cache]).toEqual(['miss', 'miss'])
      expect(again.items).toEqual(first.items)
    })
  })
})

describe('cached slots', () => {
  it('are served from the cache until a booking changes them, then never offer the taken slot, on any instance', async () => {
    const service = await newService()
    const [pro, colleague, customer] = await Promise.all([newProfessional(service.id), newProfessional(service.id), newCustomer()])
    const first = await slots(service.id)
    const hit = await slots(service.id)
    expect([first.cache, hit.cache]).toEqual(['miss', 'hit'])
    expect(hit.cacheControl).toBe('no-store')
    expect(hit.items).toEqual(first.items)
    // The other instance shares the entry through Redis.
    expect((await slots(service.id, 'days=7', second.client)).cache).toBe('hit')

    const start = first.items.find(slot => slot.professionalIds.length === 2)!.start
    const booked = await second.client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: start }, { token: customer.token })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    for (const instance of [client, second.client]) {
      const after = await slots(service.id, 'days=7', instance)
      expect(freeAt(after, start)).toEqual([colleague.user.id])
    }
    expect((await slots(service.id)).cache).toBe('hit')
    // The colleague takes it too: nobody is free then, and the slot is gone from every answer.
    const other = await newCustomer()
    expect((await client.post('/api/requests', { serviceId: service.id, professionalId: colleague.user.id, scheduledFor: start }, { token: other.token })).status).toBe(201)
    expect((await slots(service.id)).items.map(slot => slot.start)).not.toContain(start)
    expect((await slots(service.id, 'days=7', second.client)).items.map(slot => slot.start)).not.toContain(start)
    expect((await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: start }, { token: other.token })).status).toBe(409)
  })

  it('follow every write that changes free time: accept, cancel, reschedule, release, hours, time off, approval, block', async () => {
    const service = await newService()
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    const admin = await adminLogin()
    const look = async () => {
      await slots(service.id, 'days=14') // the cache holds the answer before each write
      return slots(service.id, 'days=14')
    }
    const start = tomorrow(2)
    expect(freeAt(await look(), start)).toEqual([pro.user.id])

    // An open request accepted holds the professional; its cancellation frees them again.
    const open = (await client.post('/api/requests', { serviceId: service.id, scheduledFor: start }, { token: customer.token })).body.request
    expect(freeAt(await look(), start)).toEqual([pro.user.id])
    expect((await client.post(`/api/requests/${open.id}/accept`, {}, { token: pro.token })).status).toBe(200)
    expect(freeAt(await look(), start)).toEqual([])
    expect((await client.post(`/api/requests/${open.id}/cancel`, {}, { token: customer.token })).status).toBe(200)
    expect(freeAt(await look(), start)).toEqual([pro.user.id])

    // A named booking moved: the old time is free, the new one taken.
    const named = (await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: start }, { token: customer.token })).body.request
    const later = (await look()).items.find(slot => Date.parse(slot.start) >= Date.parse(start) + HOUR)!.start
    expect(freeAt(await look(), later)).toEqual([pro.user.id])
    expect((await client.post(`/api/requests/${named.id}/reschedule`, { scheduledFor: later }, { token: customer.token })).status).toBe(200)
    const moved = await look()
    expect([freeAt(moved, start), freeAt(moved, later)]).toEqual([[pro.user.id], []])
    // Released: the professional is free at that time again.
    expect((await client.post(`/api/requests/${named.id}/accept`, {}, { token: pro.token })).status).toBe(200)
    expect((await client.post(`/api/requests/${named.id}/release`, {}, { token: pro.token })).status).toBe(200)
    expect(freeAt(await look(), later)).toEqual([pro.user.id])

    // Time off, then weekly hours.
    const off = await client.post('/api/professional/time-off', { from: start, to: new Date(Date.parse(start) + HOUR).toISOString() }, { token: pro.token })
    expect(off.status).toBe(201)
    expect(freeAt(await look(), start)).toEqual([])
    expect((await client.delete(`/api/professional/time-off/${off.body.timeOff.id}`, { token: pro.token })).status).toBe(204)
    expect(freeAt(await look(), start)).toEqual([pro.user.id])
    expect((await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [] } })).status).toBe(200)
    expect((await look()).items).toEqual([])
    expect((await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [1, 2, 3, 4, 5, 6].map(weekday => ({ weekday, start: '09:00', end: '18:00' })) } })).status).toBe(200)
    expect(freeAt(await look(), start)).toEqual([pro.user.id])

    // A newcomer approved appears; a blocked professional leaves.
    const newcomer = await newProfessional(service.id, { approve: false })
    expect(freeAt(await look(), start)).toEqual([pro.user.id])
    expect((await client.post(`/api/admin/professionals/${newcomer.user.id}/approve`, {}, { token: admin })).status).toBe(200)
    expect(freeAt(await look(), start).sort()).toEqual([pro.user.id, newcomer.user.id].sort())
    expect((await client.post(`/api/admin/users/${pro.user.id}/block`, { reason: 'Tests' }, { token: admin })).status).toBe(200)
    expect(freeAt(await look(), start)).toEqual([newcomer.user.id])
  })
})

describe('days without a free time say why', () => {
  it('nobody works, everyone is booked, everyone is away, or the day is past the horizon', async () => {
    const service = await newService({ timeRequiredMinutes: 120 })
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    // Only two hours a day, Monday to Saturday: one visit fills a day.
    expect((await client.request('PUT', '/api/professional/availability', { token: pro.token, body: { weekly: [1, 2, 3, 4, 5, 6].map(weekday => ({ weekday, start: '10:00', end: '12:00' })) } })).status).toBe(200)
    const today = zonedToday(Date.now(), 'Asia/Kolkata')
    let from = addDays(today, 2)
    while (weekdayOf(from) !== 1) from = addDays(from, 1)
    const week = await slots(service.id, `from=${from}&days=7`)
    expect(week.days.map(day => day.date)).toEqual(Array.from({ length: 7 }, (_, index) => addDays(from, index)))
    expect(week.days.map(day => [day.free, day.reason])).toEqual([...Array.from({ length: 6 }, () => [1, null]), [0, 'closed']])

    const [monday, tuesday] = week.items
    expect((await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: monday!.start }, { token: customer.token })).status).toBe(201)
    expect((await client.post('/api/professional/time-off', { from: tuesday!.start, to: tuesday!.end }, { token: pro.token })).status).toBe(201)
    const after = await slots(service.id, `from=${from}&days=7`)
    expect(after.days.slice(0, 3).map(day => [day.date, day.free, day.reason])).toEqual([[from, 0, 'booked'], [addDays(from, 1), 0, 'time-off'], [addDays(from, 2), 1, null]])

    // 60 days ahead at most: the days beyond say so.
    const edge = await slots(service.id, `from=${addDays(today, 58)}&days=5`)
    expect(edge.days.slice(3).map(day => day.reason)).toEqual(['horizon', 'horizon'])
  })
})

describe('the request list by visit window', () => {
  it('keeps the requests whose window overlaps [from, to), and names a bad bound', async () => {
    const service = await newService()
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    const starts = [tomorrow(5), tomorrow(5), tomorrow(5)].sort()
    const made = []
    for (const scheduledFor of starts) {
      made.push((await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor }, { token: customer.token })).body.request)
    }
    const ids = async (token: string, query: string) => {
      const answer = await client.get(`/api/requests?${query}`, { token })
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return answer.body.items.map((item: { id: number }) => item.id).sort()
    }
    // From the middle of the first visit to the start of the third: the first two (half-open windows).
    const from = new Date(Date.parse(made[0].scheduledFor) + 30 * 60_000).toISOString()
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(made[2].scheduledFor)}`
    expect(await ids(pro.token, query)).toEqual([made[0].id, made[1].id].sort())
    expect(await ids(customer.token, `${query}&status=requested`)).toEqual([made[0].id, made[1].id].sort())
    expect(await ids(pro.token, `from=${encodeURIComponent(made[2].endsAt)}`)).not.toContain(made[2].id)
    expect(await ids(pro.token, `to=${encodeURIComponent(made[0].scheduledFor)}`)).toEqual([])
    // A zone offset works too (encoded: a bare + in a query string is a space).
    expect(await ids(pro.token, `from=${encodeURIComponent(from.replace('Z', '+00:00'))}&to=${encodeURIComponent(made[2].scheduledFor)}`)).toHaveLength(2)

    for (const [bad, path] of [[`from=${encodeURIComponent(made[2].scheduledFor)}&to=${encodeURIComponent(from)}`, 'to'], ['from=2026-13-01T00:00:00Z', 'from'], ['to=tomorrow', 'to'], ['from=2026-12-01T10:00:00', 'from']]) {
      const answer = await client.get(`/api/requests?${bad}`, { token: pro.token })
      expect(answer.status, bad).toBe(400)
      expect(issuePaths(answer.body)).toEqual([path])
    }
  })
})
