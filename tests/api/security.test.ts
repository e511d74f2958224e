import Redis from 'ioredis'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { apiClient, customerRegistration, newCustomer, uniqueEmail } from '../support/api'
import { startServer, type RunningServer } from '../support/processes'

describe('sign-in rate limits', () => {
  it('locks an account after 5 failures with 429 and Retry-After, even for the right password, counted in Redis', async () => {
    const registration = customerRegistration()
    const client = apiClient()
    await client.post('/api/auth/register', registration)
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Each attempt from another address: the per-account limit holds whatever the address.
      expect((await apiClient().post('/api/auth/login', { email: registration.email, password: 'wrong password' })).status).toBe(401)
    }
    const locked = await apiClient().post('/api/auth/login', { email: registration.email, password: registration.password })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(locked.body).toMatchObject({ statusCode: 429, message: expect.stringContaining('Too many failed sign-in attempts') })

    const redis = new Redis(inject('redisUrl'))
    expect(await redis.get(`hs:ratelimit:login:account:${registration.email}`)).toBe('5')
    expect(await redis.ttl(`hs:ratelimit:login:account:${registration.email}`)).toBeGreaterThan(0)
    redis.disconnect()
  })

  it('limits failures per address across accounts', async () => {
    const client = apiClient()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 31; attempt++) {
      statuses.push((await client.post('/api/auth/login', { email: uniqueEmail('spray'), password: 'guess' })).status)
    }
    expect(statuses.slice(0, 30).every(status => status === 401)).toBe(true)
    expect(statuses[30]).toBe(429)
    // Another address is not affected.
    const { token } = await newCustomer(apiClient())
    expect(token).toBeTruthy()
  })

  it('forgives earlier failures after a successful sign-in', async () => {
    const registration = customerRegistration()
    const client = apiClient()
    await client.post('/api/auth/register', registration)
    for (let attempt = 0; attempt < 4; attempt++) await apiClient().post('/api/auth/login', { email: registration.email, password: 'wrong password' })
    expect((await client.post('/api/auth/login', { email: registration.email, password: registration.password })).status).toBe(200)
    for (let attempt = 0; attempt < 4; attempt++) await apiClient().post('/api/auth/login', { email: registration.email, password: 'wrong password' })
    expect((await client.post('/api/auth/login', { email: registration.email, password: registration.password })).status).toBe(200)
  })
})

describe('request hygiene', () => {
  const client = apiClient()

  it('refuses a state change from a foreign origin, allows the same origin', async () => {
    const registration = customerRegistration()
    const foreign = await client.post('/api/auth/register', registration, { headers: { origin: 'https://evil.example' } })
    expect(foreign.status).toBe(403)
    expect(foreign.body).toEqual({ statusCode: 403, message: 'Cross-origin request refused' })
    const crossSite = await client.post('/api/auth/register', registration, { headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await client.post('/api/auth/register', registration, { headers: { origin: inject('baseURL') } })
    expect(sameOrigin.status).toBe(201)
  })

  it('sends security headers on API responses and a nonce-based CSP on pages', async () => {
    const api = await client.get('/api/health')
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
    expect(api.headers.get('x-frame-options')).toBe('DENY')
    expect(api.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(api.headers.get('content-security-policy')).toContain('frame-ancestors \'none\'')

    const page = await client.get('/')
    const csp = page.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain('frame-ancestors \'none\'')
    const scripts = (page.body as string).match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
    const again = await client.get('/')
    expect(again.headers.get('content-security-policy')).not.toBe(csp)
  })

  it('answers unknown API paths in the error shape without internals', async () => {
    const response = await client.get('/api/does-not-exist')
    expect(response.status).toBe(404)
    expect(Object.keys(response.body).sort()).toEqual(['message', 'statusCode'])
    expect(JSON.stringify(response.body)).not.toMatch(/stack|at \/|node_modules/)
  })

  it('rejects out-of-range paging and hostile search text with field errors', async () => {
    const paging = await client.get('/api/services?pageSize=500&page=0')
    expect(paging.status).toBe(400)
    expect(paging.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['page', 'pageSize'])
    const hostile = await client.get(`/api/services?q=${encodeURIComponent('" OR 1=1; -- NEAR( *')}`)
    expect(hostile.status).toBe(200)
    expect(hostile.body).toMatchObject({ page: 1, pageSize: 20 })
  })
})

describe('GET /api/health', () => {
  let memoryServer: RunningServer | undefined
  afterAll(() => memoryServer?.stop())

  it('reports Redis when configured', async () => {
    const response = await apiClient().get('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok', db: 'ok', cache: 'ok' })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('reports the in-memory cache without REDIS_URL, and a fresh database migrates with only the admin in it', async () => {
    memoryServer = await startServer({ REDIS_URL: '', ADMIN_PASSWORD: '' })
    const client = apiClient(memoryServer.url)
    expect((await client.get('/api/health')).body).toEqual({ status: 'ok', db: 'ok', cache: 'memory' })
    expect((await client.get('/api/categories')).body).toEqual({ items: [] })
    // The admin is created (argon2 hash) just after the server starts answering: wait for the line.
    for (let waited = 0; waited < 10_000 && !/generated password: /.test(memoryServer.logs()); waited += 100) await new Promise(resolve => setTimeout(resolve, 100))
    const printed = /generated password: (\S+)/.exec(memoryServer.logs())?.[1]
    expect(printed).toBeTruthy()
    expect(memoryServer.logs()).toMatch(/JWT_SECRET is not set/)
    expect((await client.post('/api/auth/login', { email: 'admin@example.com', password: printed })).status).toBe(200)
  })
})
