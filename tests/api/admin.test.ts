import { describe, expect, it } from 'vitest'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow } from '../support/market'

const kinds = async (token: string) => (await client.get('/api/notifications', { token })).body.items.map((item: { kind: string }) => item.kind)
const randomPincode = () => String(700000 + Math.floor(Math.random() * 99999))

describe('users list', () => {
  it('lists contract users for the admin only, with filters and paging, never a password hash', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const pending = await newProfessional(service.id, { approve: false })
    const all = await client.get('/api/admin/users?pageSize=100', { token: admin })
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) })
    expect(JSON.stringify(all.body)).not.toMatch(/password|tokenVersion/i)

    const queue = await client.get('/api/admin/users?role=professional&approval=pending&pageSize=100', { token: admin })
    expect(queue.body.items.every((user: { professional: { approval: string } }) => user.professional.approval === 'pending')).toBe(true)
    expect(queue.body.items.map((user: { id: number }) => user.id)).toContain(pending.user.id)

    const found = await client.get(`/api/admin/users?q=${encodeURIComponent(pending.registration.email as string)}`, { token: admin })
    expect(found.body.items).toEqual([{
      id: pending.user.id, email: pending.registration.email, name: pending.user.name, role: 'professional', status: 'active',
      phone: pending.user.phone, address: expect.any(String), pincode: expect.any(String), createdAt: expect.stringMatching(/Z$/),
      professional: { serviceId: service.id, experienceYears: 4, description: 'Careful and quick.', approval: 'pending', rating: null, reviewCount: 0, hasDocument: false },
    }])
    const customers = await client.get('/api/admin/users?role=customer&pageSize=2&page=2', { token: admin })
    expect(customers.body.items).toHaveLength(2)
    expect(customers.body.items.every((user: { role: string }) => user.role === 'customer')).toBe(true)
    const demo = await client.get('/api/admin/users?q=customer1@example.com', { token: admin })
    expect(demo.body.items.map((user: { email: string }) => user.email)).toEqual(['customer1@example.com'])

    const bad = await client.get('/api/admin/users?role=root&status=gone', { token: admin })
    expect(bad.status).toBe(400)
    expect(bad.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['role', 'status'])
    expect((await client.get('/api/admin/users', { token: pending.token })).status).toBe(403)
    expect((await client.get('/api/admin/users')).status).toBe(401)
  })
})

describe('approvals', () => {
  it('approves and rejects with a reason, tells the professional, and refuses a repeat or a non-professional', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const [pending, customer] = await Promise.all([newProfessional(service.id, { approve: false }), newCustomer()])
    expect((await client.post(`/api/admin/professionals/${pending.user.id}/approve`, {}, { token: customer.token })).status).toBe(403)
    expect((await client.post(`/api/admin/professionals/${pending.user.id}/approve`, {})).status).toBe(401)
    expect((await client.post(`/api/admin/professionals/${pending.user.id}/reject`, { reason: 'x'.repeat(501) }, { token: admin })).body.data.issues[0].path).toBe('reason')

    const rejected = await client.post(`/api/admin/professionals/${pending.user.id}/reject`, { reason: 'The name does not match' }, { token: admin })
    expect(rejected.status).toBe(200)
    expect(rejected.body.user.professional.approval).toBe('rejected')
    const alerts = (await client.get('/api/notifications', { token: pending.token })).body.items
    expect(alerts[0]).toMatchObject({ kind: 'approval.decided', message: 'Your registration was not approved. The name does not match' })
    expect((await client.post(`/api/admin/professionals/${pending.user.id}/reject`, {}, { token: admin })).status).toBe(409)

    const approved = await client.post(`/api/admin/professionals/${pending.user.id}/approve`, {}, { token: admin })
    expect(approved.body.user.professional.approval).toBe('approved')
    expect((await client.post(`/api/admin/professionals/${pending.user.id}/approve`, {}, { token: admin })).status).toBe(409)
    expect((await client.post(`/api/admin/professionals/${customer.user.id}/approve`, {}, { token: admin })).status).toBe(409)
    expect((await client.post('/api/admin/professionals/999999/approve', {}, { token: admin })).status).toBe(404)
    expect((await client.get(`/api/professionals/${pending.user.id}`)).status).toBe(200)
  })

  it('shows an approval, a block and an unblock in the pincode search at once (cache invalidation)', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const pincode = randomPincode()
    const search = async () => (await client.get(`/api/services?categoryId=${service.categoryId}&pincode=${pincode}`)).body.total
    const pro = await newProfessional(service.id, { approve: false, pincode })
    expect(await search()).toBe(0)
    await client.post(`/api/admin/professionals/${pro.user.id}/approve`, {}, { token: admin })
    expect(await search()).toBe(1)
    await client.post(`/api/admin/users/${pro.user.id}/block`, { reason: 'Complaints' }, { token: admin })
    expect(await search()).toBe(0)
    expect((await client.get(`/api/services/${service.id}`)).body.professionals).toEqual([])
    expect((await client.get(`/api/professionals/${pro.user.id}`)).status).toBe(404)
    await client.post(`/api/admin/users/${pro.user.id}/unblock`, {}, { token: admin })
    expect(await search()).toBe(1)
  })
})

