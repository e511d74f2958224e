import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { get } from 'node:http'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exports as exportsTable, jobDeliveries, jobRuns } from '../../db/schema'
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient } from '../support/api'
import { startFakeMailApi } from '../support/fakes'
import { insertCustomer, insertRequest, insertService, mailsTo, openTestDatabase } from '../support/fixtures'
import { loginWhenReady, waitUntil } from '../support/jobs'
import { freePort } from '../../scripts/free-port.mjs'
import { startRedis, startServer, temporaryDirectory, type RunningRedis, type RunningServer } from '../support/processes'

// Faults an operator meets: crashes and deploys in the middle of background work, a Redis outage.
// Small batches with a pause between them (JOB_BATCH_SIZE, JOB_BATCH_PAUSE_MS) stretch a run over
// a second or two, long enough to be cut off in the middle.
const SLOW_JOBS = { JOB_BATCH_SIZE: '5', JOB_BATCH_PAUSE_MS: '150' }

function lastMonth(day: number) {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, 10))
}

function freshServerEnv(prefix: string, extra: Record<string, string> = {}) {
  const dataDir = temporaryDirectory(prefix)
  return { DATA_DIR: dataDir, DATABASE_PATH: join(dataDir, 'app.db'), ADMIN_PASSWORD, TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', ...SLOW_JOBS, ...extra }
}

/** Customers with activity last month: each is owed exactly one monthly report. */
function customersOwedAReport(db: ReturnType<typeof openTestDatabase>, count: number) {
  const service = insertService(db)
  return Array.from({ length: count }, () => {
    const customer = insertCustomer(db)
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'cancelled', createdAt: lastMonth(12) })
    return customer
  })
}

async function waitForRun(client: ReturnType<typeof apiClient>, token: string, id: number) {
  return waitUntil(async () => {
    const run = (await client.get('/api/admin/jobs?limit=200', { token })).body.items.find((item: { id: number }) => item.id === id)
    return run && ['done', 'failed'].includes(run.status) ? run : undefined
  }, `run ${id}`, 30_000)
}

async function waitForExport(client: ReturnType<typeof apiClient>, token: string, id: number) {
  return waitUntil(async () => {
    const row = (await client.get(`/api/admin/exports/${id}`, { token })).body.export
    return ['done', 'failed'].includes(row.status) ? row : undefined
  }, `export ${id}`, 30_000)
}

/**
 * Seeding thousands of rows can outlast the server's 5 s keep-alive: the next request would go out
 * on the idle connection the server is closing ("other side closed"). Spend that connection first.
 */
const dropIdleConnection = (url: string) => fetch(`${url}/api/health`).then(() => undefined, () => undefined)

const csvFiles = (dataDir: string) => {
  try {
    return readdirSync(join(dataDir, 'exports')).filter(name => name.endsWith('.csv'))
  }
  catch {
    return []
  }
}

