/**
 * `npm run bench`: builds a city-scale data set, starts the production server on it and measures
 * every scenario of issue 5 against a bare node:http baseline measured in the same run.
 * `npm run bench -- --smoke`: small data and 1 s per scenario, to prove the script works.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { BENCH_PASSWORD, FULL_SIZE, SERVICE_WORDS, SMOKE_SIZE, generateBenchData } from './generate'
import { ensureBuilt, root, serverEntry } from '../scripts/build-if-needed.mjs'
import { freePort } from '../tests/support/processes'

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1'
const DURATION = smoke ? 1 : 10
const WARMUP = smoke ? 1 : 3
const CONNECTIONS = 50
const ADMIN_PASSWORD = 'bench-admin-password'

type Measured = { rps: number, p50Ms: number, p99Ms: number, errors: number, ratio?: number, ok2xx: number }
type Request = { method?: 'GET' | 'POST', path: string, headers?: Record<string, string>, body?: string }

function measure(url: string, next: () => Request, seconds: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url, connections: CONNECTIONS, duration: seconds,
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...next() }) }],
    }, (error: Error | null, result: autocannon.Result) => {
      if (error) return reject(error)
      resolve({
        rps: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx, ok2xx: result['2xx'],
      })
    })
    instance.on('error', reject)
  })
}

async function scenario(url: string, next: () => Request, name = '') {
  const warmup = await measure(url, next, WARMUP)
  const measured = await measure(url, next, DURATION)
  if (name) console.log(`[bench]   ${name.padEnd(14)} ${String(measured.rps).padStart(6)} req/s  p50 ${measured.p50Ms} ms  p99 ${measured.p99Ms} ms  errors ${measured.errors}`)
  await waitForHealth(url)
  return { ...measured, acknowledged: warmup.ok2xx + measured.ok2xx }
}

/** After a load the server may still be draining: wait until it answers again, and say if that took long. */
async function waitForHealth(url: string) {
  const started = performance.now()
  for (;;) {
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(response => response.ok, () => false)
    if (ok) break
    if (performance.now() - started > 120_000) throw new Error('the server did not recover within 2 minutes')
  }
  const seconds = (performance.now() - started) / 1000
  if (seconds > 1) console.log(`[bench]   (the server took ${seconds.toFixed(1)} s to answer again)`)
}

function waitForOutput(child: ChildProcess, what: string) {
  return new Promise<void>((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Listening on')) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', code => reject(new Error(`${what} exited with ${code}:\n${output}`)))
  })
}

