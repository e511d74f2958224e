import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer } from '../support/api'
import { uniqueWord } from '../support/market'

const client = apiClient()
let admin: string
let customer: string


async function newCategory(name = `Category ${uniqueWord()}`) {
  const created = await client.post('/api/categories', { name }, { token: admin })
  expect(created.status).toBe(201)
  return created.body.category as { id: number, name: string, serviceCount: number }
}

async function newService(overrides: Record<string, unknown> = {}) {
  const categoryId = overrides.categoryId ?? (await newCategory()).id
  const created = await client.post('/api/services', {
    name: `Service ${uniqueWord()}`, description: 'A service for tests.', basePrice: 349.5, timeRequiredMinutes: 60, categoryId, ...overrides,
  }, { token: admin })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.service
}

beforeAll(async () => {
  admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
  customer = (await newCustomer()).token
})

describe('categories', () => {
  it('lets the admin create, rename and delete a category, and nobody else', async () => {
    const name = `Gardening ${uniqueWord()}`
    expect((await client.post('/api/categories', { name })).status).toBe(401)
    expect((await client.post('/api/categories', { name }, { token: customer })).status).toBe(403)
    const category = await newCategory(name)
    expect(category).toEqual({ id: expect.any(Number), name, serviceCount: 0 })
    expect((await client.get('/api/categories')).body.items).toContainEqual(category)

    const renamed = await client.patch(`/api/categories/${category.id}`, { name: `${name} and lawns` }, { token: admin })
    expect(renamed.status).toBe(200)
    expect(renamed.body.category.name).toBe(`${name} and lawns`)
    expect((await client.patch(`/api/categories/${category.id}`, { name: 'x' }, { token: customer })).status).toBe(403)
    expect((await client.patch('/api/categories/999999', { name: 'x' }, { token: admin })).status).toBe(404)

    expect((await client.delete(`/api/categories/${category.id}`, { token: customer })).status).toBe(403)
    expect((await client.delete(`/api/categories/${category.id}`)).status).toBe(401)
    expect((await client.delete(`/api/categories/${category.id}`, { token: admin })).status).toBe(204)
    expect((await client.delete(`/api/categories/${category.id}`, { token: admin })).status).toBe(404)
    expect((await client.get('/api/categories')).body.items.map((item: { id: number }) => item.id)).not.toContain(category.id)
  })

  it('refuses a duplicate name whatever its case (409) and a blank one (400 on name)', async () => {
    const category = await newCategory()
    const duplicate = await client.post('/api/categories', { name: category.name.toUpperCase() }, { token: admin })
    expect(duplicate.status).toBe(409)
    const other = await newCategory()
    expect((await client.patch(`/api/categories/${other.id}`, { name: category.name.toLowerCase() }, { token: admin })).status).toBe(409)
    const blank = await client.post('/api/categories', { name: '  ' }, { token: admin })
    expect(blank.status).toBe(400)
    expect(blank.body.data.issues).toEqual([{ path: 'name', message: 'Name is required' }])
  })

  it('keeps a category that still has services (409) and counts its active services', async () => {
    const category = await newCategory()
    await newService({ categoryId: category.id })
    const listed = (await client.get('/api/categories')).body.items.find((item: { id: number }) => item.id === category.id)
    expect(listed.serviceCount).toBe(1)
    const refused = await client.delete(`/api/categories/${category.id}`, { token: admin })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/still has services/)
  })
})

