import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow } from '../support/market'

const PNG = Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
const PDF = Buffer.from('%PDF-1.4\n% test document\n%%EOF\n')
const JPEG = Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46])

function upload(token: string | undefined, data: Buffer, name: string, type: string, field = 'file') {
  const form = new FormData()
  form.append(field, new Blob([new Uint8Array(data)], { type }), name)
  return client.request('POST', '/api/professional/document', { token, rawBody: form })
}

describe('public professional pages', () => {
  it('shows approved, active professionals only, with their rating and reviews', async () => {
    const service = await newService()
    const [pro, pending, customer] = await Promise.all([newProfessional(service.id, { experienceYears: 7, pincode: '400001' }), newProfessional(service.id, { approve: false }), newCustomer()])
    const answer = await client.get(`/api/professionals/${pro.user.id}`)
    expect(answer.status).toBe(200)
    expect(answer.body.professional).toEqual({
      id: pro.user.id, name: pro.user.name, serviceId: service.id, experienceYears: 7, description: 'Careful and quick.', pincode: '400001', rating: null, reviewCount: 0,
    })
    expect((await client.get(`/api/professionals/${pending.user.id}`)).status).toBe(404)
    expect((await client.get(`/api/professionals/${customer.user.id}`)).status).toBe(404)
    expect((await client.get(`/api/professionals/${pending.user.id}/reviews`)).status).toBe(404)

    for (const rating of [5, 2]) {
      const request = (await client.post('/api/requests', { serviceId: service.id, professionalId: pro.user.id, scheduledFor: tomorrow() }, { token: customer.token })).body.request
      await client.post(`/api/requests/${request.id}/accept`, {}, { token: pro.token })
      await client.post(`/api/requests/${request.id}/close`, { rating, comment: `rated ${rating}` }, { token: customer.token })
    }
    expect((await client.get(`/api/professionals/${pro.user.id}`)).body.professional).toMatchObject({ rating: 3.5, reviewCount: 2 })
    const reviews = await client.get(`/api/professionals/${pro.user.id}/reviews?pageSize=1`)
    expect(reviews.body).toEqual({
      items: [{ rating: 2, comment: 'rated 2', customerName: customer.user.name, createdAt: expect.stringMatching(/Z$/) }], total: 2, page: 1, pageSize: 1,
    })
  })
})

describe('verification document', () => {
  it('takes a PDF, PNG or JPEG by its content, stores it under a name of our own, and lets the admin open it', async () => {
    const service = await newService()
    const pro = await newProfessional(service.id, { approve: false })
    const admin = await adminLogin()
    expect((await client.get(`/api/admin/professionals/${pro.user.id}/document`, { token: admin })).status).toBe(404)

    // A PNG sent under a PDF name and type is a PNG.
    const stored = await upload(pro.token, PNG, '..%2F..%2Fevil name.pdf', 'application/pdf')
    expect(stored.status, JSON.stringify(stored.body)).toBe(201)
    expect(stored.body.user.professional.hasDocument).toBe(true)
    const opened = await client.get(`/api/admin/professionals/${pro.user.id}/document`, { token: admin })
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('image/png')
    expect(opened.headers.get('content-disposition')).toMatch(/^inline; filename="professional-\d+-document\.png"$/)
    expect(opened.headers.get('x-content-type-options')).toBe('nosniff')
    const files = readdirSync(join(inject('dataDir'), 'documents'))
    expect(files.some(name => name.includes('evil'))).toBe(false)

    // A new upload replaces the old one.
    expect((await upload(pro.token, JPEG, 'id.jpg', 'image/jpeg')).status).toBe(201)
    expect((await upload(pro.token, PDF, 'id.png', 'image/png')).status).toBe(201)
    const replaced = await fetch(`${inject('baseURL')}/api/admin/professionals/${pro.user.id}/document`, { headers: { authorization: `Bearer ${admin}` } })
    expect(replaced.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await replaced.arrayBuffer()).equals(PDF)).toBe(true)
    expect(readdirSync(join(inject('dataDir'), 'documents')).length).toBe(files.length)
  })

  it('refuses other types (415), big files (413), a missing field (400) and other roles', async () => {
    const service = await newService()
    const pro = await newProfessional(service.id)
    const customer = await newCustomer()
    const text = await upload(pro.token, Buffer.from('just text, not an image'), 'photo.png', 'image/png')
    expect(text.status).toBe(415)
    const html = await upload(pro.token, Buffer.from('<html><script>alert(1)</script>'), 'doc.pdf', 'application/pdf')
    expect(html.status).toBe(415)
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])
    expect((await upload(pro.token, big, 'big.pdf', 'application/pdf')).status).toBe(413)
    const missing = await upload(pro.token, PDF, 'doc.pdf', 'application/pdf', 'document')
    expect(missing.status).toBe(400)
    expect(missing.body.data.issues).toEqual([{ path: 'file', message: 'Choose a PDF, PNG or JPEG file' }])
    expect((await client.post('/api/professional/document', { file: 'x' }, { token: pro.token })).status).toBe(415)
    expect((await upload(customer.token, PDF, 'doc.pdf', 'application/pdf')).status).toBe(403)
    expect((await upload(undefined, PDF, 'doc.pdf', 'application/pdf')).status).toBe(401)
    expect((await client.get(`/api/admin/professionals/${pro.user.id}/document`, { token: pro.token })).status).toBe(403)
    expect((await client.get(`/api/admin/professionals/${customer.user.id}/document`, { token: await adminLogin() })).status).toBe(404)
  })

  it('puts a rejected professional who uploads again back in the approvals queue', async () => {
    const service = await newService()
    const pro = await newProfessional(service.id, { approve: false })
    await client.post(`/api/admin/professionals/${pro.user.id}/reject`, { reason: 'Blurry document' }, { token: await adminLogin() })
    const again = await upload(pro.token, PDF, 'clear.pdf', 'application/pdf')
    expect(again.body.user.professional.approval).toBe('pending')
  })
})