describe('kill -9 in the middle of background work (outbox driver)', () => {
  let server: RunningServer

  afterAll(() => server?.stop())

  it('leaves no run or export running, removes the partial file, and a rerun mails everyone exactly once', async () => {
    server = await startServer(freshServerEnv('crash'))
    const db = openTestDatabase(server.databasePath)
    let client = apiClient(server.url)
    let admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const customers = customersOwedAReport(db, 60)
    const service = insertService(db)
    db.transaction((tx) => {
      for (let i = 0; i < 2600; i++) insertRequest(tx as unknown as typeof db, { customerId: customers[i % customers.length]!.id, serviceId: service.id, status: 'closed', createdAt: new Date(Date.UTC(1990, 0, 1 + (i % 28))) })
    })

    await dropIdleConnection(server.url)
    const run = (await client.post('/api/admin/jobs/monthly-report/run', {}, { token: admin })).body.run
    const exported = (await client.post('/api/admin/exports', { from: '1990-01-01', to: '1990-12-31' }, { token: admin })).body.export
    await waitUntil(async () => {
      const current = db.select().from(jobRuns).where(eq(jobRuns.id, run.id)).get()!
      const file = db.select().from(exportsTable).where(eq(exportsTable.id, exported.id)).get()!
      return current.sent >= 10 && file.rowCount >= 500
    }, 'both halfway', 20_000)
    expect(await server.kill('SIGKILL')).toBeNull()

    // Cut off: both rows still say running, and half a CSV lies in the exports folder.
    expect(db.select().from(jobRuns).where(eq(jobRuns.id, run.id)).get()!.status).toBe('running')
    expect(db.select().from(exportsTable).where(eq(exportsTable.id, exported.id)).get()!.status).toBe('running')
    expect(csvFiles(server.dataDir)).toHaveLength(1)
    const sentBeforeCrash = customers.filter(customer => mailsTo(db, customer.email).length === 1).length
    expect(sentBeforeCrash).toBeGreaterThanOrEqual(10)
    expect(sentBeforeCrash).toBeLessThan(customers.length)

    server = await startServer(server.env)
    client = apiClient(server.url)
    admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const interrupted = (await client.get('/api/admin/jobs', { token: admin })).body.items.find((item: { id: number }) => item.id === run.id)
    expect(interrupted).toMatchObject({ status: 'failed', interrupted: true, error: expect.stringMatching(/^Interrupted: /) })
    expect(interrupted.finishedAt).toMatch(/Z$/)
    const failedExport = (await client.get(`/api/admin/exports/${exported.id}`, { token: admin })).body.export
    expect(failedExport).toMatchObject({ status: 'failed', downloadUrl: null, error: expect.stringContaining('partial file was removed') })
    expect(csvFiles(server.dataDir)).toHaveLength(0)
    expect((await client.get(`/api/admin/exports/${exported.id}/download`, { token: admin })).status).toBe(409)

    const rerun = await client.post(`/api/admin/jobs/runs/${run.id}/rerun`, {}, { token: admin })
    expect(rerun.status).toBe(202)
    expect(rerun.body.run).toMatchObject({ name: 'monthly-report', status: 'queued', rerunOf: run.id })
    expect(await waitForRun(client, admin, rerun.body.run.id)).toMatchObject({ status: 'done', sent: customers.length - sentBeforeCrash })
    for (const customer of customers) expect(mailsTo(db, customer.email)).toHaveLength(1)
    expect(db.select().from(jobDeliveries).where(eq(jobDeliveries.job, 'monthly-report')).all().filter(row => customers.some(customer => customer.id === row.recipientId))).toHaveLength(customers.length)

    const again = await client.post(`/api/admin/exports/${exported.id}/rerun`, {}, { token: admin })
    expect(again.status).toBe(202)
    expect(await waitForExport(client, admin, again.body.export.id)).toMatchObject({ status: 'done', rowCount: 2600, rerunOf: exported.id })
    // A finished run cannot be cancelled; a finished one can be run again.
    expect((await client.post(`/api/admin/jobs/runs/${rerun.body.run.id}/cancel`, {}, { token: admin })).status).toBe(409)
    expect((await client.post('/api/admin/jobs/runs/99999999/rerun', {}, { token: admin })).status).toBe(404)
  }, 90_000)

  it('lets the admin cancel a running export: it ends failed and leaves no file behind', async () => {
    const db = openTestDatabase(server.databasePath)
    const client = apiClient(server.url)
    const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const exported = (await client.post('/api/admin/exports', { from: '1990-01-01', to: '1990-12-31' }, { token: admin })).body.export
    await waitUntil(async () => db.select().from(exportsTable).where(eq(exportsTable.id, exported.id)).get()!.rowCount >= 500, 'a first chunk')
    const cancelled = await client.post(`/api/admin/exports/${exported.id}/cancel`, {}, { token: admin })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.export).toMatchObject({ status: 'failed', error: `Cancelled by ${ADMIN_EMAIL}.` })
    const files = csvFiles(server.dataDir).length
    await waitUntil(async () => csvFiles(server.dataDir).length === files - 1, 'the partial file removed', 5_000)
    expect((await client.post(`/api/admin/exports/${exported.id}/cancel`, {}, { token: admin })).status).toBe(409)
  }, 30_000)
})

