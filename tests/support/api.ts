import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'

export { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD } from './constants'

type Options = { token?: string, cookie?: string, headers?: Record<string, string>, body?: unknown, rawBody?: string | Buffer | FormData }

export type ApiResponse<T = any> = { status: number, headers: Headers, body: T }

let addressCounter = 0

/**
 * A client of the real server as a third party would use it: plain fetch, JSON in and out.
 * Each client comes from its own address (X-Forwarded-For, trusted in the test server) so that
 * the per-address sign-in limit of one test does not leak into another.
 */
export function apiClient(baseURL = inject('baseURL')) {
  const address = `10.${process.pid % 250}.${(addressCounter++) % 250}.${randomBytes(1)[0]! % 250}`
  async function request<T = any>(method: string, path: string, options: Options = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': address, ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (options.cookie) headers.cookie = options.cookie
    let body: string | Buffer | FormData | undefined
    if (options.rawBody !== undefined) body = options.rawBody
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(baseURL + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' })
    const text = await response.text()
    let parsed: unknown = text
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: parsed as T }
  }
  return {
    address,
    request,
    get: <T = any>(path: string, options?: Options) => request<T>('GET', path, options),
    post: <T = any>(path: string, body?: unknown, options?: Options) => request<T>('POST', path, { ...options, body }),
    patch: <T = any>(path: string, body?: unknown, options?: Options) => request<T>('PATCH', path, { ...options, body }),
    delete: <T = any>(path: string, options?: Options) => request<T>('DELETE', path, options),
    async login(email: string, password: string) {
      const response = await request('POST', '/api/auth/login', { body: { email, password } })
      if (response.status !== 200) throw new Error(`login ${email} answered ${response.status}: ${JSON.stringify(response.body)}`)
      return response.body.token as string
    },
  }
}

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@test.example`
}

export function customerRegistration(overrides: Record<string, unknown> = {}) {
  return {
    role: 'customer', email: uniqueEmail('customer'), password: 'correct horse battery', name: 'Test Customer',
    phone: '+91 98765 43210', address: '1 Test Street', pincode: '560001', ...overrides,
  }
}

export function professionalRegistration(serviceId: number, overrides: Record<string, unknown> = {}) {
  return {
    ...customerRegistration(), role: 'professional', email: uniqueEmail('pro'), name: 'Test Professional',
    serviceId, experienceYears: 4, description: 'Careful and quick.', ...overrides,
  }
}

/** Registers a customer and signs them in. */
export async function newCustomer(client = apiClient(), overrides: Record<string, unknown> = {}) {
  const registration = customerRegistration(overrides)
  const created = await client.post('/api/auth/register', registration)
  if (created.status !== 201) throw new Error(`register answered ${created.status}: ${JSON.stringify(created.body)}`)
  const token = await client.login(registration.email as string, registration.password as string)
  return { client, token, user: created.body.user, registration }
}
