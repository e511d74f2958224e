import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm'
import { exports as exportsTable, jobRuns } from '../../db/schema'
import { HEARTBEAT_MS, LEASE_MS, SWEEP_MS } from '../../shared/domain/jobs'
import { useServerConfig } from './config'
import { useDb } from './db'

/**
 * Background work (job runs, exports) runs in a worker thread with its own SQLite connection:
 * better-sqlite3 is synchronous, and a long selection on the request thread stops every request.
 *
 * Each queued or running row carries its owner (this instance) and a lease the owner renews;
 * at start and every SWEEP_MS an instance looks for rows whose owner is gone: a `running` one is
 * failed with the reason (an export's partial file removed), a `queued` one is adopted and run here.
 */
export type BackgroundTask = 'job' | 'export'
export type WorkerRequest = { kind: BackgroundTask, id: number } | { kind: 'stop' }
export type WorkerReply = { kind: 'finished', task: BackgroundTask, id: number } | { kind: 'stopped' }

const INSTANCE = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
/** This process, as the owner recorded on the work it runs. */
export const backgroundOwner = () => INSTANCE

const tables = { job: jobRuns, export: exportsTable } as const

let worker: Worker | null = null
const inFlight = new Set<string>()
let shuttingDown = false
const timers: NodeJS.Timeout[] = []

/** The built worker sits next to the server entry (copied there at build); in development, the source through tsx. */
function workerEntry() {
  const built = process.argv[1] ? join(dirname(resolve(process.argv[1])), 'jobs-worker.mjs') : ''
  if (built && existsSync(built)) return { file: built, execArgv: [] as string[] }
  return { file: join(process.cwd(), 'tasks', 'worker.ts'), execArgv: ['--import', 'tsx'] }
}

function spawnWorker() {
  const { file, execArgv } = workerEntry()
  const spawned = new Worker(file, { workerData: { owner: INSTANCE }, execArgv })
  spawned.on('message', (reply: WorkerReply) => {
    if (reply.kind === 'finished') inFlight.delete(`${reply.task}:${reply.id}`)
  })
  spawned.on('error', error => console.error('[background] the worker failed:', error))
  spawned.on('exit', (code) => {
    if (worker === spawned) worker = null
    if (shuttingDown || !inFlight.size) return
    // Whatever it was running is cut off: say so rather than leave it `running` under a live owner.
    const reason = `Interrupted: the background worker stopped (exit code ${code}). Run it again: nothing is sent twice.`
    for (const key of inFlight) {
      const [task, id] = key.split(':') as [BackgroundTask, string]
      failIfStarted(task, Number(id), reason)
    }
    inFlight.clear()
  })
  return spawned
}

/** Hands a queued row this instance owns to the worker. */
export function dispatchBackground(task: BackgroundTask, id: number) {
  if (shuttingDown) return // stays queued: released to the next instance on the way out
  inFlight.add(`${task}:${id}`)
  worker ??= spawnWorker()
  worker.postMessage({ kind: task, id } satisfies WorkerRequest)
}

/** Owner and lease for a row this instance is about to queue. */
export const newLease = () => ({ owner: INSTANCE, leaseExpiresAt: new Date(Date.now() + LEASE_MS) })

function failIfStarted(task: BackgroundTask, id: number, reason: string, owner = INSTANCE) {
  const table = tables[task]
  const row = useDb().update(table).set({ status: 'failed', error: reason, finishedAt: new Date(), owner: null, leaseExpiresAt: null })
    .where(and(eq(table.id, id), eq(table.status, 'running'), eq(table.owner, owner))).returning().get()
  if (row && task === 'export') removeExportFile(row as typeof exportsTable.$inferSelect)
}

function removeExportFile(row: typeof exportsTable.$inferSelect) {
  if (row.filePath) rmSync(join(useServerConfig().dataDir, 'exports', basename(row.filePath)), { force: true })
  useDb().update(exportsTable).set({ filePath: null }).where(eq(exportsTable.id, row.id)).run()
}

