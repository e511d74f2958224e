import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../scripts/free-port.mjs'

export { freePort }

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
export const serverEntry = join(projectRoot, '.output', 'server', 'index.mjs')

/** Everything a child prints, as it prints it. */
function collectOutput(child: ChildProcess) {
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  return () => output
}

export function temporaryDirectory(prefix: string) {
  return mkdtempSync(join(tmpdir(), `hs-${prefix}-`))
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, output: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${output()}`)
    if (await check().catch(() => false)) return
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`${what} did not become ready in ${timeoutMs} ms:\n${output()}`)
}

export type RunningServer = {
  url: string
  port: number
  pid: number
  dataDir: string
  databasePath: string
  env: Record<string, string | undefined>
  logs: () => string
  stop: () => Promise<void>
  /** Closes this end of the server's stdout and stderr pipes: its log writes fail from then on (EPIPE). */
  closeOutput: () => void
  /** Sends a signal (SIGKILL: a crash) and resolves with the exit code (null when killed by the signal). */
  kill: (signal: NodeJS.Signals) => Promise<number | null>
}

/**
 * Starts the built server (`node .output/server/index.mjs`) from another working directory, as in production.
 * With `logFile`, its stdout and stderr go to that file (opened for appending) instead of pipes to this process.
 */
export async function startServer(env: Record<string, string | undefined> = {}, options: { logFile?: string } = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = env.DATA_DIR ?? temporaryDirectory('data')
  const databasePath = env.DATABASE_PATH ?? join(dataDir, 'app.db')
  const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined
  const child = spawn(process.execPath, [serverEntry], {
    cwd: temporaryDirectory('cwd'),
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, DATA_DIR: dataDir, SCHEDULER: 'off', ...env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  })
  if (logFd !== undefined) closeSync(logFd)
  const output = logFd === undefined ? collectOutput(child) : () => readFileSync(options.logFile!, 'utf8')
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, 'The server', child, output)
  return {
    url, port, pid: child.pid!, dataDir, databasePath, env: { ...env, DATA_DIR: dataDir, DATABASE_PATH: databasePath },
    logs: output,
    closeOutput: () => {
      child.stdout?.destroy()
      child.stderr?.destroy()
    },
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

export type RunningRedis = { url: string, port: number, stop: () => Promise<void>, kill: (signal: NodeJS.Signals) => void }

/** A private redis-server on a spare port (or on `port`, to bring a killed one back), so test runs never see another run's keys. */
export async function startRedis(port?: number): Promise<RunningRedis> {
  port ??= await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const output = collectOutput(child)
  await waitFor(async () => output().includes('Ready to accept connections'), 'redis-server', child, output, 10_000)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: signal => child.kill(signal),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

/** Runs the seed command against a database file, exactly as `npm run seed` would. */
export function seedDatabase(env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'db', 'seed.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const output = collectOutput(child)
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`seed failed:\n${output()}`))))
  })
}
