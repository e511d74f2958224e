import { describe, expect, it } from 'vitest'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow, uniqueWord } from '../support/market'

async function market() {
  const service = await newService({ basePrice: 399.5 })
  const [customer, pro, colleague] = await Promise.all([newCustomer(), newProfessional(service.id), newProfessional(service.id)])
  return { service, customer, pro, colleague }
}

async function book(token: string, body: Record<string, unknown>) {
  const created = await client.post('/api/requests', { scheduledFor: tomorrow(), ...body }, { token })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.request
}

const kinds = async (token: string) => (await client.get('/api/notifications', { token })).body.items.map((item: { kind: string }) => item.kind)

describe('creating a request', () => {
  it('books a named professional with the customer\'s address, the price of the day, and tells the professional', async () => {
    const { service, customer, pro } = await market()
    const scheduledFor = tomorrow(3)
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, scheduledFor, remarks: 'Ring twice' })
    expect(request).toEqual({
      id: expect.any(Number), status: 'requested', serviceId: service.id, service: { id: service.id, name: service.name, basePrice: 399.5 },
      customerId: customer.user.id, customer: { id: customer.user.id, name: customer.user.name, phone: customer.user.phone, address: customer.user.address, pincode: customer.user.pincode },
      professionalId: pro.user.id, professional: { id: pro.user.id, name: pro.user.name },
      scheduledFor, endsAt: new Date(Date.parse(scheduledFor) + 60 * 60_000).toISOString(), rescheduleCount: 0, cancellation: null,
      address: customer.user.address, pincode: customer.user.pincode, remarks: 'Ring twice',
      createdAt: expect.stringMatching(/Z$/), acceptedAt: null, rejectedAt: null, completedAt: null, closedAt: null, cancelledAt: null, review: null,
    })
    expect(await kinds(pro.token)).toContain('request.received')
    // The price is a snapshot: a later change of the list price does not rewrite it.
    await client.patch(`/api/services/${service.id}`, { basePrice: 999 }, { token: await adminLogin() })
    expect((await client.get(`/api/requests/${request.id}`, { token: customer.token })).body.request.service.basePrice).toBe(399.5)
  })

  it('leaves a request open to every approved professional of the service and tells them all', async () => {
    const { service, customer, pro, colleague } = await market()
    const request = await book(customer.token, { serviceId: service.id, address: '9 Other Road', pincode: '400001' })
    expect(request).toMatchObject({ professionalId: null, professional: null, address: '9 Other Road', pincode: '400001' })
    expect(await kinds(pro.token)).toContain('request.received')
    expect(await kinds(colleague.token)).toContain('request.received')
  })

  it('names the bad field: past date, unknown service, a professional who is not bookable', async () => {
    const { service, customer } = await market()
    const other = await newService()
    const [otherPro, pending] = await Promise.all([newProfessional(other.id), newProfessional(service.id, { approve: false })])
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceId: service.id, scheduledFor: new Date(Date.now() - 60_000).toISOString() }, 'scheduledFor'],
      [{ serviceId: service.id, scheduledFor: 'next tuesday' }, 'scheduledFor'],
      [{ serviceId: 999999, scheduledFor: tomorrow() }, 'serviceId'],
      [{ serviceId: service.id, professionalId: otherPro.user.id, scheduledFor: tomorrow() }, 'professionalId'],
      [{ serviceId: service.id, professionalId: pending.user.id, scheduledFor: tomorrow() }, 'professionalId'],
      [{ serviceId: service.id, professionalId: customer.user.id, scheduledFor: tomorrow() }, 'professionalId'],
      [{ serviceId: service.id, scheduledFor: tomorrow(), pincode: '12' }, 'pincode'],
    ]
    for (const [body, path] of cases) {
      const answer = await client.post('/api/requests', body, { token: customer.token })
      expect(answer.status, path).toBe(400)
      expect(answer.body.data.issues.map((issue: { path: string }) => issue.path), JSON.stringify(body)).toEqual([path])
    }
  })

  it('is for customers only', async () => {
    const { service, pro } = await market()
    const body = { serviceId: service.id, scheduledFor: tomorrow() }
    expect((await client.post('/api/requests', body)).status).toBe(401)
    expect((await client.post('/api/requests', body, { token: pro.token })).status).toBe(403)
    expect((await client.post('/api/requests', body, { token: await adminLogin() })).status).toBe(403)
  })
})

