import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { jobDeliveries, jobRuns } from '../../db/schema'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, newCustomer } from '../support/api'
import { insertCustomer, insertProfessional, insertRequest, insertReview, insertService, mailsTo, openTestDatabase } from '../support/fixtures'
import { loginWhenReady, runJob, waitUntil } from '../support/jobs'
import { startRedis, startServer, temporaryDirectory, type RunningRedis, type RunningServer } from '../support/processes'

const DAY = 86_400_000
const client = apiClient()
const db = openTestDatabase(inject('databasePath'))
let admin: string

beforeAll(async () => {
  admin = await client.login(ADMIN_EMAIL, ADMIN_PASSWORD)
})

function lastMonth(day: number) {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, 10))
}

describe('daily reminders', () => {
  it('reach approved, active professionals with pending requests, once a day, listing each request', async () => {
    const service = insertService(db, 'Geyser descaling')
    const customer = insertCustomer(db)
    const named = insertProfessional(db, service.id, { name: 'Named Pro' })
    const openOnly = insertProfessional(db, service.id, { name: 'Open Pro' })
    const blocked = insertProfessional(db, service.id, { status: 'blocked' })
    const pending = insertProfessional(db, service.id, { approval: 'pending' })
    const rejected = insertProfessional(db, service.id, { approval: 'rejected' })
    const otherService = insertService(db)
    const idle = insertProfessional(db, otherService.id)
    const when = new Date(Date.now() + 3 * DAY)
    const forNamed = insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: named.id, scheduledFor: when, pincode: '560034' })
    const open = insertRequest(db, { customerId: customer.id, serviceId: service.id, scheduledFor: when, pincode: '400001' })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: blocked.id })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pending.id })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: rejected.id })
    insertRequest(db, { customerId: customer.id, serviceId: otherService.id, professionalId: idle.id, status: 'assigned' })

    const run = await runJob(client, admin, 'daily-reminders')
    expect(run).toMatchObject({ status: 'done', error: null })
    expect(run.finishedAt >= run.startedAt).toBe(true)

    const [namedMail, ...more] = mailsTo(db, named.email)
    expect(more).toHaveLength(0)
    expect(namedMail!.subject).toBe('2 requests awaiting your answer')
    expect(namedMail!.text).toContain(`Geyser descaling · pincode 560034`)
    expect(namedMail!.text).toContain(`/professional/requests/${forNamed.id}`)
    expect(namedMail!.text).toContain(`/professional/requests/${open.id}`)
    expect(namedMail!.text).toContain('asked for you')
    expect(namedMail!.html).toContain('Geyser descaling')
    const openMails = mailsTo(db, openOnly.email)
    expect(openMails).toHaveLength(1)
    expect(openMails[0]!.subject).toBe('1 request awaiting your answer')
    expect(openMails[0]!.text).toContain('pincode 400001')
    for (const nobody of [blocked, pending, rejected, idle]) expect(mailsTo(db, nobody.email)).toHaveLength(0)

    // A second run the same day sends nothing to them again.
    await runJob(client, admin, 'daily-reminders')
    expect(mailsTo(db, named.email)).toHaveLength(1)
    expect(mailsTo(db, openOnly.email)).toHaveLength(1)
    const today = new Date().toISOString().slice(0, 10)
    expect(db.select().from(jobDeliveries).where(and(eq(jobDeliveries.recipientId, named.id), eq(jobDeliveries.period, today))).all()).toHaveLength(1)
  })

  it('escapes what customers and admins typed into the HTML', async () => {
    const service = insertService(db, `<img src=x onerror=alert(1)> ${Date.now()}`)
    const pro = insertProfessional(db, service.id, { name: '<b>Bold</b>' })
    insertRequest(db, { customerId: insertCustomer(db).id, serviceId: service.id, professionalId: pro.id })
    await runJob(client, admin, 'daily-reminders')
    const [mail] = mailsTo(db, pro.email)
    expect(mail!.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(mail!.html).not.toContain('<img')
    expect(mail!.html).not.toContain('<b>Bold')
  })
})