describe('professional dashboard', () => {
  it('counts the requests awaiting them and theirs by status, with their rating', async () => {
    const service = await newService()
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    const book = async (professionalId?: number) => (await client.post('/api/requests', { serviceId: service.id, professionalId, scheduledFor: tomorrow() }, { token: customer.token })).body.request
    await book()
    const named = await book(pro.user.id)
    const done = await book(pro.user.id)
    await client.post(`/api/requests/${named.id}/reject`, {}, { token: pro.token })
    await client.post(`/api/requests/${done.id}/accept`, {}, { token: pro.token })
    await client.post(`/api/requests/${done.id}/close`, { rating: 5 }, { token: customer.token })
    const dashboard = await client.get('/api/professional/dashboard', { token: pro.token })
    expect(dashboard.status).toBe(200)
    expect(dashboard.body).toEqual({ counts: { requested: 1, assigned: 0, completed: 0, closed: 1, rejected: 1 }, releases: 0, rating: 5, reviewCount: 1 })
    expect((await client.get('/api/professional/dashboard', { token: customer.token })).status).toBe(403)
    expect((await client.get('/api/professional/dashboard')).status).toBe(401)
  })
})

describe('editing one\'s own profile', () => {
  it('changes contact details, professional fields for professionals only, and shows a new pincode in search at once', async () => {
    const customer = await newCustomer()
    const edited = await client.patch('/api/auth/me', { name: 'New Name', phone: '+91 90000 00000', address: '2 New Street', pincode: '110001' }, { token: customer.token })
    expect(edited.status).toBe(200)
    expect(edited.body.user).toMatchObject({ name: 'New Name', phone: '+91 90000 00000', address: '2 New Street', pincode: '110001' })
    expect(edited.body.user).not.toHaveProperty('passwordHash')
    const refused = await client.patch('/api/auth/me', { experienceYears: 3 }, { token: customer.token })
    expect(refused.status).toBe(400)
    expect(refused.body.data.issues[0].path).toBe('experienceYears')
    expect((await client.patch('/api/auth/me', { pincode: 'abc' }, { token: customer.token })).body.data.issues[0].path).toBe('pincode')
    expect((await client.patch('/api/auth/me', { name: 'x' })).status).toBe(401)

    const service = await newService()
    const pincode = String(700000 + Math.floor(Math.random() * 99999))
    const pro = await newProfessional(service.id, { pincode: '560001' })
    expect((await client.get(`/api/services?categoryId=${service.categoryId}&pincode=${pincode}`)).body.total).toBe(0)
    const moved = await client.patch('/api/auth/me', { pincode, experienceYears: 11, description: 'Now nearby' }, { token: pro.token })
    expect(moved.body.user.professional).toMatchObject({ experienceYears: 11, description: 'Now nearby' })
    expect((await client.get(`/api/services?categoryId=${service.categoryId}&pincode=${pincode}`)).body.items.map((s: { id: number }) => s.id)).toEqual([service.id])
  })
})
