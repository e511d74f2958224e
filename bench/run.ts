/**
 * `npm run bench`: builds a city-scale data set, starts the production server on it and measures
 * every scenario against a bare node:http baseline measured in the same run: throughput at 50
 * connections (its ratio to the baseline) and p99 latency at 10 connections, with `wrk`
 * (bench/load.ts), then prints every figure beside its target (bench/targets.ts).
 * `npm run bench -- --smoke`: small data and 1 s per scenario, to prove the script works.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { doubleBookings, slotBookings, slotsScenarioService } from './slots'
import { BENCH_PASSWORD, FULL_SIZE, SERVICE_WORDS, SMOKE_SIZE, generateBenchData } from './generate'
import { benchJobs } from './jobs'
import { ensureBuilt, root, serverEntry } from '../scripts/build-if-needed.mjs'
import { ensureDebianPackage } from '../scripts/debian-package.mjs'
import { freePort } from '../scripts/free-port.mjs'
import { measure, type BenchRequest, type Measured } from './load'
import { verdict } from './targets'

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1'
const DURATION = smoke ? 1 : 10
const WARMUP = smoke ? 1 : 3
const CONNECTIONS = 50
const LATENCY_CONNECTIONS = 10
const ADMIN_PASSWORD = 'bench-admin-password'
// Each booking of S5 is sent once (a slot booked twice is a 409): more than a run can send at this machine's pace.
const BOOKINGS_PER_RUN = smoke ? 5_000 : 20_000

type Scenario = Measured & { ratio?: number, p99Ms10?: number, p50Ms10?: number, acknowledged?: number, written?: number, allAcknowledgedPresent?: boolean }

/** Warm-up, then throughput at 50 connections, then latency at 10. */
async function scenario(url: string, next: () => BenchRequest, name: string, count?: number): Promise<Scenario> {
  const warmup = await measure(url, next, WARMUP, CONNECTIONS, 'wrk', count)
  const measured = await measure(url, next, DURATION, CONNECTIONS, 'wrk', count)
  await waitForHealth(url)
  const light = await measure(url, next, DURATION, LATENCY_CONNECTIONS, 'wrk', count)
  console.log(`[bench]   ${name.padEnd(18)} ${String(measured.rps).padStart(6)} req/s  p99 ${measured.p99Ms} ms  |  10 conns: p99 ${light.p99Ms} ms  errors ${measured.errors + light.errors}`)
  await waitForHealth(url)
  return { ...measured, p50Ms10: light.p50Ms, p99Ms10: light.p99Ms, errors: measured.errors + light.errors, acknowledged: warmup.ok2xx + measured.ok2xx + light.ok2xx }
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

async function startAppServer(databasePath: string, dataDir: string, redisUrl: string | undefined, env: Record<string, string> = {}) {
  const port = await freePort()
  const child = spawn(process.execPath, [serverEntry], {
    cwd: dataDir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, DATA_DIR: dataDir, REDIS_URL: redisUrl ?? '', SCHEDULER: 'off', ADMIN_PASSWORD, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', ...env },
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

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
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
  ensureDebianPackage('wrk', 'wrk', { purpose: 'the benchmark (its load generator)' })
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
  const baselineUrl = `http://127.0.0.1:${baselinePort}`
  await measure(baselineUrl, () => ({ path: '/' }), WARMUP, CONNECTIONS)
  const baseline = await measure(baselineUrl, () => ({ path: '/' }), DURATION, CONNECTIONS)
  // The same baseline with the former load generator, to compare runs made before the switch to wrk.
  const baselineAutocannon = await measure(baselineUrl, () => ({ path: '/' }), DURATION, CONNECTIONS, 'autocannon')
  baselineServer.kill()
  console.log(`[bench] baseline ${baseline.rps} req/s with wrk (autocannon: ${baselineAutocannon.rps} req/s)`)

  let sequence = 0
  const pickFrom = <T>(items: T[]) => items[(sequence++ * 7919) % items.length]!
  const cachedQueries = ['plumb', 'clean', 'geyser', 'kitchen repair', 'water']
  const popularServices = data.servicesWithProfessionals.slice(0, 50)
  const variants = process.env.REDIS_URL ? [['redis', process.env.REDIS_URL], ['memory', undefined]] as const : [['memory', undefined]] as const
  const results: Record<string, Record<string, Scenario>> = {}
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

    const measured: Record<string, Scenario> = {}
    console.log(`[bench] ${variant} cache: measuring…`)
    measured.S1 = await scenario(url, () => ({ path: `/api/services?q=${encodeURIComponent(pickFrom(cachedQueries))}` }), 'S1')
    measured.S2 = await scenario(url, () => {
      const word = SERVICE_WORDS[sequence % SERVICE_WORDS.length]!
      return { path: `/api/services?q=${encodeURIComponent(`${word.slice(0, 3 + (sequence % 3))} ${1 + (sequence++ % size.services)}`)}` }
    }, 'S2')
    measured.S3 = await scenario(url, () => ({ path: `/api/services/${pickFrom(data.servicesWithProfessionals)}` }), 'S3')
    measured.S4professional = await scenario(url, () => ({ path: '/api/requests?pageSize=20', headers: bearer(professionals) }), 'S4 professional')
    measured.S4customer = await scenario(url, () => ({ path: '/api/requests?pageSize=20', headers: bearer(customers) }), 'S4 customer')
    const slotsService = slotsScenarioService(databasePath)
    const slotsPath = `/api/services/${slotsService.serviceId}/slots?days=7`
    // Uncached: an instance on the same database with the slots cache off computes every answer.
    const uncached = await startAppServer(databasePath, workDir, redisUrl, { SLOTS_CACHE_SECONDS: '0' })
    measured.S7slots = Object.assign(await scenario(uncached.url, () => ({ path: slotsPath }), 'S7 slots'), { professionals: slotsService.professionals, cached: false })
    await uncached.stop()
    measured.S7slotsCached = Object.assign(await scenario(url, () => ({ path: slotsPath }), 'S7 slots, cached'), { professionals: slotsService.professionals, cached: true })
    // S5 books real free slots of named professionals, each at most once.
    const bookings = slotBookings(databasePath, smoke ? 20_000 : 200_000)
    let booking = 0
    const before = lastRequestId()
    measured.S5 = await scenario(url, () => ({
      method: 'POST', path: '/api/requests', headers: { ...bearer(bookingCustomers), 'content-type': 'application/json' },
      body: JSON.stringify(bookings[booking++] ?? { serviceId: pickFrom(data.servicesWithProfessionals), scheduledFor, remarks: 'bench' }),
    }), 'S5', BOOKINGS_PER_RUN)
    // Every acknowledged write (warm-up included) must be in the database afterwards. A few more may be:
    // those in flight when a load stopped (at most one per connection per run), done but never read.
    const written = lastRequestId() - before
    const acknowledged = measured.S5.acknowledged ?? 0
    Object.assign(measured.S5, { written, allAcknowledgedPresent: written >= acknowledged && written - acknowledged <= 2 * CONNECTIONS + LATENCY_CONNECTIONS, slotsBooked: Math.min(booking, bookings.length), slotsAvailable: bookings.length, doubleBooked: doubleBookings(databasePath) })
    // Pages, as anonymous visitors (served from the page cache) and as signed-in people (rendered each time).
    const cookie = (tokens: string[]) => ({ cookie: `hs_session=${pickFrom(tokens)}` })
    measured.S6search = await scenario(url, () => ({ path: `/services?q=${encodeURIComponent(pickFrom(cachedQueries))}` }), 'S6 search page')
    // Visitors crowd onto popular services as they do onto popular searches: S6service draws from 50
    // of them (the page cache holds 300 pages), S6serviceAny from every service with a professional
    // (thousands: mostly renders, the cost of a page nobody asked for lately).
    measured.S6service = await scenario(url, () => ({ path: `/services/${pickFrom(popularServices)}` }), 'S6 service page')
    measured.S6serviceAny = await scenario(url, () => ({ path: `/services/${pickFrom(data.servicesWithProfessionals)}` }), 'S6 any service page')
    measured.S6searchSignedIn = await scenario(url, () => ({ path: `/services?q=${encodeURIComponent(pickFrom(cachedQueries))}`, headers: cookie(customers) }), 'S6 search, signed in')
    measured.S6dashboard = await scenario(url, () => ({ path: '/professional', headers: cookie(professionals) }), 'S6 dashboard')
    measured.S6customer = await scenario(url, () => ({ path: '/customer/requests', headers: cookie(customers) }), 'S6 customer requests')
    // More scenarios go here, each a name and a request generator.
    for (const entry of Object.values(measured)) entry.ratio = Math.round((entry.rps / baseline.rps) * 1000) / 1000
    results[variant] = measured
    sqlite.close()

    if (variant === variants.at(-1)![0]) {
      console.log('[bench] timing the jobs…')
      const admin = await login(url, 'admin@example.com', ADMIN_PASSWORD)
      // What the API is measured on while each job runs: a service page and a customer's list, alternately.
      const apiSample = () => (sequence % 2 ? { path: `/api/services/${pickFrom(data.servicesWithProfessionals)}` } : { path: '/api/requests?pageSize=20', headers: bearer(customers) })
      const timed = await benchJobs({ api: (method, path, body) => api(url, admin, method, path, body), measureP99: seconds => measure(url, apiSample, seconds, LATENCY_CONNECTIONS).then(m => m.p99Ms), restSeconds: smoke ? 1 : 5 })
      jobs = { ...timed, export: { ...timed.export, limitSeconds: round(sqliteCsvSeconds(databasePath)) } }
    }
    await server.stop()
  }

  const primary = results[variants[0][0]]!
  const report = {
    when: new Date().toISOString(), smoke, size, data: data.counts, durationSeconds: DURATION, connections: CONNECTIONS,
    loadGenerator: 'wrk', latencyConnections: LATENCY_CONNECTIONS,
    baseline: { rps: baseline.rps, p50Ms: baseline.p50Ms, p99Ms: baseline.p99Ms, autocannon: { rps: baselineAutocannon.rps, p99Ms: baselineAutocannon.p99Ms } },
    scenarios: primary, variants: results, jobs,
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true })
  writeFileSync(join(root, 'bench', 'results', smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(report, null, 2))

  console.log(`\nbaseline (bare node:http, 1 KB JSON): ${baseline.rps} req/s, p99 ${baseline.p99Ms} ms with wrk; ${baselineAutocannon.rps} req/s, p99 ${baselineAutocannon.p99Ms} ms with autocannon`)
  for (const [variant, measured] of Object.entries(results)) {
    console.log(`\n${variant} cache (req/s, ratio and p99 at ${CONNECTIONS} connections; p99@10 at ${LATENCY_CONNECTIONS})`)
    console.table(Object.fromEntries(Object.entries(measured).map(([name, m]) => [name, {
      'req/s': m.rps, 'ratio': m.ratio, 'p99 ms': m.p99Ms, 'p99@10 ms': m.p99Ms10, 'errors': m.errors, ...verdict(name, m),
    }])))
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