describe('monthly report', () => {
  it('mails active customers with activity last month, once, and shows the same report to them', async () => {
    const service = insertService(db, 'Sofa shampooing', 120_000)
    const pro = insertProfessional(db, service.id, { name: 'Kavya Reddy' })
    const { user, token } = await newCustomer(apiClient(), { name: 'Report Customer' })
    const closed = insertRequest(db, { customerId: user.id, serviceId: service.id, professionalId: pro.id, status: 'closed', createdAt: lastMonth(3), completedAt: lastMonth(5), closedAt: lastMonth(6), pricePaise: 120_000 })
    insertReview(db, closed, 4, 'Sofa looks new', lastMonth(6))
    insertRequest(db, { customerId: user.id, serviceId: service.id, status: 'cancelled', createdAt: lastMonth(20) })
    const quiet = insertCustomer(db)
    insertRequest(db, { customerId: quiet.id, serviceId: service.id, status: 'closed', createdAt: new Date(Date.now() - 100 * DAY), completedAt: new Date(Date.now() - 99 * DAY) })
    const blocked = insertCustomer(db, { status: 'blocked' })
    insertRequest(db, { customerId: blocked.id, serviceId: service.id, createdAt: lastMonth(10) })

    const run = await runJob(client, admin, 'monthly-report')
    expect(run.status).toBe('done')
    const mails = mailsTo(db, user.email)
    expect(mails).toHaveLength(1)
    const month = lastMonth(1).toLocaleDateString('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    expect(mails[0]!.subject).toBe(`Your activity in ${month}`)
    expect(mails[0]!.text).toContain('Requests: 1 closed, 1 cancelled')
    expect(mails[0]!.text).toContain('Amount spent: ₹1,200')
    expect(mails[0]!.text).toContain('Rated Kavya Reddy 4/5 for Sofa shampooing')
    expect(mails[0]!.html).toContain('Sofa looks new')
    expect(mails[0]!.html).toMatch(/style="/)
    expect(mailsTo(db, quiet.email)).toHaveLength(0)
    expect(mailsTo(db, blocked.email)).toHaveLength(0)

    await runJob(client, admin, 'monthly-report')
    expect(mailsTo(db, user.email)).toHaveLength(1)

    const monthKey = lastMonth(1).toISOString().slice(0, 7)
    const page = await client.get(`/api/reports/monthly?month=${monthKey}`, { token })
    expect(page.status).toBe(200)
    expect(page.body.report).toMatchObject({
      month: monthKey, amountSpent: 1200,
      byStatus: { closed: 1, cancelled: 1, requested: 0 },
      services: [{ name: 'Sofa shampooing', requests: 2 }],
      professionals: [{ name: 'Kavya Reddy', requests: 1 }],
      ratings: [{ rating: 4, comment: 'Sofa looks new', professional: 'Kavya Reddy' }],
    })
    expect(page.body.report.requests).toHaveLength(2)
    expect((await client.get(`/api/reports/monthly?month=${new Date().toISOString().slice(0, 7)}`, { token })).status).toBe(400)
    expect((await client.get('/api/reports/monthly?month=2026-13', { token })).status).toBe(400)
    expect((await client.get(`/api/reports/monthly?month=${monthKey}`, { token: admin })).status).toBe(403)
  })
})

describe('inactive reminders', () => {
  it('nudge customers away longer than INACTIVE_DAYS with popular services near them, at most once per 30 days', async () => {
    const pincode = String(700_000 + Math.floor(Math.random() * 99_999))
    const service = insertService(db, `Chimney cleaning ${pincode}`)
    const neighbour = insertCustomer(db, { pincode })
    for (let i = 0; i < 3; i++) insertRequest(db, { customerId: neighbour.id, serviceId: service.id, pincode, status: 'closed', createdAt: new Date(Date.now() - 20 * DAY) })
    const away = insertCustomer(db, { pincode, lastSignInAt: new Date(Date.now() - 40 * DAY) })
    const neverSignedIn = insertCustomer(db, { pincode, lastSignInAt: null, createdAt: new Date(Date.now() - 50 * DAY) })
    const recent = insertCustomer(db, { pincode, lastSignInAt: new Date(Date.now() - 10 * DAY) })
    const blocked = insertCustomer(db, { pincode, status: 'blocked', lastSignInAt: new Date(Date.now() - 40 * DAY) })
    const nudgedLately = insertCustomer(db, { pincode, lastSignInAt: new Date(Date.now() - 60 * DAY) })
    db.insert(jobDeliveries).values({ job: 'inactive-reminders', recipientId: nudgedLately.id, period: new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10), createdAt: new Date(Date.now() - 10 * DAY) }).run()

    expect((await runJob(client, admin, 'inactive-reminders')).status).toBe('done')
    const [mail, ...more] = mailsTo(db, away.email)
    expect(more).toHaveLength(0)
    expect(mail!.subject).toBe('We miss you at Household Services')
    expect(mail!.text).toContain(`Popular near ${pincode}:`)
    expect(mail!.text).toContain(`Chimney cleaning ${pincode}`)
    expect(mailsTo(db, neverSignedIn.email)).toHaveLength(1)
    for (const nobody of [recent, blocked, nudgedLately]) expect(mailsTo(db, nobody.email)).toHaveLength(0)

    await runJob(client, admin, 'inactive-reminders')
    expect(mailsTo(db, away.email)).toHaveLength(1)
  })
})

describe('job endpoints', () => {
  it('answer 404 for an unknown job and refuse non-admins', async () => {
    expect((await client.post('/api/admin/jobs/no-such-job/run', {}, { token: admin })).status).toBe(404)
    const { token } = await newCustomer()
    expect((await client.post('/api/admin/jobs/daily-reminders/run', {})).status).toBe(401)
    expect((await client.post('/api/admin/jobs/daily-reminders/run', {}, { token })).status).toBe(403)
    expect((await client.get('/api/admin/jobs')).status).toBe(401)
    expect((await client.get('/api/admin/jobs', { token })).status).toBe(403)
    expect((await client.get('/api/admin/outbox', { token })).status).toBe(403)
  })

  it('page the outbox newest first, filtered by recipient', async () => {
    const page = await client.get('/api/admin/outbox?page=1&pageSize=2', { token: admin })
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 })
    expect(page.body.total).toBeGreaterThanOrEqual(page.body.items.length)
    expect(page.body.items).toHaveLength(2) // earlier tests in this file sent mail
    expect(page.body.items[0].id).toBeGreaterThan(page.body.items[1].id)
    const service = insertService(db)
    const pro = insertProfessional(db, service.id)
    insertRequest(db, { customerId: insertCustomer(db).id, serviceId: service.id, professionalId: pro.id })
    await runJob(client, admin, 'daily-reminders')
    const mine = await client.get(`/api/admin/outbox?to=${encodeURIComponent(pro.email)}`, { token: admin })
    expect(mine.body.total).toBe(1)
    expect(mine.body.items[0]).toMatchObject({ to: pro.email, subject: '1 request awaiting your answer', html: expect.stringContaining('<!doctype html>') })
    expect(mine.body.items[0].createdAt).toMatch(/Z$/)
    expect((await client.get('/api/admin/outbox?pageSize=101', { token: admin })).status).toBe(400)
  })

  it('list runs newest first with their counts', async () => {
    const first = await runJob(client, admin, 'inactive-reminders')
    const second = await runJob(client, admin, 'inactive-reminders')
    const list = await client.get('/api/admin/jobs', { token: admin })
    expect(list.status).toBe(200)
    const ids = list.body.items.map((item: { id: number }) => item.id)
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id))
    expect(list.body.items.find((item: { id: number }) => item.id === second.id)).toMatchObject({ name: 'inactive-reminders', status: 'done', sent: 0, error: null, trigger: 'admin' })
  })
})