describe('services', () => {
  it('creates a service with an exact price in rupees, admin only', async () => {
    const category = await newCategory()
    const body = { name: `Geyser repair ${uniqueWord()}`, description: 'Heating elements and thermostats.', basePrice: 499.99, timeRequiredMinutes: 45, categoryId: category.id }
    expect((await client.post('/api/services', body)).status).toBe(401)
    expect((await client.post('/api/services', body, { token: customer })).status).toBe(403)
    const created = await client.post('/api/services', body, { token: admin })
    expect(created.status).toBe(201)
    expect(created.body.service).toEqual({
      id: expect.any(Number), name: body.name, description: body.description, basePrice: 499.99, timeRequiredMinutes: 45,
      categoryId: category.id, category: { id: category.id, name: category.name }, active: true,
    })
  })

  it('names the bad field: price with three decimals, negative, not a number; unknown category; missing name', async () => {
    const category = await newCategory()
    const base = { name: 'Valid', basePrice: 10, timeRequiredMinutes: 30, categoryId: category.id }
    for (const basePrice of [10.255, -1, '100']) {
      const answer = await client.post('/api/services', { ...base, basePrice }, { token: admin })
      expect(answer.status).toBe(400)
      expect(answer.body.data.issues.map((issue: { path: string }) => issue.path)).toEqual(['basePrice'])
    }
    const unknown = await client.post('/api/services', { ...base, categoryId: 999999 }, { token: admin })
    expect(unknown.status).toBe(400)
    expect(unknown.body.data.issues).toEqual([{ path: 'categoryId', message: 'No such category' }])
    const missing = await client.post('/api/services', { basePrice: 1, timeRequiredMinutes: 0, categoryId: category.id }, { token: admin })
    expect(missing.status).toBe(400)
    expect(missing.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['name', 'timeRequiredMinutes'])
  })

  it('updates any field, admin only, 404 for a missing service', async () => {
    const service = await newService()
    const patched = await client.patch(`/api/services/${service.id}`, { basePrice: 0.5, timeRequiredMinutes: 15 }, { token: admin })
    expect(patched.status).toBe(200)
    expect(patched.body.service).toMatchObject({ id: service.id, name: service.name, basePrice: 0.5, timeRequiredMinutes: 15 })
    expect((await client.patch(`/api/services/${service.id}`, { basePrice: 1.001 }, { token: admin })).body.data.issues[0].path).toBe('basePrice')
    expect((await client.patch(`/api/services/${service.id}`, { name: 'x' }, { token: customer })).status).toBe(403)
    expect((await client.patch(`/api/services/${service.id}`, { name: 'x' })).status).toBe(401)
    expect((await client.patch('/api/services/999999', { name: 'x' }, { token: admin })).status).toBe(404)
  })

  it('shows a service publicly with its approved, active professionals and their ratings', async () => {
    const services = (await client.get('/api/services?q=tap mixer')).body.items
    const tap = services.find((service: { name: string }) => service.name === 'Tap and mixer repair')
    const answer = await client.get(`/api/services/${tap.id}`)
    expect(answer.status).toBe(200)
    expect(answer.body.service).toEqual(tap)
    const ravi = answer.body.professionals.find((professional: { name: string }) => professional.name === 'Ravi Kumar')
    expect(ravi).toEqual({ id: expect.any(Number), name: 'Ravi Kumar', experienceYears: 8, pincode: '560001', rating: expect.any(Number), reviewCount: expect.any(Number) })
    expect(ravi.reviewCount).toBeGreaterThanOrEqual(1)
    // Pending and rejected professionals are not listed.
    const kitchen = (await client.get('/api/services?q=kitchen cleaning')).body.items[0]
    expect((await client.get(`/api/services/${kitchen.id}`)).body.professionals.map((p: { name: string }) => p.name)).not.toContain('Meena Joshi')
    expect((await client.get('/api/services/999999')).status).toBe(404)
    expect((await client.get('/api/services/abc')).status).toBe(400)
  })

  it('removes an unused service, and deactivates one with requests (404 to the public, still visible to the admin)', async () => {
    const unused = await newService()
    expect((await client.delete(`/api/services/${unused.id}`, { token: customer })).status).toBe(403)
    expect((await client.delete(`/api/services/${unused.id}`, { token: admin })).status).toBe(204)
    expect((await client.get(`/api/services/${unused.id}`, { token: admin })).status).toBe(404)
    expect((await client.delete(`/api/services/${unused.id}`, { token: admin })).status).toBe(404)

    const used = await newService()
    const booked = await client.post('/api/requests', { serviceId: used.id, scheduledFor: new Date(Date.now() + 86_400_000).toISOString() }, { token: customer })
    expect(booked.status).toBe(201)
    expect((await client.delete(`/api/services/${used.id}`, { token: admin })).status).toBe(204)
    expect((await client.get(`/api/services/${used.id}`)).status).toBe(404)
    const seenByAdmin = await client.get(`/api/services/${used.id}`, { token: admin })
    expect(seenByAdmin.status).toBe(200)
    expect(seenByAdmin.body.service.active).toBe(false)
    expect((await client.get(`/api/services?q=${encodeURIComponent(used.name)}`)).body.total).toBe(0)
    const withInactive = await client.get(`/api/services?q=${encodeURIComponent(used.name)}&includeInactive=true`, { token: admin })
    expect(withInactive.body.items.map((service: { id: number }) => service.id)).toEqual([used.id])
    expect((await client.get('/api/services?includeInactive=true', { token: customer })).status).toBe(403)
    // The request keeps its history.
    expect((await client.get(`/api/requests/${booked.body.request.id}`, { token: customer })).body.request.service.name).toBe(used.name)
    // And the admin can bring it back.
    expect((await client.patch(`/api/services/${used.id}`, { active: true }, { token: admin })).body.service.active).toBe(true)
    expect((await client.get(`/api/services/${used.id}`)).status).toBe(200)
  })
})