describe('kill -9 in the middle of a run sending through Resend', () => {
  let fake: Awaited<ReturnType<typeof startFakeMailApi>>
  let server: RunningServer

  beforeAll(async () => {
    fake = await startFakeMailApi()
  })
  afterAll(async () => {
    await server?.stop()
    await fake?.stop()
  })

  it('resends the claims left pending under their idempotency key: every customer gets one mail', async () => {
    server = await startServer(freshServerEnv('resend-crash', { RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: fake.url, JOB_BATCH_PAUSE_MS: '0' }))
    const db = openTestDatabase(server.databasePath)
    let client = apiClient(server.url)
    let admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const customers = customersOwedAReport(db, 40)
    // A slow provider: the crash lands while a batch is on its way.
    fake.state.delayMs = 300
    const run = (await client.post('/api/admin/jobs/monthly-report/run', {}, { token: admin })).body.run
    await waitUntil(async () => fake.calls.some(call => call.status === 200) && fake.calls.length >= 3, 'batches under way', 20_000)
    await new Promise(resolve => setTimeout(resolve, 150))
    await server.kill('SIGKILL')
    await new Promise(resolve => setTimeout(resolve, fake.state.delayMs + 100)) // the batch in flight lands at the fake
    const pending = db.select().from(jobDeliveries).all().filter(row => row.sentAt === null)
    expect(pending.length).toBeGreaterThan(0)

    server = await startServer(server.env)
    client = apiClient(server.url)
    admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const rerun = await client.post(`/api/admin/jobs/runs/${run.id}/rerun`, {}, { token: admin })
    expect(await waitForRun(client, admin, rerun.body.run.id)).toMatchObject({ status: 'done', error: null })
    for (const customer of customers) expect(fake.delivered().filter(mail => mail.to[0] === customer.email)).toHaveLength(1)
    expect(db.select().from(jobDeliveries).all().filter(row => row.sentAt === null)).toHaveLength(0)
  }, 90_000)
})

describe('SIGTERM (a deploy) during a CSV download', () => {
  it('finishes the download in flight, refuses new connections, and exits 0', async () => {
    const server = await startServer(freshServerEnv('sigterm', { JOB_BATCH_PAUSE_MS: '0' }))
    const db = openTestDatabase(server.databasePath)
    const client = apiClient(server.url)
    const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const service = insertService(db)
    const customer = insertCustomer(db)
    // About 6 MB of CSV: more than the socket buffers hold, so the server is still writing when the signal comes.
    const remarks = 'x'.repeat(2000)
    db.transaction((tx) => {
      for (let i = 0; i < 3000; i++) insertRequest(tx as unknown as typeof db, { customerId: customer.id, serviceId: service.id, status: 'closed', remarks, createdAt: new Date(Date.UTC(1991, 0, 1)) })
    })
    await dropIdleConnection(server.url)
    const exported = (await client.post('/api/admin/exports', {}, { token: admin })).body.export
    const done = await waitForExport(client, admin, exported.id)
    const size = statSync(join(server.dataDir, 'exports', csvFiles(server.dataDir)[0]!)).size

    const received = await new Promise<number>((resolve, reject) => {
      get(`${server.url}${done.downloadUrl}`, { headers: { authorization: `Bearer ${admin}` } }, (response) => {
        let bytes = 0
        let signalled = false
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (signalled) return
          signalled = true
          // A slow client: stop reading, deploy, then read on.
          response.pause()
          void server.kill('SIGTERM')
          setTimeout(async () => {
            await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
            response.resume()
          }, 1000)
        })
        response.on('end', () => resolve(bytes))
        response.on('error', reject)
      }).on('error', reject)
    })
    expect(received).toBe(size)
    expect(await server.kill('SIGTERM')).toBe(0)
  }, 60_000)
})

