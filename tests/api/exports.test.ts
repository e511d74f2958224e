import Papa from 'papaparse'
import { beforeAll, describe, expect, it, inject } from 'vitest'
import { exports as exportsTable } from '../../db/schema'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer } from '../support/api'
import { insertCustomer, insertProfessional, insertRequest, insertReview, insertService, openTestDatabase } from '../support/fixtures'
import { waitUntil } from '../support/jobs'

const HEADER = 'request_id,service_id,service_name,customer_id,customer_name,professional_id,professional_name,date_of_request,scheduled_for,date_of_completion,status,remarks,rating,review_comment,cancelled_late,cancellation_fee'
const client = apiClient()
const db = openTestDatabase(inject('databasePath'))
let admin: string

beforeAll(async () => {
  admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
})

async function exportAndWait(body: Record<string, unknown>) {
  const created = await client.post('/api/admin/exports', body, { token: admin })
  expect(created.status).toBe(202)
  expect(created.body.export).toMatchObject({ status: 'queued' })
  const id = created.body.export.id as number
  const done = await waitUntil(async () => {
    const response = await client.get(`/api/admin/exports/${id}`, { token: admin })
    return ['done', 'failed'].includes(response.body.export.status) ? response.body.export : undefined
  }, `export ${id}`)
  return done
}

/** A year of its own, so that no other test's requests fall in the range. */
function isolatedYear() {
  return 1950 + Math.floor(Math.random() * 40)
}

describe('CSV export', () => {
  it('writes the contracted columns, quotes what needs quoting, filters, and alerts the admin', async () => {
    const year = isolatedYear()
    const at = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 9, 30))
    const service = insertService(db, 'Deep clean, "premium"')
    const customer = insertCustomer(db, { name: 'Asha, the "Boss"' })
    const pro = insertProfessional(db, service.id, { name: 'Line\nBreaker' })
    const first = insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, status: 'closed', createdAt: at(3, 1), scheduledFor: at(3, 4), completedAt: at(3, 5), remarks: 'Gate code 4,5\n"ring twice"' })
    insertReview(db, first, 5, 'Great, "spotless"')
    const second = insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, status: 'closed', createdAt: at(3, 20), scheduledFor: at(3, 22), completedAt: at(3, 23), remarks: '=HYPERLINK("http://evil")' })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'closed', createdAt: at(4, 2) }) // outside the range
    const open = insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'requested', createdAt: at(3, 10), scheduledFor: at(3, 12) })

    const done = await exportAndWait({ from: `${year}-03-01`, to: `${year}-03-31` })
    expect(done).toMatchObject({ status: 'done', rowCount: 2, error: null })
    expect(done.finishedAt).toMatch(/Z$/)

    const download = await client.get(`/api/admin/exports/${done.id}/download`, { token: admin })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.csv"$/)
    const csv = download.body as string
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(HEADER)
    const iso = (date: Date) => date.toISOString()
    expect(csv).toBe([
      HEADER,
      `${first.id},${service.id},"Deep clean, ""premium""",${customer.id},"Asha, the ""Boss""",${pro.id},"Line\nBreaker",${iso(at(3, 1))},${iso(at(3, 4))},${iso(at(3, 5))},closed,"Gate code 4,5\n""ring twice""",5,"Great, ""spotless""",,`,
      // A cell starting with = is defused for spreadsheets.
      `${second.id},${service.id},"Deep clean, ""premium""",${customer.id},"Asha, the ""Boss""",${pro.id},"Line\nBreaker",${iso(at(3, 20))},${iso(at(3, 22))},${iso(at(3, 23))},closed,"'=HYPERLINK(""http://evil"")",,,,`,
      '',
    ].join('\r\n'))
    const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data
    expect(parsed[1]![11]).toBe('Gate code 4,5\n"ring twice"')

    const requested = await exportAndWait({ status: 'requested', from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` })
    expect(requested.rowCount).toBe(1)
    const other = await client.get(`/api/admin/exports/${requested.id}/download`, { token: admin })
    expect((other.body as string).split('\r\n')[1]).toMatch(new RegExp(`^${open.id},`))

    const list = await client.get('/api/admin/exports', { token: admin })
    expect(list.body.items.map((item: { id: number }) => item.id)).toEqual(expect.arrayContaining([done.id, requested.id]))

    const notifications = await client.get('/api/notifications', { token: admin })
    expect(notifications.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'export.ready', message: `Export #${done.id} is ready: 2 closed requests.`, link: '/admin/exports' }),
    ]))
    const outbox = await client.get(`/api/admin/outbox?to=${ADMIN_EMAIL}&pageSize=100`, { token: admin })
    const mail = outbox.body.items.find((item: { subject: string }) => item.subject === `Export #${done.id} is ready`)
    expect(mail.html).toContain(`/api/admin/exports/${done.id}/download`)
  })

  it('defaults to closed requests and validates its input', async () => {
    const year = isolatedYear()
    const service = insertService(db)
    const customer = insertCustomer(db)
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'closed', createdAt: new Date(Date.UTC(year, 5, 1)) })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'cancelled', createdAt: new Date(Date.UTC(year, 5, 1)) })
    const done = await exportAndWait({ from: `${year}-06-01`, to: `${year}-06-01` })
    expect(done).toMatchObject({ status: 'done', rowCount: 1, filters: { status: 'closed' } })

    const bad = await client.post('/api/admin/exports', { status: 'finished', from: 'yesterday' }, { token: admin })
    expect(bad.status).toBe(400)
    expect(bad.body.data.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['from', 'status'])
    expect((await client.post('/api/admin/exports', { from: '2026-02-01', to: '2026-01-01' }, { token: admin })).status).toBe(400)
  })

  it('is admin-only, 404s unknown ids, 409s until done, and never serves a path it did not write', async () => {
    const { token } = await newCustomer()
    expect((await client.post('/api/admin/exports', {})).status).toBe(401)
    expect((await client.post('/api/admin/exports', {}, { token })).status).toBe(403)
    expect((await client.get('/api/admin/exports', { token })).status).toBe(403)
    expect((await client.get('/api/admin/exports/1', { token })).status).toBe(403)
    expect((await client.get('/api/admin/exports/1/download', { token })).status).toBe(403)
    expect((await client.get('/api/admin/exports/1/download')).status).toBe(401)
    expect((await client.get('/api/admin/exports/99999999', { token: admin })).status).toBe(404)
    expect((await client.get('/api/admin/exports/abc', { token: admin })).status).toBe(400)

    const adminId = (await client.get('/api/auth/me', { token: admin })).body.user.id
    const running = db.insert(exportsTable).values({ requestedBy: adminId, status: 'running' }).returning().get()
    expect((await client.get(`/api/admin/exports/${running.id}/download`, { token: admin })).status).toBe(409)
    const tampered = db.insert(exportsTable).values({ requestedBy: adminId, status: 'done', filePath: '../../../../../../etc/passwd' }).returning().get()
    const response = await client.get(`/api/admin/exports/${tampered.id}/download`, { token: admin })
    expect(response.status).toBe(410)
    expect(String(response.body)).not.toContain('root:')
  })
})
