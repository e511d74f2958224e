import { describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD, apiClient, customerRegistration, newCustomer, professionalRegistration, uniqueEmail } from '../support/api'

const client = apiClient()
const firstServiceId = async () => (await client.get('/api/services?pageSize=1')).body.items[0].id as number

describe('POST /api/auth/register', () => {
  it('creates a customer and answers the contract user without any password field', async () => {
    const registration = customerRegistration({ email: `  Mixed.Case+${Date.now()}@Test.Example ` })
    const response = await client.post('/api/auth/register', registration)
    expect(response.status).toBe(201)
    const { user } = response.body
    expect(user).toMatchObject({ role: 'customer', status: 'active', name: 'Test Customer', phone: '+91 98765 43210', address: '1 Test Street', pincode: '560001' })
    expect(user.email).toBe(registration.email.trim().toLowerCase())
    expect(user.id).toBeGreaterThan(0)
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt)
    expect(user).not.toHaveProperty('professional')
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon2|tokenVersion/i)
  })

  it('creates a professional awaiting approval', async () => {
    const serviceId = await firstServiceId()
    const response = await client.post('/api/auth/register', professionalRegistration(serviceId))
    expect(response.status).toBe(201)
    expect(response.body.user.professional).toEqual({
      serviceId, experienceYears: 4, description: 'Careful and quick.', approval: 'pending', rating: null, reviewCount: 0, hasDocument: false,
    })
  })

  it('refuses a duplicate email whatever its case (409)', async () => {
    const registration = customerRegistration()
    expect((await client.post('/api/auth/register', registration)).status).toBe(201)
    const again = await client.post('/api/auth/register', { ...registration, email: registration.email.toUpperCase() })
    expect(again.status).toBe(409)
    expect(again.body).toEqual({ statusCode: 409, message: 'An account with this email already exists' })
  })

  it('refuses role "admin" with a 400 on the role field', async () => {
    const response = await client.post('/api/auth/register', customerRegistration({ role: 'admin' }))
    expect(response.status).toBe(400)
    expect(response.body.data.issues).toEqual([{ path: 'role', message: expect.stringContaining('customer') }])
  })

  it('names every bad field', async () => {
    const response = await client.post('/api/auth/register', { role: 'customer', email: 'not-an-email', password: 'short', name: '', phone: 'abc', pincode: '12345' })
    expect(response.status).toBe(400)
    expect(response.body.statusCode).toBe(400)
    const paths = response.body.data.issues.map((issue: { path: string }) => issue.path).sort()
    expect(paths).toEqual(['address', 'email', 'name', 'password', 'phone', 'pincode'])
    expect(response.body.data.issues.find((issue: { path: string }) => issue.path === 'pincode').message).toBe('Pincode must be exactly 6 digits')
  })

  it('holds passwords to 8–128 characters', async () => {
    for (const [password, status] of [['x'.repeat(7), 400], ['x'.repeat(8), 201], ['x'.repeat(128), 201], ['x'.repeat(129), 400]] as const) {
      const response = await client.post('/api/auth/register', customerRegistration({ password }))
      expect(response.status, `password of ${password.length}`).toBe(status)
      if (status === 400) expect(response.body.data.issues[0].path).toBe('password')
    }
  })

  it('refuses a professional of a service that does not exist, on serviceId', async () => {
    const response = await client.post('/api/auth/register', professionalRegistration(999_999))
    expect(response.status).toBe(400)
    expect(response.body.data.issues).toEqual([{ path: 'serviceId', message: 'No such service is offered' }])
  })

  it('answers malformed JSON with a 400, not a 500', async () => {
    const response = await client.request('POST', '/api/auth/register', { rawBody: '{"role": "customer",', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ statusCode: 400, data: { issues: [{ path: 'body', message: 'Body is not valid JSON' }] } })
  })

  it('answers a body that is not JSON with 415 and an oversize body with 413', async () => {
    const form = await client.request('POST', '/api/auth/register', { rawBody: 'role=customer', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.status).toBe(415)
    const huge = await client.post('/api/auth/register', customerRegistration({ name: 'x'.repeat(400 * 1024) }))
    expect(huge.status).toBe(413)
    expect(huge.body).toMatchObject({ statusCode: 413 })
  })

  it('treats hostile text as text', async () => {
    const name = `Robert'); DROP TABLE users;-- <script>alert(1)</script>`
    const response = await client.post('/api/auth/register', customerRegistration({ name }))
    expect(response.status).toBe(201)
    expect(response.body.user.name).toBe(name)
    expect((await client.get('/api/health')).status).toBe(200)
  })
})

describe('POST /api/auth/login', () => {
  it('answers a token and the user, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const registration = customerRegistration()
    await apiClient().post('/api/auth/register', registration)
    const response = await client.post('/api/auth/login', { email: registration.email, password: registration.password })
    expect(response.status).toBe(200)
    expect(response.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(response.body.user.email).toBe(registration.email)
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^hs_session=[\w.-]+;/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('marks the cookie Secure behind HTTPS', async () => {
    const registration = customerRegistration()
    await apiClient().post('/api/auth/register', registration)
    const response = await client.post('/api/auth/login', { email: registration.email, password: registration.password }, { headers: { 'x-forwarded-proto': 'https' } })
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/i)
  })

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const registration = customerRegistration()
    await apiClient().post('/api/auth/register', registration)
    const wrongPassword = await apiClient().post('/api/auth/login', { email: registration.email, password: 'not the password' })
    const unknownEmail = await apiClient().post('/api/auth/login', { email: uniqueEmail('nobody'), password: 'not the password' })
    expect(wrongPassword.status).toBe(401)
    expect(unknownEmail.status).toBe(401)
    expect(wrongPassword.body).toEqual(unknownEmail.body)
    expect(wrongPassword.body.message).toBe('Incorrect email or password')
  })

  it('signs in the admin created at start', async () => {
    const response = await client.post('/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
    expect(response.status).toBe(200)
    expect(response.body.user).toMatchObject({ role: 'admin', email: ADMIN_EMAIL })
  })

  it('lets a professional awaiting approval sign in and see that status', async () => {
    const registration = professionalRegistration(await firstServiceId())
    await apiClient().post('/api/auth/register', registration)
    const token = await client.login(registration.email, registration.password)
    const me = await client.get('/api/auth/me', { token })
    expect(me.status).toBe(200)
    expect(me.body.user.professional.approval).toBe('pending')
  })
})