describe('search', () => {
  it('ranks name matches above description matches, matches word prefixes, ignores case', async () => {
    const word = uniqueWord()
    const inDescription = await newService({ name: `Alpha ${uniqueWord()}`, description: `Mentions ${word}widgets in passing.` })
    const inName = await newService({ name: `${word}widgets fitting`, description: 'Nothing else.' })
    const found = await client.get(`/api/services?q=${word.toUpperCase().slice(0, 9)}`)
    expect(found.status).toBe(200)
    expect(found.body.items.map((service: { id: number }) => service.id)).toEqual([inName.id, inDescription.id])
    expect(found.body).toMatchObject({ total: 2, page: 1, pageSize: 20 })
    const paged = await client.get(`/api/services?q=${word}&pageSize=1&page=2`)
    expect(paged.body).toMatchObject({ items: [{ id: inDescription.id }], total: 2, page: 2, pageSize: 1 })
    // "plumb" finds the services of the Plumbing category, after any service that names it.
    const plumbing = (await client.get('/api/services?q=plumb&pageSize=100')).body.items
    expect(plumbing.length).toBeGreaterThanOrEqual(4)
    expect(plumbing.filter((service: { category: { name: string } }) => service.category.name === 'Plumbing')).toHaveLength(4)
    expect((await client.get('/api/services?q=PIPE leak')).body.items[0].name).toBe('Pipe leakage repair')
  })

  it('filters by category and by the pincodes approved, active professionals serve', async () => {
    const tap = (await client.get('/api/services?q=tap&pincode=560001')).body.items.map((service: { name: string }) => service.name)
    expect(tap).toContain('Tap and mixer repair')
    expect((await client.get('/api/services?q=tap&pincode=400001')).body.total).toBe(0)
    // Kitchen cleaning has only a pending professional.
    expect((await client.get('/api/services?q=kitchen&pincode=560001')).body.total).toBe(0)
    const category = await newCategory()
    const service = await newService({ categoryId: category.id })
    expect((await client.get(`/api/services?categoryId=${category.id}`)).body.items.map((s: { id: number }) => s.id)).toEqual([service.id])
    const bad = await client.get('/api/services?pincode=12&categoryId=x&pageSize=500')
    expect(bad.status).toBe(400)
    expect(bad.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['categoryId', 'pageSize', 'pincode'])
  })

  it('treats hostile search text as plain text', async () => {
    for (const q of ['" OR 1=1; --', '\'); DROP TABLE services; --', 'NEAR(a b)', '***', 'tap" OR "x', '%_\\']) {
      const answer = await client.get(`/api/services?q=${encodeURIComponent(q)}`)
      expect(answer.status, q).toBe(200)
      expect(JSON.stringify(answer.body)).not.toMatch(/sqlite|syntax/i)
    }
    expect((await client.get('/api/services?q=tap')).body.total).toBeGreaterThan(0)
  })
})

describe('search cache', () => {
  const redis = new Redis(inject('redisUrl'))
  afterAll(() => redis.quit())

  it('stores answers in Redis under explicit keys with a max age, and shows every write at once', async () => {
    const word = uniqueWord()
    expect((await client.get(`/api/services?q=${word}`)).body.total).toBe(0)
    const version = await redis.get('hs:cache:catalogue:version')
    expect(version).toBeTruthy()
    const keys = await redis.keys(`hs:cache:catalogue:search:${version}:*`)
    expect(keys.length).toBeGreaterThan(0)
    const ttl = await redis.ttl(keys[0]!)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(300)

    const service = await newService({ name: `${word} polishing` })
    expect(await redis.get('hs:cache:catalogue:version')).not.toBe(version)
    expect((await client.get(`/api/services?q=${word}`)).body.items.map((s: { id: number }) => s.id)).toEqual([service.id])

    await client.patch(`/api/services/${service.id}`, { name: 'Renamed polishing', description: 'plain' }, { token: admin })
    expect((await client.get(`/api/services?q=${word}`)).body.total).toBe(0)
    await client.patch(`/api/services/${service.id}`, { name: `${word} again` }, { token: admin })
    expect((await client.get(`/api/services?q=${word}`)).body.total).toBe(1)
    await client.delete(`/api/services/${service.id}`, { token: admin })
    expect((await client.get(`/api/services?q=${word}`)).body.total).toBe(0)
  })

  it('shows category writes in the cached category list at once', async () => {
    await client.get('/api/categories')
    const category = await newCategory()
    expect((await client.get('/api/categories')).body.items).toContainEqual(category)
    await client.patch(`/api/categories/${category.id}`, { name: `${category.name} renamed` }, { token: admin })
    const renamed = (await client.get('/api/categories')).body.items.find((item: { id: number }) => item.id === category.id)
    expect(renamed.name).toBe(`${category.name} renamed`)
    await newService({ categoryId: category.id })
    expect((await client.get('/api/categories')).body.items.find((item: { id: number }) => item.id === category.id).serviceCount).toBe(1)
  })
})