describe('two instances sharing one database and one Redis', () => {
  let redis: RunningRedis
  const servers: RunningServer[] = []
  let database: ReturnType<typeof openTestDatabase>

  beforeAll(async () => {
    redis = await startRedis()
    const dataDir = temporaryDirectory('pair')
    const env = { DATABASE_PATH: join(dataDir, 'app.db'), DATA_DIR: dataDir, REDIS_URL: redis.url, ADMIN_PASSWORD, TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' }
    // Started one after the other: the first migrates and creates the admin. Both schedule daily
    // reminders every two seconds, in step, to prove the lock.
    const scheduled = { SCHEDULER: 'on', REMINDER_CRON: '*/2 * * * * *', REPORT_CRON: '0 0 1 1 *', INACTIVE_CRON: '0 0 1 1 *' }
    servers.push(await startServer({ ...env, ...scheduled }))
    database = openTestDatabase(env.DATABASE_PATH)
    servers.push(await startServer({ ...env, ...scheduled }))
  }, 60_000)

  afterAll(async () => {
    await Promise.all(servers.map(server => server.stop()))
    await redis?.stop()
  })

  it('send each reminder exactly once and let one instance work per scheduled tick', async () => {
    const service = insertService(database)
    const customer = insertCustomer(database)
    const pros = Array.from({ length: 30 }, () => insertProfessional(database, service.id))
    for (const pro of pros) insertRequest(database, { customerId: customer.id, serviceId: service.id, professionalId: pro.id })

    // And the admin presses "Run now" on both at the same moment.
    const clients = servers.map(server => apiClient(server.url))
    const tokens = await Promise.all(clients.map(c => loginWhenReady(c, ADMIN_EMAIL, ADMIN_PASSWORD)))
    const runs = await Promise.all(clients.map((c, i) => runJob(c, tokens[i]!, 'daily-reminders')))
    expect(runs.map(run => run.status)).toEqual(['done', 'done'])

    await waitUntil(async () => servers.some(server => server.logs().includes('another instance holds the lock')), 'a skipped tick', 10_000)
    await new Promise(resolve => setTimeout(resolve, 2500))
    for (const pro of pros) expect(mailsTo(database, pro.email)).toHaveLength(1)
    const all = database.select().from(jobRuns).all()
    const adminSent = all.filter(run => run.trigger === 'admin').reduce((sum, run) => sum + run.sent, 0)
    const scheduledRuns = all.filter(run => run.trigger === 'schedule')
    expect(adminSent + scheduledRuns.reduce((sum, run) => sum + run.sent, 0)).toBe(pros.length)
    expect(scheduledRuns.length).toBeGreaterThan(0)
    // One run per tick: no two scheduled runs started within the same two-second tick.
    const ticks = scheduledRuns.map(run => Math.floor(run.createdAt.getTime() / 2000))
    expect(new Set(ticks).size).toBe(ticks.length)
  }, 60_000)
})

describe('SCHEDULER=off', () => {
  it('schedules nothing in that instance, whatever the crons say', async () => {
    const dataDir = temporaryDirectory('off')
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_PATH: join(dataDir, 'app.db'), ADMIN_PASSWORD, SCHEDULER: 'off', REMINDER_CRON: '* * * * * *', INACTIVE_CRON: '* * * * * *' })
    try {
      await new Promise(resolve => setTimeout(resolve, 2500))
      expect(openTestDatabase(server.databasePath).select().from(jobRuns).all()).toEqual([])
      expect(server.logs()).not.toContain('[scheduler]')
    }
    finally {
      await server.stop()
    }
  })
})