describe('the lifecycle', () => {
  it('goes requested → assigned → completed → closed with a review that lands on the professional', async () => {
    const { service, customer, pro } = await market()
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })

    // Before accepting, the professional does not see the customer's phone or address.
    const before = (await client.get(`/api/requests/${request.id}`, { token: pro.token })).body.request
    expect(before.customer).toEqual({ id: customer.user.id, name: customer.user.name, pincode: customer.user.pincode })
    expect(before.address).toBeNull()

    const accepted = await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
    expect(accepted.status).toBe(200)
    expect(accepted.body.request).toMatchObject({ status: 'assigned', acceptedAt: expect.stringMatching(/Z$/), customer: { phone: customer.user.phone, address: customer.user.address } })
    expect((await client.get(`/api/requests/${request.id}`, { token: customer.token })).body.request.professional.phone).toBe(pro.user.phone)
    expect(await kinds(customer.token)).toContain('request.accepted')

    const completed = await client.post(`/api/requests/${request.id}/complete`, {}, { token: pro.token })
    expect(completed.body.request).toMatchObject({ status: 'completed', completedAt: expect.stringMatching(/Z$/) })
    expect(await kinds(customer.token)).toContain('request.completed')

    const closed = await client.post(`/api/requests/${request.id}/close`, { rating: 4, comment: 'Neat work' }, { token: customer.token })
    expect(closed.status).toBe(200)
    expect(closed.body.request).toMatchObject({ status: 'closed', closedAt: expect.stringMatching(/Z$/), review: { rating: 4, comment: 'Neat work' } })
    expect(await kinds(pro.token)).toContain('request.closed')

    const profile = (await client.get(`/api/professionals/${pro.user.id}`)).body.professional
    expect(profile).toMatchObject({ rating: 4, reviewCount: 1 })
    const listed = (await client.get(`/api/services/${service.id}`)).body.professionals.find((p: { id: number }) => p.id === pro.user.id)
    expect(listed).toMatchObject({ rating: 4, reviewCount: 1 })
    // Closing twice is a 409, and does not count the review twice.
    const again = await client.post(`/api/requests/${request.id}/close`, { rating: 1 }, { token: customer.token })
    expect(again.status).toBe(409)
    expect(again.body.message).toMatch(/closed/)
    expect((await client.get(`/api/professionals/${pro.user.id}`)).body.professional.reviewCount).toBe(1)
  })

  it('lets the named professional reject, and the customer cancel, edit and close straight from assigned', async () => {
    const { service, customer, pro } = await market()
    const rejected = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    expect((await client.post(`/api/requests/${rejected.id}/reject`, {}, { token: pro.token })).body.request.status).toBe('rejected')
    expect(await kinds(customer.token)).toContain('request.rejected')
    expect((await client.post(`/api/requests/${rejected.id}/accept`, {}, { token: pro.token })).status).toBe(409)

    const edited = await book(customer.token, { serviceId: service.id })
    const when = tomorrow(5)
    const patched = await client.patch(`/api/requests/${edited.id}`, { scheduledFor: when, remarks: 'Gate code 42' }, { token: customer.token })
    expect(patched.status).toBe(200)
    expect(patched.body.request).toMatchObject({ scheduledFor: when, remarks: 'Gate code 42' })
    expect((await client.patch(`/api/requests/${edited.id}`, { scheduledFor: '2001-01-01T00:00:00Z' }, { token: customer.token })).body.data.issues[0].path).toBe('scheduledFor')
    expect((await client.patch(`/api/requests/${edited.id}`, { remarks: 'x' }, { token: pro.token })).status).toBe(403)

    const assigned = await client.post(`/api/requests/${edited.id}/accept`, {}, { token: pro.token })
    expect(assigned.body.request.status).toBe('assigned')
    expect((await client.patch(`/api/requests/${edited.id}`, { remarks: 'late' }, { token: customer.token })).status).toBe(409)
    const cancelled = await client.post(`/api/requests/${edited.id}/cancel`, {}, { token: customer.token })
    expect(cancelled.body.request.status).toBe('cancelled')
    expect(await kinds(pro.token)).toContain('request.cancelled')
    const cancelAgain = await client.post(`/api/requests/${edited.id}/cancel`, {}, { token: customer.token })
    expect(cancelAgain.status).toBe(409)
    expect(cancelAgain.body.message).toMatch(/This request is cancelled/)

    const direct = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${direct.id}/accept`, {}, { token: pro.token })
    expect((await client.post(`/api/requests/${direct.id}/close`, { rating: 5 }, { token: customer.token })).body.request.review).toEqual({ rating: 5, comment: '' })
  })

  it('dates every status, so the timeline of a rejected or cancelled request is complete (rejectedAt, cancelledAt)', async () => {
    const { service, customer, pro } = await market()
    const isoTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    const declined = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    expect(declined).toMatchObject({ rejectedAt: null, cancelledAt: null })
    await client.post(`/api/requests/${declined.id}/reject`, {}, { token: pro.token })
    expect((await client.get(`/api/requests/${declined.id}`, { token: customer.token })).body.request)
      .toMatchObject({ status: 'rejected', rejectedAt: isoTime, cancelledAt: null, acceptedAt: null })

    const withdrawn = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await client.post(`/api/requests/${withdrawn.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${withdrawn.id}/cancel`, {}, { token: customer.token })
    const seen = (await client.get(`/api/requests/${withdrawn.id}`, { token: pro.token })).body.request
    expect(seen).toMatchObject({ status: 'cancelled', acceptedAt: isoTime, cancelledAt: isoTime, rejectedAt: null })
    expect(Date.parse(seen.cancelledAt)).toBeGreaterThanOrEqual(Date.parse(seen.acceptedAt))
    // The lists send the same object.
    const listed = (await client.get('/api/requests?status=cancelled', { token: customer.token })).body.items
    expect(listed.find((request: { id: number }) => request.id === withdrawn.id)).toEqual((await client.get(`/api/requests/${withdrawn.id}`, { token: customer.token })).body.request)
  })

  it('answers 409 with a reason for moves the status table forbids, 400 for a bad rating', async () => {
    const { service, customer, pro } = await market()
    const request = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    const early = await client.post(`/api/requests/${request.id}/complete`, {}, { token: pro.token })
    expect(early.status).toBe(409)
    expect(early.body.message).toMatch(/must be accepted/)
    expect((await client.post(`/api/requests/${request.id}/close`, { rating: 5 }, { token: customer.token })).status).toBe(409)
    for (const rating of [0, 6, 2.5, '5']) {
      const bad = await client.post(`/api/requests/${request.id}/close`, { rating }, { token: customer.token })
      expect(bad.status).toBe(400)
      expect(bad.body.data.issues[0].path).toBe('rating')
    }
  })

  it('keeps professionals who are not approved away from requests (403)', async () => {
    const { service, customer } = await market()
    const pending = await newProfessional(service.id, { approve: false })
    const request = await book(customer.token, { serviceId: service.id })
    for (const action of ['accept', 'reject', 'complete']) {
      expect((await client.post(`/api/requests/${request.id}/${action}`, {}, { token: pending.token })).status).toBe(403)
    }
    expect((await client.post(`/api/requests/${request.id}/accept`, {}, { token: customer.token })).status).toBe(403)
    expect((await client.post(`/api/requests/${request.id}/accept`)).status).toBe(401)
    expect((await client.get('/api/requests', { token: pending.token })).body.total).toBe(0)
  })
})

describe('privacy', () => {
  it('answers 404 for another customer\'s request, and for requests of other professionals or services', async () => {
    const { service, customer, pro, colleague } = await market()
    const other = await newCustomer()
    const outsider = await newProfessional((await newService()).id)
    const named = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    for (const token of [other.token, colleague.token, outsider.token]) {
      expect((await client.get(`/api/requests/${named.id}`, { token })).status).toBe(404)
    }
    expect((await client.patch(`/api/requests/${named.id}`, { remarks: 'x' }, { token: other.token })).status).toBe(404)
    expect((await client.post(`/api/requests/${named.id}/cancel`, {}, { token: other.token })).status).toBe(404)
    expect((await client.post(`/api/requests/${named.id}/close`, { rating: 5 }, { token: other.token })).status).toBe(404)
    expect((await client.post(`/api/requests/${named.id}/accept`, {}, { token: colleague.token })).status).toBe(404)
    expect((await client.post(`/api/requests/${named.id}/reject`, {}, { token: colleague.token })).status).toBe(404)
    expect((await client.get('/api/requests/999999', { token: customer.token })).status).toBe(404)
    expect((await client.get(`/api/requests/${named.id}`)).status).toBe(401)
    expect((await client.get('/api/requests/abc', { token: customer.token })).status).toBe(400)
    // The admin sees everything, with contact details.
    const seen = await client.get(`/api/requests/${named.id}`, { token: await adminLogin() })
    expect(seen.body.request.customer.phone).toBe(customer.user.phone)
  })
})

describe('listing requests', () => {
  it('scopes by role, filters by status and text, and pages', async () => {
    const { service, customer, pro, colleague } = await market()
    const word = uniqueWord()
    const named = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id, remarks: `about ${word}` })
    const open = await book(customer.token, { serviceId: service.id })
    const other = await newCustomer()
    const foreign = await book(other.token, { serviceId: service.id, professionalId: colleague.user.id })

    const mine = await client.get('/api/requests', { token: customer.token })
    expect(mine.body.items.map((r: { id: number }) => r.id)).toEqual([open.id, named.id])
    expect(mine.body).toMatchObject({ total: 2, page: 1, pageSize: 20 })
    const forPro = await client.get('/api/requests', { token: pro.token })
    expect(forPro.body.items.map((r: { id: number }) => r.id).sort()).toEqual([named.id, open.id].sort())
    const forColleague = await client.get('/api/requests', { token: colleague.token })
    expect(forColleague.body.items.map((r: { id: number }) => r.id).sort()).toEqual([open.id, foreign.id].sort())

    const admin = await adminLogin()
    const byText = await client.get(`/api/requests?q=${word}`, { token: admin })
    expect(byText.body.items.map((r: { id: number }) => r.id)).toEqual([named.id])
    expect((await client.get(`/api/requests?q=${encodeURIComponent('" OR 1=1 --')}`, { token: customer.token })).status).toBe(200)
    expect((await client.get('/api/requests?q=***', { token: customer.token })).body.total).toBe(0)
    const byService = await client.get(`/api/requests?q=${encodeURIComponent(service.name)}&pageSize=2&page=2`, { token: admin })
    expect(byService.body).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(byService.body.items).toHaveLength(1)

    await client.post(`/api/requests/${named.id}/accept`, {}, { token: pro.token })
    const assigned = await client.get('/api/requests?status=assigned', { token: customer.token })
    expect(assigned.body.items.map((r: { id: number }) => r.id)).toEqual([named.id])
    const bad = await client.get('/api/requests?status=done&pageSize=0', { token: customer.token })
    expect(bad.status).toBe(400)
    expect(bad.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['pageSize', 'status'])
    expect((await client.get('/api/requests')).status).toBe(401)
  })

  it('counts the requests each caller may see by status, in one answer', async () => {
    const { service, customer, pro, colleague } = await market()
    const named = await book(customer.token, { serviceId: service.id, professionalId: pro.user.id })
    await book(customer.token, { serviceId: service.id })
    const cancelled = await book(customer.token, { serviceId: service.id, professionalId: colleague.user.id })
    await client.post(`/api/requests/${named.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${cancelled.id}/cancel`, {}, { token: customer.token })
    const none = { requested: 0, assigned: 0, completed: 0, closed: 0, rejected: 0, cancelled: 0 }

    const mine = await client.get('/api/requests/counts', { token: customer.token })
    expect(mine.status).toBe(200)
    expect(mine.body).toEqual({ counts: { ...none, requested: 1, assigned: 1, cancelled: 1 } })
    // The professional: the one naming them and the open one of their service, as the list shows them.
    expect((await client.get('/api/requests/counts', { token: pro.token })).body.counts).toEqual({ ...none, requested: 1, assigned: 1 })
    expect((await client.get('/api/requests/counts', { token: (await newCustomer()).token })).body.counts).toEqual(none)
    expect((await client.get('/api/requests/counts')).status).toBe(401)
  })
})

describe('the accept race', () => {
  it('gives an open request to exactly one of two professionals accepting at once', async () => {
    const { service, customer, pro, colleague } = await market()
    for (let round = 0; round < 5; round++) {
      const request = await book(customer.token, { serviceId: service.id })
      const answers = await Promise.all([pro, colleague].map(p => client.post(`/api/requests/${request.id}/accept`, {}, { token: p.token })))
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
      const winner = answers.find(answer => answer.status === 200)!.body.request.professionalId
      const final = (await client.get(`/api/requests/${request.id}`, { token: customer.token })).body.request
      expect(final).toMatchObject({ status: 'assigned', professionalId: winner })
      expect(answers.find(answer => answer.status === 409)!.body.message).toMatch(/already accepted/)
    }
  })
})