/** An owner's process is known gone when it ran on this host under a pid that no longer exists. */
function ownerGone(owner: string) {
  const parts = owner.split(':')
  const pid = Number(parts.at(-2))
  if (parts.slice(0, -2).join(':') !== hostname() || !Number.isInteger(pid) || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Takes over or fails what owners that are gone left queued or running. Returns how many rows it handled. */
export function sweepAbandonedWork() {
  const db = useDb()
  const now = new Date()
  let handled = 0
  for (const task of ['job', 'export'] as const) {
    const table = tables[task]
    const candidates = db.select({ id: table.id, status: table.status, owner: table.owner, leaseExpiresAt: table.leaseExpiresAt }).from(table)
      .where(and(inArray(table.status, ['queued', 'running']), or(isNull(table.owner), ne(table.owner, INSTANCE)))).all()
    for (const row of candidates) {
      const expired = !row.owner || !row.leaseExpiresAt || row.leaseExpiresAt < now
      if (!expired && !ownerGone(row.owner!)) continue
      const sameOwner = row.owner ? eq(table.owner, row.owner) : isNull(table.owner)
      if (row.status === 'running') {
        const why = row.owner ? `the instance running it (${row.owner}) stopped without finishing` : 'it was left running without an owner'
        const failed = db.update(table).set({
          status: 'failed', finishedAt: now, owner: null, leaseExpiresAt: null,
          error: `Interrupted: ${why}; found by ${INSTANCE} at ${now.toISOString()}.${task === 'export' ? ' The partial file was removed.' : ''} Run it again: nothing is sent twice.`,
        }).where(and(eq(table.id, row.id), eq(table.status, 'running'), sameOwner)).returning().get()
        if (failed && task === 'export') removeExportFile(failed as typeof exportsTable.$inferSelect)
        if (failed) {
          handled++
          console.warn(`[background] ${task} #${row.id} was interrupted (${why}): marked failed`)
        }
      }
      else if (db.update(table).set(newLease()).where(and(eq(table.id, row.id), eq(table.status, 'queued'), sameOwner)).run().changes === 1) {
        handled++
        console.log(`[background] ${task} #${row.id} was queued by an instance that is gone: running it here`)
        dispatchBackground(task, row.id)
      }
    }
  }
  return handled
}

function renewLeases() {
  const db = useDb()
  const leaseExpiresAt = new Date(Date.now() + LEASE_MS)
  for (const table of Object.values(tables)) {
    db.update(table).set({ leaseExpiresAt }).where(and(eq(table.owner, INSTANCE), inArray(table.status, ['queued', 'running']))).run()
  }
}

/** At start: adopt or fail what a previous process left, then keep leases fresh and look again every SWEEP_MS. */
export function startBackground() {
  const guarded = (name: string, work: () => unknown) => () => {
    try {
      work()
    }
    catch (error) {
      console.error(`[background] ${name}:`, (error as Error).message)
    }
  }
  guarded('sweep', sweepAbandonedWork)()
  timers.push(setInterval(guarded('lease renewal', renewLeases), HEARTBEAT_MS).unref())
  timers.push(setInterval(guarded('sweep', sweepAbandonedWork), SWEEP_MS).unref())
}

/**
 * On shutdown: ask the worker to stop at its next safe point (a batch boundary), wait for it a
 * bounded time, then give back what this instance still holds so the next one runs it.
 */
export async function stopBackground(timeoutMs = 20_000) {
  shuttingDown = true
  for (const timer of timers) clearInterval(timer)
  const current = worker
  if (current) {
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, timeoutMs)
      current.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'stopped') {
          clearTimeout(timeout)
          resolve()
        }
      })
      current.once('exit', () => resolve())
      current.postMessage({ kind: 'stop' } satisfies WorkerRequest)
    })
    await current.terminate()
  }
  const db = useDb()
  for (const task of ['job', 'export'] as const) {
    const table = tables[task]
    // Cut off mid-batch (the worker did not stop in time): claims keep a rerun exact, an export restarts from scratch.
    const cut = db.update(table).set({ status: 'queued', owner: null, leaseExpiresAt: null }).where(and(eq(table.owner, INSTANCE), eq(table.status, 'running'))).returning().all()
    if (task === 'export') for (const row of cut) removeExportFile(row as typeof exportsTable.$inferSelect)
    db.update(table).set({ owner: null, leaseExpiresAt: null }).where(and(eq(table.owner, INSTANCE), eq(table.status, 'queued'))).run()
  }
}