describe('blocking a professional', () => {
  it('returns their requested and assigned requests to the open pool and tells the customers', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const [pro, colleague, customer] = await Promise.all([newProfessional(service.id), newProfessional(service.id), newCustomer()])
    const book = async () => (await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: tomorrow() }, { token: customer.token })).body.request
    const named = await book()
    const assigned = await book()
    const completed = await book()
    await client.post(`/api/requests/${assigned.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${completed.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${completed.id}/complete`, {}, { token: pro.token })

    const blocked = await client.post(`/api/admin/users/${pro.user.id}/block`, { reason: 'No-shows' }, { token: admin })
    expect(blocked.body.user.status).toBe('blocked')
    for (const id of [named.id, assigned.id]) {
      const request = (await client.get(`/api/requests/${id}`, { token: customer.token })).body.request
      expect(request).toMatchObject({ status: 'requested', professionalId: null, professional: null, acceptedAt: null })
    }
    expect((await client.get(`/api/requests/${completed.id}`, { token: customer.token })).body.request).toMatchObject({ status: 'completed', professionalId: pro.user.id })
    expect((await kinds(customer.token)).filter((kind: string) => kind === 'request.returned')).toHaveLength(2)
    // The colleague now sees them as open and can take one.
    expect((await client.post(`/api/requests/${assigned.id}/accept`, {}, { token: colleague.token })).status).toBe(200)
  })

  it('cancels a blocked customer\'s open and assigned requests and tells the professional', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    const book = async () => (await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: tomorrow() }, { token: customer.token })).body.request
    const open = await book()
    const assigned = await book()
    const closed = await book()
    await client.post(`/api/requests/${assigned.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${closed.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${closed.id}/close`, { rating: 4 }, { token: customer.token })
    await client.post(`/api/admin/users/${customer.user.id}/block`, {}, { token: admin })
    const statuses = await Promise.all([open, assigned, closed].map(async r => (await client.get(`/api/requests/${r.id}`, { token: pro.token })).body.request.status))
    expect(statuses).toEqual(['cancelled', 'cancelled', 'closed'])
    expect((await kinds(pro.token)).filter((kind: string) => kind === 'request.cancelled')).toHaveLength(2)
  })

  it('cannot block the admin or oneself', async () => {
    const admin = await adminLogin()
    const me = (await client.get('/api/auth/me', { token: admin })).body.user
    expect((await client.post(`/api/admin/users/${me.id}/block`, {}, { token: admin })).status).toBe(409)
  })
})

describe('stats', () => {
  it('answers the contract\'s shape, admin only, and moves with new requests', async () => {
    const admin = await adminLogin()
    const before = await client.get('/api/admin/stats', { token: admin })
    expect(before.status).toBe(200)
    expect(Object.keys(before.body).sort()).toEqual(['ratings', 'requests', 'topServices', 'users'])
    expect(Object.keys(before.body.users).sort()).toEqual(['blocked', 'customers', 'pendingApprovals', 'professionals'])
    expect(Object.keys(before.body.requests.byStatus).sort()).toEqual(['assigned', 'cancelled', 'closed', 'completed', 'rejected', 'requested'])
    expect(Object.keys(before.body.ratings)).toEqual(['1', '2', '3', '4', '5'])
    expect(before.body.users.customers).toBeGreaterThanOrEqual(6)
    expect(before.body.ratings['5']).toBeGreaterThanOrEqual(3) // the demo data's five-star reviews
    const top = before.body.topServices
    expect(top.length).toBeGreaterThan(0)
    expect(top.length).toBeLessThanOrEqual(5)
    expect(top[0]).toEqual({ serviceId: expect.any(Number), name: expect.any(String), requests: expect.any(Number) })
    expect(top.map((s: { requests: number }) => s.requests)).toEqual([...top.map((s: { requests: number }) => s.requests)].sort((a: number, b: number) => b - a))

    const customer = await newCustomer()
    const service = await newService()
    await client.post('/api/requests', { serviceId: service.id, scheduledFor: tomorrow() }, { token: customer.token })
    const after = (await client.get('/api/admin/stats', { token: admin })).body
    expect(after.users.customers).toBeGreaterThan(before.body.users.customers)
    expect(after.requests.byStatus.requested).toBeGreaterThan(before.body.requests.byStatus.requested)
    expect((await client.get('/api/admin/stats', { token: customer.token })).status).toBe(403)
    expect((await client.get('/api/admin/stats')).status).toBe(401)
  })
})