describe('SIGTERM (a deploy) during a job run', () => {
  it('stops at a batch boundary, exits 0, and the next instance finishes the run: everyone mailed once', async () => {
    let server = await startServer(freshServerEnv('sigterm-job'))
    const db = openTestDatabase(server.databasePath)
    let client = apiClient(server.url)
    let admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const customers = customersOwedAReport(db, 40)
    const run = (await client.post('/api/admin/jobs/monthly-report/run', {}, { token: admin })).body.run
    await waitUntil(async () => db.select().from(jobRuns).where(eq(jobRuns.id, run.id)).get()!.sent >= 10, 'a few batches')
    expect(await server.kill('SIGTERM')).toBe(0)
    const stopped = db.select().from(jobRuns).where(eq(jobRuns.id, run.id)).get()!
    expect(stopped).toMatchObject({ status: 'queued', owner: null })
    expect(stopped.sent).toBeLessThan(customers.length)

    server = await startServer(server.env)
    try {
      client = apiClient(server.url)
      admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
      expect(await waitForRun(client, admin, run.id)).toMatchObject({ status: 'done', sent: customers.length, error: null })
      for (const customer of customers) expect(mailsTo(db, customer.email)).toHaveLength(1)
    }
    finally {
      await server.stop()
    }
  }, 60_000)
})

