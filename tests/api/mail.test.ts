import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient } from '../support/api'
import { startFakeMailApi } from '../support/fakes'
import { insertCustomer, insertProfessional, insertRequest, insertService, openTestDatabase } from '../support/fixtures'
import { loginWhenReady, runJob } from '../support/jobs'
import { startServer, temporaryDirectory, type RunningServer } from '../support/processes'

const MAIL_FROM = 'Household Services <jobs@household.test>'

describe('Resend driver and Google Chat (real SDK against a local fake API)', () => {
  let fake: Awaited<ReturnType<typeof startFakeMailApi>>
  let server: RunningServer
  let db: ReturnType<typeof openTestDatabase>
  let client: ReturnType<typeof apiClient>
  let admin: string

  beforeAll(async () => {
    fake = await startFakeMailApi()
    const dataDir = temporaryDirectory('mail')
    server = await startServer({
      DATA_DIR: dataDir, DATABASE_PATH: join(dataDir, 'app.db'), ADMIN_PASSWORD, TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
      RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: fake.url, MAIL_FROM, GOOGLE_CHAT_WEBHOOK_URL: `${fake.url}/chat`,
    })
    db = openTestDatabase(server.databasePath)
    client = apiClient(server.url)
    admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    await fake?.stop()
  })

  function professionalsWithPendingRequests(count: number) {
    const service = insertService(db, 'Water purifier service')
    const customer = insertCustomer(db)
    return Array.from({ length: count }, (_, index) => {
      const pro = insertProfessional(db, service.id, { name: `Chat Pro ${index}` })
      insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, pincode: '560095' })
      return pro
    })
  }

  it('sends reminders in one batch call, waits out a 429 for its retry-after, and posts to Google Chat', async () => {
    const pros = professionalsWithPendingRequests(3)
    fake.state.rateLimitNext = 1
    fake.state.retryAfter = '1'
    const run = await runJob(client, admin, 'daily-reminders')
    expect(run).toMatchObject({ status: 'done', sent: 3, error: null })

    const [limited, accepted, ...rest] = fake.calls.filter(call => call.path.startsWith('/emails'))
    expect(rest).toHaveLength(0)
    expect(limited).toMatchObject({ path: '/emails/batch', status: 429 })
    expect(accepted).toMatchObject({ path: '/emails/batch', status: 200 })
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(950)
    expect(accepted!.headers.authorization).toBe('Bearer re_test_key')
    expect(accepted!.body).toHaveLength(3)
    expect(accepted!.body.map((mail: { to: string[] }) => mail.to[0]).sort()).toEqual(pros.map(pro => pro.email).sort())
    expect(accepted!.body[0]).toMatchObject({ from: MAIL_FROM, subject: '1 request awaiting your answer' })
    expect(accepted!.body[0].html).toContain('Water purifier service')

    expect(fake.chat).toHaveLength(3)
    expect(fake.chat.map(message => message.text.split(':')[0]).sort()).toEqual(['*Chat Pro 0*', '*Chat Pro 1*', '*Chat Pro 2*'])
    expect(fake.chat[0]!.text).toContain('pincode 560095')

    // Rerun: nothing goes out twice.
    const before = fake.calls.length
    expect(await runJob(client, admin, 'daily-reminders')).toMatchObject({ status: 'done', sent: 0 })
    expect(fake.calls.length).toBe(before)
  })

  it('keeps going past a failing recipient, ends failed with the reason, and retries only that one later', async () => {
    const pros = professionalsWithPendingRequests(3)
    const bad = pros[1]!
    fake.state.rejected.add(bad.email)
    const start = fake.calls.length
    const run = await runJob(client, admin, 'daily-reminders')
    expect(run.status).toBe('failed')
    expect(run.sent).toBe(2)
    expect(run.error).toContain(bad.email)
    expect(run.error).toContain('422')
    const delivered = fake.delivered()
    for (const pro of [pros[0]!, pros[2]!]) expect(delivered.filter(mail => mail.to[0] === pro.email)).toHaveLength(1)
    // The 422 is not retried: one batch, then one call per recipient.
    const calls = fake.calls.slice(start).filter(call => call.path.startsWith('/emails')).map(call => `${call.path} ${call.status}`)
    expect(calls[0]).toBe('/emails/batch 422')
    expect(calls.slice(1).sort()).toEqual(['/emails 200', '/emails 200', '/emails 422'])
    // Single sends carry the delivery key as Resend's Idempotency-Key.
    const today = new Date().toISOString().slice(0, 10)
    const single = fake.calls.slice(start).find(call => call.path === '/emails' && call.body.to[0] === pros[0]!.email)
    expect(single!.headers['idempotency-key']).toBe(`daily-reminders/${pros[0]!.id}/${today}`)

    fake.state.rejected.clear()
    const retry = await runJob(client, admin, 'daily-reminders')
    expect(retry).toMatchObject({ status: 'done', sent: 1 })
    for (const pro of pros) expect(fake.delivered().filter(mail => mail.to[0] === pro.email)).toHaveLength(1)
  })

  it('retries a Google Chat 5xx and still sends the mail once', async () => {
    const [pro] = professionalsWithPendingRequests(1)
    fake.state.chatFailures = 1
    const chats = fake.chat.length
    expect(await runJob(client, admin, 'daily-reminders')).toMatchObject({ status: 'done', sent: 1 })
    expect(fake.chat.length).toBe(chats + 1)
    expect(fake.delivered().filter(mail => mail.to[0] === pro!.email)).toHaveLength(1)
  })
})
