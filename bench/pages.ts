/**
 * `npx tsx bench/pages.ts [--rounds 30] [--profile] [--only /path]`: the render cost of every page,
 * on the demo data, one request at a time (median and p90 of sequential renders, in ms, and the
 * server process's CPU time per render, steadier than wall time when other work shares the cores).
 * `--profile` runs the server under `node --cpu-prof` and prints where the CPU went, by source file.
 * Uses the built server (.output; build first), or `--server <path to index.mjs>` (another build, for a before/after).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, serverEntry } from '../scripts/build-if-needed.mjs'
import { freePort } from '../scripts/free-port.mjs'

const ADMIN_PASSWORD = 'pages-admin-password'
const DEMO_PASSWORD = 'demo-password'
const argument = (name: string) => {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] : undefined
}
const rounds = Number(argument('--rounds') ?? 30)
const profile = process.argv.includes('--profile')
const only = argument('--only')
const entry = argument('--server') ?? serverEntry

type Role = 'anonymous' | 'customer' | 'professional' | 'admin'
export const PAGES: [Role, string][] = [
  ['anonymous', '/'], ['anonymous', '/services?q=plumb'], ['anonymous', '/services/1'], ['anonymous', '/login'],
  ['anonymous', '/register/customer'], ['anonymous', '/register/professional'],
  ['customer', '/customer'], ['customer', '/customer/requests'], ['customer', '/customer/requests/1'],
  ['professional', '/professional'], ['professional', '/professional/requests'],
  ['admin', '/admin'], ['admin', '/admin/users'], ['admin', '/admin/requests'], ['admin', '/admin/catalogue'],
  ['admin', '/admin/approvals'], ['admin', '/admin/exports'], ['admin', '/admin/jobs'], ['admin', '/admin/outbox'],
]

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hs-pages-'))
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_PATH: join(dataDir, 'app.db'), DATA_DIR: dataDir, ADMIN_PASSWORD, SCHEDULER: 'off', JWT_SECRET: 'pages-secret-pages-secret-pages-secret' }
  const seeded = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'db', 'seed.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (seeded.status !== 0) throw new Error('seeding failed')

  const port = await freePort()
  const profileDir = join(dataDir, 'profile')
  const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), entry], {
    cwd: dataDir, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  process.once('exit', () => child.kill('SIGKILL'))
  await new Promise<void>(resolve => child.stdout!.on('data', chunk => String(chunk).includes('Listening') && resolve()))
  const url = `http://127.0.0.1:${port}`

  const login = async (email: string, password: string) => {
    const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
    if (!response.ok) throw new Error(`login ${email}: ${response.status}`)
    return `hs_session=${((await response.json()) as { token: string }).token}`
  }
  const cookies: Record<Role, string> = {
    anonymous: '',
    customer: await login('customer1@example.com', DEMO_PASSWORD),
    professional: await login('pro1@example.com', DEMO_PASSWORD),
    admin: await login('admin@example.com', ADMIN_PASSWORD),
  }

  // The server's own CPU time per render (Linux /proc, in clock ticks of 10 ms): steadier than the
  // wall time when other work shares the cores, and what a render costs the machine.
  const serverCpuMs = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
      return (Number(fields[11]) + Number(fields[12])) * 10
    }
    catch {
      return Number.NaN
    }
  }
  const rows: Record<string, { role: Role, medianMs: number, p90Ms: number, cpuMs: number, kb: number, status: number }> = {}
  for (const [role, path] of PAGES.filter(([, path]) => !only || path === only)) {
    const times: number[] = []
    let bytes = 0
    let status = 0
    let cpuStart = 0
    for (let round = 0; round < rounds + 3; round++) {
      if (round === 3) cpuStart = serverCpuMs()
      const started = performance.now()
      const response = await fetch(url + path, { headers: cookies[role] ? { cookie: cookies[role] } : {}, redirect: 'manual' })
      const body = await response.text()
      if (round >= 3) times.push(performance.now() - started)
      bytes = body.length
      status = response.status
    }
    times.sort((a, b) => a - b)
    rows[`${role} ${path}`] = { role, medianMs: Math.round(quantile(times, 0.5) * 10) / 10, p90Ms: Math.round(quantile(times, 0.9) * 10) / 10, cpuMs: Math.round((serverCpuMs() - cpuStart) / rounds * 10) / 10, kb: Math.round(bytes / 102.4) / 10, status }
  }
  console.table(rows)
  console.log(JSON.stringify(Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, [row.medianMs, row.cpuMs]]))))

  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGINT')
  })
  if (profile) summariseProfile(join(profileDir, readdirSync(profileDir)[0]!))
}

type Node = { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }

/** Self time by source file (and the top functions), from a V8 .cpuprofile. */
function summariseProfile(file: string) {
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[], samples: number[], timeDeltas: number[] }
  const byId = new Map(nodes.map(node => [node.id, node]))
  const selfMs = new Map<number, number>()
  samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (timeDeltas[index] ?? 0) / 1000))
  const byFile = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const shorten = (url: string) => url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\.output\/server\//, 'out:')
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id)!
    const where = shorten(callFrame.url) || `(${callFrame.functionName || 'native'})`
    byFile.set(where, (byFile.get(where) ?? 0) + ms)
    const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
  }
  // Inclusive time: every distinct function on a sample's stack gets the sample's time.
  const parent = new Map<number, number>()
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map<string, number>()
  // Inclusive time per built component chunk (chunks/build/<Component>-<hash>.mjs): the cost of each component and what it renders.
  const byChunk = new Map<string, number>()
  samples.forEach((id, index) => {
    const chunks = new Set<string>()
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const chunk = /chunks\/build\/([^/]+)\.mjs$/.exec(byId.get(current)!.callFrame.url)?.[1]
      if (chunk && chunk !== 'server') chunks.add(chunk.replace(/-[\w-]{8}$/, ''))
    }
    for (const chunk of chunks) byChunk.set(chunk, (byChunk.get(chunk) ?? 0) + (timeDeltas[index] ?? 0) / 1000)
  })
  samples.forEach((id, index) => {
    const seen = new Set<string>()
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const { callFrame } = byId.get(current)!
      const name = `${callFrame.functionName || '(anonymous)'} ${shorten(callFrame.url)}:${callFrame.lineNumber}`
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + (timeDeltas[index] ?? 0) / 1000)
    }
  })
  // A call tree of the heavy paths (inclusive ms), to read where a render's time goes.
  const total = new Map<number, number>()
  samples.forEach((id, index) => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) total.set(current, (total.get(current) ?? 0) + (timeDeltas[index] ?? 0) / 1000)
  })
  const threshold = Number(argument('--tree') ?? 0)
  const lines: string[] = []
  const walk = (id: number, depth: number) => {
    const node = byId.get(id)!
    lines.push(`${(total.get(id) ?? 0).toFixed(0).padStart(7)} ${'  '.repeat(depth)}${node.callFrame.functionName || '(anonymous)'} ${shorten(node.callFrame.url)}:${node.callFrame.lineNumber}`)
    for (const child of [...node.children ?? []].sort((a, b) => (total.get(b) ?? 0) - (total.get(a) ?? 0))) if ((total.get(child) ?? 0) >= threshold) walk(child, depth + 1)
  }
  if (threshold) walk(nodes[0]!.id, 0)
  if (threshold) console.log(lines.join('\n'))
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${name}`).join('\n')
  console.log(`\ninclusive time by component chunk:\n${top(byChunk, 40)}`)
  console.log(`\nself time by file (${file}):\n${top(byFile, 30)}\n\nself time by function:\n${top(byFunction, 40)}\n\ninclusive:\n${top(new Map([...inclusive].filter(([name]) => !name.includes('nm:') || process.argv.includes('--all'))), 80)}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
