import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { addDays, weekdayOf, zonedTimeToInstant, zonedToday } from '../../shared/domain/slots'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer, professionalRegistration } from './api'
import { startServer, type RunningServer } from './processes'

/** Helpers that build a small marketplace of one's own per test: a service, its professionals, a customer. */
export const client = apiClient()

let adminToken: Promise<string> | undefined
export const adminLogin = () => (adminToken ??= client.login(ADMIN_EMAIL, ADMIN_PASSWORD))

/** A word no other test uses, so search answers are ours alone. */
export const uniqueWord = () => `zq${Array.from(randomBytes(10), byte => String.fromCharCode(97 + (byte % 26))).join('')}`
const TIMEZONE = 'Asia/Kolkata'
let slotCounter = 0

/**
 * A bookable start `days` working days ahead, on the slot grid inside the default hours (09:00–17:00
 * starts in the platform's zone, Sundays skipped). Each call gives another hour, so the bookings of
 * one test never overlap for a one-hour service.
 */
export function tomorrow(days = 1) {
  const index = slotCounter++
  let date = zonedToday(Date.now(), TIMEZONE)
  for (let workdays = 0; workdays < days + (Math.floor(index / 9) % 30);) {
    date = addDays(date, 1)
    if (weekdayOf(date) !== 7) workdays++
  }
  return new Date(zonedTimeToInstant(date, (9 + (index % 9)) * 60, TIMEZONE)).toISOString()
}

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
  // Each professional registers from an address of their own: one address may register 10 accounts an hour.
  const created = await apiClient().post('/api/auth/register', registration)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  if (approve) {
    const approved = await client.post(`/api/admin/professionals/${created.body.user.id}/approve`, {}, { token: await adminLogin() })
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
  }
  const token = await client.login(registration.email as string, registration.password as string)
  return { token, user: created.body.user as { id: number, name: string, phone: string }, registration }
}

export { newCustomer }

/**
 * A second server on the suite's SQLite file and Redis, as a second instance behind a load balancer,
 * for the tests of the calling file; `instance.client` talks to it once it is up.
 */
export function useSecondInstance() {
  const instance = { server: undefined as RunningServer | undefined, client: undefined as unknown as ReturnType<typeof apiClient> }
  beforeAll(async () => {
    instance.server = await startServer({ DATABASE_PATH: inject('databasePath'), DATA_DIR: inject('dataDir'), REDIS_URL: inject('redisUrl'), ADMIN_PASSWORD, TRUST_PROXY: '1' })
    instance.client = apiClient(instance.server.url)
  })
  afterAll(() => instance.server?.stop())
  return instance
}
