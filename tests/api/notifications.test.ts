import { describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer } from '../support/api'

describe('notifications', () => {
  it('tells a blocked-then-unblocked user, lets them mark it read, and hides it from others', async () => {
    const client = apiClient()
    const admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    const { user, registration } = await newCustomer()
    await client.post(`/api/admin/users/${user.id}/block`, { reason: 'Spam' }, { token: admin })
    await client.post(`/api/admin/users/${user.id}/unblock`, {}, { token: admin })
    const token = await client.login(registration.email, registration.password)

    const list = await client.get('/api/notifications', { token })
    expect(list.status).toBe(200)
    expect(list.body.unread).toBe(2)
    expect(list.body.items.map((item: { kind: string }) => item.kind)).toEqual(['account.unblocked', 'account.blocked'])
    expect(list.body.items[1]).toMatchObject({ message: 'Your account was blocked: Spam', readAt: null })

    const other = await newCustomer()
    expect((await client.post(`/api/notifications/${list.body.items[0].id}/read`, {}, { token: other.token })).status).toBe(404)
    expect((await client.post(`/api/notifications/${list.body.items[0].id}/read`, {}, { token })).status).toBe(204)
    const after = await client.get('/api/notifications', { token })
    expect(after.body.unread).toBe(1)
    expect(after.body.items[0].readAt).toMatch(/Z$/)
    expect((await client.get('/api/notifications')).status).toBe(401)
  })
})
