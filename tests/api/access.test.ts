import { describe, expect, it } from 'vitest'
import { adminLogin, client, newCustomer, newProfessional, newService } from '../support/market'

// Every endpoint of the marketplace, with who may call it. Bodies are valid where one is needed,
// so that the answer is about who is asking, not about what they sent.
const adminOnly: [string, string, unknown?][] = [
  ['POST', '/api/categories', { name: 'Never created' }],
  ['PATCH', '/api/categories/1', { name: 'Never renamed' }],
  ['DELETE', '/api/categories/1'],
  ['POST', '/api/services', { name: 'x', basePrice: 1, timeRequiredMinutes: 1, categoryId: 1 }],
  ['PATCH', '/api/services/1', { name: 'x' }],
  ['DELETE', '/api/services/1'],
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/professionals/1/approve', {}],
  ['POST', '/api/admin/professionals/1/reject', {}],
  ['GET', '/api/admin/professionals/1/document'],
  ['GET', '/api/admin/stats'],
  ['POST', '/api/admin/users/1/block', {}],
  ['POST', '/api/admin/users/1/unblock', {}],
]
const signedIn: [string, string, unknown?][] = [
  ['POST', '/api/requests', { serviceId: 1, scheduledFor: new Date(Date.now() + 86_400_000).toISOString() }],
  ['GET', '/api/requests'],
  ['GET', '/api/requests/1'],
  ['PATCH', '/api/requests/1', { remarks: 'x' }],
  ['POST', '/api/requests/1/cancel', {}],
  ['POST', '/api/requests/1/accept', {}],
  ['POST', '/api/requests/1/reject', {}],
  ['POST', '/api/requests/1/complete', {}],
  ['POST', '/api/requests/1/close', { rating: 5 }],
  ['GET', '/api/professional/dashboard'],
  ['PATCH', '/api/auth/me', { name: 'x' }],
]
const professionalOnly: [string, string, unknown?][] = [
  ['POST', '/api/requests/1/accept', {}],
  ['POST', '/api/requests/1/reject', {}],
  ['POST', '/api/requests/1/complete', {}],
  ['GET', '/api/professional/dashboard'],
]

const call = (method: string, path: string, body: unknown, token?: string) => client.request(method, path, { token, body })

describe('who may call what', () => {
  it('answers 401 without a session on every non-public endpoint', async () => {
    for (const [method, path, body] of [...adminOnly, ...signedIn]) {
      const answer = await call(method, path, body)
      expect(answer.status, `${method} ${path}`).toBe(401)
      expect(answer.body).toMatchObject({ statusCode: 401, message: expect.any(String) })
    }
    const upload = await client.request('POST', '/api/professional/document', { rawBody: new FormData() })
    expect(upload.status).toBe(401)
  })

  it('answers 403 to customers and professionals on admin endpoints, and to others on professional ones', async () => {
    const service = await newService()
    const [customer, pro] = await Promise.all([newCustomer(), newProfessional(service.id)])
    for (const [method, path, body] of adminOnly) {
      for (const token of [customer.token, pro.token]) expect((await call(method, path, body, token)).status, `${method} ${path}`).toBe(403)
    }
    const admin = await adminLogin()
    for (const [method, path, body] of professionalOnly) {
      for (const token of [customer.token, admin]) expect((await call(method, path, body, token)).status, `${method} ${path}`).toBe(403)
    }
    expect((await call('POST', '/api/requests', signedIn[0]![2], pro.token)).status).toBe(403)
    expect((await call('POST', '/api/requests', signedIn[0]![2], admin)).status).toBe(403)
  })

  it('answers 404 for what does not exist, whoever asks', async () => {
    const admin = await adminLogin()
    const service = await newService()
    const [customer, pro] = await Promise.all([newCustomer(), newProfessional(service.id)])
    const missing: [string, string, string, unknown?][] = [
      [admin, 'PATCH', '/api/categories/99999999', { name: 'x' }],
      [admin, 'DELETE', '/api/categories/99999999'],
      [admin, 'PATCH', '/api/services/99999999', { name: 'x' }],
      [admin, 'DELETE', '/api/services/99999999'],
      [admin, 'POST', '/api/admin/professionals/99999999/approve', {}],
      [admin, 'GET', '/api/admin/professionals/99999999/document'],
      [admin, 'GET', '/api/requests/99999999'],
      [customer.token, 'GET', '/api/requests/99999999'],
      [customer.token, 'POST', '/api/requests/99999999/cancel', {}],
      [customer.token, 'POST', '/api/requests/99999999/close', { rating: 3 }],
      [customer.token, 'PATCH', '/api/requests/99999999', { remarks: 'x' }],
      [pro.token, 'POST', '/api/requests/99999999/accept', {}],
      [pro.token, 'POST', '/api/requests/99999999/complete', {}],
      ['', 'GET', '/api/services/99999999'],
      ['', 'GET', '/api/professionals/99999999'],
      ['', 'GET', '/api/professionals/99999999/reviews'],
    ]
    for (const [token, method, path, body] of missing) {
      const answer = await call(method, path, body, token || undefined)
      expect(answer.status, `${method} ${path}`).toBe(404)
      expect(answer.body).toEqual({ statusCode: 404, message: expect.any(String) })
    }
  })
})