describe('sessions: cookie, bearer and revocation', () => {
  it('accepts the cookie and the bearer token, and nothing else', async () => {
    const { client: customerClient, token, user } = await newCustomer()
    expect((await customerClient.get('/api/auth/me', { token })).body.user.id).toBe(user.id)
    expect((await customerClient.get('/api/auth/me', { cookie: `hs_session=${token}` })).body.user.id).toBe(user.id)
    expect((await customerClient.get('/api/auth/me')).status).toBe(401)
    expect((await customerClient.get('/api/auth/me', { headers: { authorization: 'Token abc' } })).status).toBe(401)
    const [header, payload] = token.split('.')
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin', sub: '1' })).toString('base64url')}.${token.split('.')[2]}`
    expect((await customerClient.get('/api/auth/me', { token: forged })).status).toBe(401)
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`
    expect((await customerClient.get('/api/auth/me', { token: unsigned })).status).toBe(401)
  })

  it('clears the cookie on logout', async () => {
    const { client: customerClient, token } = await newCustomer()
    const response = await customerClient.post('/api/auth/logout', undefined, { cookie: `hs_session=${token}` })
    expect(response.status).toBe(204)
    expect(response.headers.get('set-cookie')).toMatch(/hs_session=;.*Max-Age=0/i)
  })

  it('revokes every earlier token when the password changes', async () => {
    const { client: customerClient, token, registration } = await newCustomer()
    const otherDevice = await customerClient.login(registration.email, registration.password)
    const wrong = await customerClient.post('/api/auth/password', { currentPassword: 'wrong password', newPassword: 'a brand new password' }, { token })
    expect(wrong.status).toBe(400)
    expect(wrong.body.data.issues[0].path).toBe('currentPassword')
    const changed = await customerClient.post('/api/auth/password', { currentPassword: registration.password, newPassword: 'a brand new password' }, { token })
    expect(changed.status).toBe(200)
    expect((await customerClient.get('/api/auth/me', { token })).status).toBe(401)
    expect((await customerClient.get('/api/auth/me', { token: otherDevice })).status).toBe(401)
    expect((await customerClient.get('/api/auth/me', { token: changed.body.token })).status).toBe(200)
    expect((await customerClient.post('/api/auth/login', { email: registration.email, password: registration.password })).status).toBe(401)
    expect((await customerClient.post('/api/auth/login', { email: registration.email, password: 'a brand new password' })).status).toBe(200)
  })

  it('revokes tokens when the admin blocks the user, and keeps them revoked after unblocking', async () => {
    const admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const { client: customerClient, token, user, registration } = await newCustomer()
    const blocked = await client.post(`/api/admin/users/${user.id}/block`, { reason: 'Abusive messages' }, { token: admin })
    expect(blocked.status).toBe(200)
    expect(blocked.body.user.status).toBe('blocked')
    const refused = await customerClient.get('/api/auth/me', { token })
    expect(refused.status).toBe(401)
    const login = await customerClient.post('/api/auth/login', { email: registration.email, password: registration.password })
    expect(login.status).toBe(403)
    expect(login.body.message).toContain('Abusive messages')

    expect((await client.post(`/api/admin/users/${user.id}/unblock`, undefined, { token: admin })).body.user.status).toBe('active')
    expect((await customerClient.get('/api/auth/me', { token })).status).toBe(401)
    expect((await customerClient.post('/api/auth/login', { email: registration.email, password: registration.password })).status).toBe(200)
  })

  it('does not let the admin block itself (409)', async () => {
    const admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const me = await client.get('/api/auth/me', { token: admin })
    const response = await client.post(`/api/admin/users/${me.body.user.id}/block`, {}, { token: admin })
    expect(response.status).toBe(409)
  })
})

describe('role guards', () => {
  it('answers 401 without a session and 403 for the wrong role', async () => {
    const { token } = await newCustomer()
    const professional = await apiClient().login('pro1@example.com', DEMO_PASSWORD)
    expect((await client.post('/api/admin/users/1/block', {})).status).toBe(401)
    const forbidden = await client.post('/api/admin/users/1/block', {}, { token })
    expect(forbidden.status).toBe(403)
    expect(forbidden.body).toEqual({ statusCode: 403, message: 'Only admin accounts can do this' })
    expect((await client.post('/api/admin/users/1/unblock', {}, { token: professional })).status).toBe(403)
  })

  it('answers 404 for an unknown user and 400 for an id that is not one', async () => {
    const admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    expect((await client.post('/api/admin/users/999999/block', {}, { token: admin })).status).toBe(404)
    const bad = await client.post('/api/admin/users/abc/block', {}, { token: admin })
    expect(bad.status).toBe(400)
    expect(bad.body.data.issues[0].path).toBe('id')
  })
})