describe('Redis as an accelerator', () => {
  let redis: RunningRedis
  let server: RunningServer

  afterAll(async () => {
    await server?.stop()
    await redis?.stop()
  })

  it('keeps answering within a second, without a 5xx, while Redis is killed and restarted, and serves no stale catalogue after', async () => {
    redis = await startRedis()
    server = await startServer(freshServerEnv('redis-outage', { REDIS_URL: redis.url }))
    const client = apiClient(server.url)
    const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    const word = `zq${Date.now().toString(36)}`
    const created = await client.post('/api/categories', { name: `Outage ${Date.now()}` }, { token: admin })
    const service = await client.post('/api/services', { name: `${word} descaling`, description: 'Fault test.', basePrice: 499, timeRequiredMinutes: 60, categoryId: created.body.category.id }, { token: admin })
    expect(service.status).toBe(201)
    const search = (q: string) => client.get(`/api/services?q=${q}`)
    expect((await search(word)).body.total).toBe(1) // now cached in Redis
    expect((await client.get('/api/health')).body).toEqual({ status: 'ok', db: 'ok', cache: 'ok' })

    const answers: { what: string, status: number, ms: number }[] = []
    let loading = true
    const load = async (what: string, call: () => Promise<{ status: number }>) => {
      while (loading) {
        const started = performance.now()
        const { status } = await call()
        answers.push({ what, status, ms: performance.now() - started })
      }
    }
    const workers = [
      load('search', () => search(word)),
      load('health', () => client.get('/api/health')),
      load('sign-in', () => client.post('/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })),
    ]
    await new Promise(resolve => setTimeout(resolve, 500))
    redis.kill('SIGKILL')
    await waitUntil(async () => (await client.get('/api/health')).body.status === 'degraded', 'health degraded', 5_000)
    expect((await client.get('/api/health')).body).toEqual({ status: 'degraded', db: 'ok', cache: 'down' })
    // A catalogue change while Redis is down.
    expect((await client.patch(`/api/services/${service.body.service.id}`, { name: 'Renamed during the outage' }, { token: admin })).status).toBe(200)
    await new Promise(resolve => setTimeout(resolve, 1000))
    redis = await startRedis(redis.port)
    await waitUntil(async () => (await client.get('/api/health')).body.cache === 'ok', 'Redis used again', 10_000)
    await new Promise(resolve => setTimeout(resolve, 500))
    loading = false
    await Promise.all(workers)

    expect(answers.filter(answer => answer.status >= 500)).toEqual([])
    expect(answers.filter(answer => answer.ms > 1000)).toEqual([])
    expect(new Set(answers.map(answer => answer.what))).toEqual(new Set(['search', 'health', 'sign-in']))
    expect((await search(word)).body.total).toBe(0)
    expect((await search('Renamed%20during%20the%20outage')).body.items.map((item: { id: number }) => item.id)).toContain(service.body.service.id)
  }, 60_000)

  it('answers within a second while Redis is frozen (SIGSTOP), and uses it again once it thaws', async () => {
    const frozen = await startRedis()
    const alone = await startServer(freshServerEnv('redis-frozen', { REDIS_URL: frozen.url }))
    try {
      const client = apiClient(alone.url)
      await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
      frozen.kill('SIGSTOP')
      for (let round = 0; round < 3; round++) {
        for (const call of [() => client.get('/api/services?q=clean'), () => client.get('/api/health'), () => client.post('/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })]) {
          const started = performance.now()
          const { status } = await call()
          expect(status).toBeLessThan(500)
          expect(performance.now() - started).toBeLessThan(1000)
        }
      }
      expect((await client.get('/api/health')).body).toEqual({ status: 'degraded', db: 'ok', cache: 'down' })
      frozen.kill('SIGCONT')
      await waitUntil(async () => (await client.get('/api/health')).body.cache === 'ok', 'Redis used again', 10_000)
    }
    finally {
      frozen.kill('SIGCONT')
      await alone.stop()
      await frozen.stop()
    }
  }, 30_000)

  it('starts without Redis, lets people sign in, and says degraded', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`
    const alone = await startServer(freshServerEnv('no-redis', { REDIS_URL: nowhere }))
    try {
      const client = apiClient(alone.url)
      expect(await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)).toEqual(expect.any(String))
      const health = await client.get('/api/health')
      expect(health.status).toBe(200)
      expect(health.body).toEqual({ status: 'degraded', db: 'ok', cache: 'down' })
      expect((await client.get('/api/services?q=clean')).status).toBe(200)
    }
    finally {
      await alone.stop()
    }
  }, 30_000)
})

/** CPU seconds the process has used (user + system), from /proc: a loop shows as time spent while idle. */
function cpuSeconds(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** What the server does while nothing asks it anything: it must sit idle, not spin on a failing write. */
async function idleCpuSeconds(pid: number, ms = 2000) {
  const before = cpuSeconds(pid)
  await new Promise(resolve => setTimeout(resolve, ms))
  return cpuSeconds(pid) - before
}

/** Fills the file system holding `path` to the last block; returns the filler, to be removed to free it. */
function fillDisk(path: string) {
  const filler = join(path, 'filler')
  const fd = openSync(filler, 'w')
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512]) {
      const chunk = Buffer.alloc(size)
      try {
        for (;;) writeSync(fd, chunk)
      }
      catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
      }
    }
  }
  finally {
    closeSync(fd)
  }
  return filler
}

const createCategory = (client: ReturnType<typeof apiClient>, token: string) =>
  client.post('/api/categories', { name: `Storage ${Math.random().toString(36).slice(2, 8)}` }, { token })

describe('storage', () => {
  it('refuses to start on a database path it cannot create, naming the path', async () => {
    const env = freshServerEnv('bad-path')
    // A file where the database folder should be: no permission trick needed, so it holds for root too.
    const blocked = join(env.DATA_DIR, 'not-a-folder')
    writeFileSync(blocked, '')
    await expect(startServer({ ...env, DATABASE_PATH: join(blocked, 'app.db') })).rejects.toThrow(`The database folder ${blocked} is not writable`)
  })

  it('refuses to start on a database file that cannot be written, naming the file', async () => {
    const env = freshServerEnv('immutable-start')
    const first = await startServer(env)
    await first.stop()
    // chmod does not stop root; an immutable file (chattr +i) stops everyone.
    execFileSync('chattr', ['+i', env.DATABASE_PATH])
    try {
      await expect(startServer(env)).rejects.toThrow(`The database file ${env.DATABASE_PATH} is read-only`)
    }
    finally {
      execFileSync('chattr', ['-i', env.DATABASE_PATH])
    }
  })

  describe('a database that stops taking writes while the server runs, its log on a closed pipe', () => {
    let server: RunningServer
    const locked: string[] = []
    const unlock = () => {
      for (const file of locked.splice(0)) execFileSync('chattr', ['-i', file])
    }

    afterAll(async () => {
      unlock()
      await server?.stop()
    })

    it('health says read-only, writes answer 503 with the reason, reads go on, the failing log never loops; all recover', async () => {
      server = await startServer(freshServerEnv('read-only'))
      const client = apiClient(server.url)
      const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
      expect((await createCategory(client, admin)).status).toBe(201)
      // From here every log line the server writes fails with EPIPE.
      server.closeOutput()

      // The database file and its write-ahead log turn immutable (as a full or failing disk, or an
      // operator's mistake, would leave them): SQLite can read them but not write.
      for (const file of [server.databasePath, `${server.databasePath}-wal`]) {
        if (!existsSync(file)) continue
        execFileSync('chattr', ['+i', file])
        locked.push(file)
      }
      const health = await waitUntil(async () => {
        const answer = await client.get('/api/health')
        return answer.status === 503 ? answer : undefined
      }, 'health to report the read-only database')
      expect(health.body).toMatchObject({ status: 'error', db: 'read-only' })
      expect(health.body.reason).toContain(server.databasePath)

      const writes = await Promise.all(Array.from({ length: 20 }, () => createCategory(client, admin)))
      for (const write of writes) {
        expect(write.status).toBe(503)
        expect(write.body.message).toMatch(/cannot write to its database/)
        expect(write.headers.get('retry-after')).toBe('30')
      }
      expect((await client.get('/api/categories')).status).toBe(200)
      expect(await idleCpuSeconds(server.pid)).toBeLessThan(0.5)

      unlock()
      await waitUntil(async () => (await client.get('/api/health')).status === 200, 'health to recover')
      expect((await createCategory(client, admin)).status).toBe(201)
    }, 60_000)
  })

  describe('a full disk, with the log on it', () => {
    let server: RunningServer | undefined
    let mountPoint: string | undefined

    afterAll(async () => {
      await server?.stop()
      if (mountPoint) execFileSync('umount', [mountPoint])
    })

    it('health says full, writes answer 503 with the reason, the log cannot stop the server; all recover once space is freed', async () => {
      // A 24 MB file system of its own: room to start (health wants 16 MB free), then filled to the last block.
      mountPoint = temporaryDirectory('full-disk')
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint])
      const env = { ...freshServerEnv('full-disk'), DATA_DIR: join(mountPoint, 'data'), DATABASE_PATH: join(mountPoint, 'app.db') }
      server = await startServer(env, { logFile: join(mountPoint, 'server.log') })
      const client = apiClient(server.url)
      const admin = await loginWhenReady(client, ADMIN_EMAIL, ADMIN_PASSWORD)
      expect((await createCategory(client, admin)).status).toBe(201)

      const filler = fillDisk(mountPoint)
      const health = await waitUntil(async () => {
        const answer = await client.get('/api/health')
        return answer.status === 503 ? answer : undefined
      }, 'health to report the full disk')
      expect(health.body).toMatchObject({ status: 'error', db: 'full' })
      expect(health.body.reason).toContain(server.databasePath)

      const writes = await Promise.all(Array.from({ length: 20 }, () => createCategory(client, admin)))
      for (const write of writes) {
        expect(write.status).toBe(503)
        expect(write.body.message).toMatch(/disk is full/)
      }
      expect((await client.get('/api/categories')).status).toBe(200)
      expect(await idleCpuSeconds(server.pid)).toBeLessThan(0.5)

      rmSync(filler)
      await waitUntil(async () => (await client.get('/api/health')).status === 200, 'health to recover')
      expect((await createCategory(client, admin)).status).toBe(201)
    }, 60_000)
  })
})