async function startAppServer(databasePath: string, dataDir: string, redisUrl: string | undefined) {
  const port = await freePort()
  const child = spawn(process.execPath, [serverEntry], {
    cwd: dataDir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, DATA_DIR: dataDir, REDIS_URL: redisUrl ?? '', SCHEDULER: 'off', ADMIN_PASSWORD, JWT_SECRET: 'bench-secret-bench-secret-bench-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Never leave a loaded server behind, whatever happens to the run.
  process.once('exit', () => child.kill('SIGKILL'))
  await waitForOutput(child, 'The server')
  const stop = () => new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
  return { url: `http://127.0.0.1:${port}`, child, stop }
}

async function login(url: string, email: string, password: string) {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

function rssMb(pid: number) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : 0
}

/** Polls `read` until it reports done, sampling the server's resident memory meanwhile. */
async function waitUntilDone(read: () => Promise<{ status: string }>, pid: number, timeoutMs = 600_000) {
  const started = performance.now()
  let peak = rssMb(pid)
  const before = peak
  for (;;) {
    peak = Math.max(peak, rssMb(pid))
    const current = await read()
    if (current.status === 'done' || current.status === 'failed') return { result: current, seconds: (performance.now() - started) / 1000, peakRssDeltaMb: Math.round(peak - before) }
    if (performance.now() - started > timeoutMs) throw new Error('job did not finish in time')
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}

/** Times a job from the moment it is asked for, until its run is recorded as finished. */
async function runJob(url: string, admin: string, pid: number, name: string) {
  const started = performance.now()
  const { run } = await api<{ run: { id: number } }>(url, admin, 'POST', `/api/admin/jobs/${name}/run`)
  const finished = await waitUntilDone(async () => (await api<{ items: { id: number, status: string, sent: number, error: string | null }[] }>(url, admin, 'GET', '/api/admin/jobs')).items.find(item => item.id === run.id)!, pid)
  return { ...finished, seconds: (performance.now() - started) / 1000 }
}

// The export's rows, as sqlite3's own CSV output: the limit the export is held to.
const EXPORT_QUERY = `SELECT r.id, r.service_id, s.name, r.customer_id, c.name, r.professional_id, p.name, r.created_at, r.scheduled_for, r.completed_at, r.status, r.remarks, v.rating, v.comment
  FROM service_requests r JOIN services s ON s.id = r.service_id JOIN users c ON c.id = r.customer_id LEFT JOIN users p ON p.id = r.professional_id LEFT JOIN reviews v ON v.request_id = r.id
  WHERE r.status = 'closed' ORDER BY r.id`

function sqliteCsvSeconds(databasePath: string) {
  const started = performance.now()
  const result = spawnSync('sqlite3', ['-readonly', '-csv', '-header', databasePath, EXPORT_QUERY], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 })
  if (result.status !== 0) throw new Error(`sqlite3: ${result.stderr}`)
  return (performance.now() - started) / 1000
}

async function main() {
  ensureBuilt()
  const size = smoke ? SMOKE_SIZE : FULL_SIZE
  const workDir = mkdtempSync(join(tmpdir(), 'hs-bench-'))
  const databasePath = join(workDir, 'app.db')
  console.log(`[bench] Generating ${smoke ? 'smoke' : 'full'} data in ${databasePath}…`)
  const data = await generateBenchData(databasePath, size)
  console.log(`[bench] ${JSON.stringify(data.counts)} in ${data.seconds.toFixed(1)} s`)

  const baselinePort = await freePort()
  const baselineServer = spawn(process.execPath, [join(root, 'bench', 'baseline-server.mjs'), String(baselinePort)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  process.once('exit', () => baselineServer.kill('SIGKILL'))
  await new Promise(resolve => baselineServer.once('message', resolve))
  const baseline = await measure(`http://127.0.0.1:${baselinePort}`, () => ({ path: '/' }), WARMUP).then(() => measure(`http://127.0.0.1:${baselinePort}`, () => ({ path: '/' }), DURATION))
  baselineServer.kill()
  console.log(`[bench] baseline ${baseline.rps} req/s`)

  let sequence = 0
  const pickFrom = <T>(items: T[]) => items[(sequence++ * 7919) % items.length]!
  const cachedQueries = ['plumb', 'clean', 'geyser', 'kitchen repair', 'water']
  const variants = process.env.REDIS_URL ? [['redis', process.env.REDIS_URL], ['memory', undefined]] as const : [['memory', undefined]] as const
  const results: Record<string, Record<string, Measured>> = {}
  let jobs: Record<string, unknown> = {}

  for (const [variant, redisUrl] of variants) {
    const server = await startAppServer(databasePath, workDir, redisUrl)
    const url = server.url
    const professionals = await Promise.all(data.professionalIds.slice(0, 10).map((_, index) => login(url, `pro${index + 1}@bench.example`, BENCH_PASSWORD)))
    const customers = await Promise.all(Array.from({ length: 10 }, (_, index) => login(url, `customer${index + 1}@bench.example`, BENCH_PASSWORD)))
    // Bookings come from other customers than the lists read in S4, which would otherwise grow by thousands.
    const bookingCustomers = await Promise.all(Array.from({ length: 10 }, (_, index) => login(url, `customer${index + 11}@bench.example`, BENCH_PASSWORD)))
    const bearer = (tokens: string[]) => ({ authorization: `Bearer ${pickFrom(tokens)}` })
    const scheduledFor = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const sqlite = new Database(databasePath, { readonly: true })
    const lastRequestId = () => (sqlite.prepare('SELECT max(id) FROM service_requests').pluck().get() as number)

    const measured: Record<string, Measured> = {}
    console.log(`[bench] ${variant} cache: measuring…`)
    measured.S1 = await scenario(url, () => ({ path: `/api/services?q=${encodeURIComponent(pickFrom(cachedQueries))}` }), 'S1')
    measured.S2 = await scenario(url, () => {
      const word = SERVICE_WORDS[sequence % SERVICE_WORDS.length]!
      return { path: `/api/services?q=${encodeURIComponent(`${word.slice(0, 3 + (sequence % 3))} ${1 + (sequence++ % size.services)}`)}` }
    }, 'S2')
    measured.S3 = await scenario(url, () => ({ path: `/api/services/${pickFrom(data.servicesWithProfessionals)}` }), 'S3')
    measured.S4professional = await scenario(url, () => ({ path: '/api/requests?pageSize=20', headers: bearer(professionals) }), 'S4 professional')
    measured.S4customer = await scenario(url, () => ({ path: '/api/requests?pageSize=20', headers: bearer(customers) }), 'S4 customer')
    const before = lastRequestId()
    measured.S5 = await scenario(url, () => ({
      method: 'POST', path: '/api/requests', headers: { ...bearer(bookingCustomers), 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: pickFrom(data.servicesWithProfessionals), scheduledFor, remarks: 'bench' }),
    }), 'S5')
    // Every acknowledged write (warm-up included) must be in the database afterwards. A few more may be:
    // those in flight when autocannon stopped (at most one per connection per run), done but never read.
    const written = lastRequestId() - before
    const { acknowledged } = measured.S5 as Measured & { acknowledged: number }
    Object.assign(measured.S5, { written, allAcknowledgedPresent: written >= acknowledged && written - acknowledged <= 2 * CONNECTIONS })
    measured.S6search = await scenario(url, () => ({ path: `/services?q=${encodeURIComponent(pickFrom(cachedQueries))}` }), 'S6 search page')
    measured.S6dashboard = await scenario(url, () => ({ path: '/professional', headers: { cookie: `hs_session=${pickFrom(professionals)}` } }), 'S6 dashboard')
    for (const entry of Object.values(measured)) entry.ratio = Math.round((entry.rps / baseline.rps) * 1000) / 1000
    results[variant] = measured
    sqlite.close()

    if (variant === variants.at(-1)![0]) {
      console.log('[bench] timing the jobs…')
      const admin = await login(url, 'admin@example.com', ADMIN_PASSWORD)
      const exportStarted = performance.now()
      const { export: created } = await api<{ export: { id: number } }>(url, admin, 'POST', '/api/admin/exports', { status: 'closed' })
      const exportWait = await waitUntilDone(async () => (await api<{ export: { status: string, rowCount: number } }>(url, admin, 'GET', `/api/admin/exports/${created.id}`)).export, server.child.pid!)
      const exported = { ...exportWait, seconds: (performance.now() - exportStarted) / 1000 }
      const monthly = await runJob(url, admin, server.child.pid!, 'monthly-report')
      const daily = await runJob(url, admin, server.child.pid!, 'daily-reminders')
      jobs = {
        export: { rows: (exported.result as unknown as { rowCount: number }).rowCount, seconds: round(exported.seconds), limitSeconds: round(sqliteCsvSeconds(databasePath)), peakRssDeltaMb: exported.peakRssDeltaMb, status: exported.result.status },
        monthlyReport: { customers: (monthly.result as unknown as { sent: number }).sent, seconds: round(monthly.seconds), status: monthly.result.status },
        dailyReminders: { professionals: (daily.result as unknown as { sent: number }).sent, seconds: round(daily.seconds), status: daily.result.status },
      }
    }
    await server.stop()
  }

  const primary = results[variants[0][0]]!
  const report = {
    when: new Date().toISOString(), smoke, size, data: data.counts, durationSeconds: DURATION, connections: CONNECTIONS,
    baseline: { rps: baseline.rps, p50Ms: baseline.p50Ms, p99Ms: baseline.p99Ms },
    scenarios: primary, variants: results, jobs,
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true })
  writeFileSync(join(root, 'bench', 'results', smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(report, null, 2))

  console.log(`\nbaseline (bare node:http, 1 KB JSON): ${baseline.rps} req/s, p99 ${baseline.p99Ms} ms`)
  for (const [variant, measured] of Object.entries(results)) {
    console.log(`\n${variant} cache`)
    console.table(Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, { 'req/s': m.rps, 'p50 ms': m.p50Ms, 'p99 ms': m.p99Ms, 'errors': m.errors, 'ratio': m.ratio }])))
  }
  console.log('\njobs')
  console.table(jobs)
  console.log(`\n[bench] written to bench/results/${smoke ? 'smoke' : 'latest'}.json`)
}

const round = (value: number) => Math.round(value * 100) / 100

main().catch((error) => {
  console.error('[bench] failed:', error)
  process.exit(1)
})
