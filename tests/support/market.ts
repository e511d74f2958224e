import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer, professionalRegistration } from './api'

/** Helpers that build a small marketplace of one's own per test: a service, its professionals, a customer. */
export const client = apiClient()

let adminToken: Promise<string> | undefined
export const adminLogin = () => (adminToken ??= client.login(ADMIN_EMAIL, ADMIN_PASSWORD))

/** A word no other test uses, so search answers are ours alone. */
export const uniqueWord = () => `zq${Array.from(randomBytes(10), byte => String.fromCharCode(97 + (byte % 26))).join('')}`
export const tomorrow = (days = 1) => new Date(Date.now() + days * 86_400_000).toISOString()

export async function newService(overrides: Record<string, unknown> = {}) {
  const admin = await adminLogin()
  const category = await client.post('/api/categories', { name: `Category ${uniqueWord()}` }, { token: admin })
  expect(category.status).toBe(201)
  const created = await client.post('/api/services', {
    name: `Service ${uniqueWord()}`, description: 'A service for tests.', basePrice: 250, timeRequiredMinutes: 60, categoryId: category.body.category.id, ...overrides,
  }, { token: admin })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.service as { id: number, name: string, basePrice: number, categoryId: number }
}

/** Registers a professional of the service, approves them unless told not to, and signs them in. */
export async function newProfessional(serviceId: number, { approve = true, ...overrides }: { approve?: boolean } & Record<string, unknown> = {}) {
  const registration = professionalRegistration(serviceId, overrides)
  const created = await client.post('/api/auth/register', registration)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  if (approve) {
    const approved = await client.post(`/api/admin/professionals/${created.body.user.id}/approve`, {}, { token: await adminLogin() })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
  }
  const token = await client.login(registration.email as string, registration.password as string)
  return { token, user: created.body.user as { id: number, name: string, phone: string }, registration }
}

export { newCustomer }
