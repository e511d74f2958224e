import { and, desc, eq, inArray } from 'drizzle-orm'
import { jobRuns } from '../../db/schema'
import { canCancel, canRunAgain, type JobName } from '../../shared/domain/jobs'
import { dispatchBackground, newLease } from './background'
import { useDb } from './db'

type JobRun = typeof jobRuns.$inferSelect

export function serializeJobRun(run: JobRun) {
  return {
    id: run.id, name: run.name, status: run.status, trigger: run.trigger,
    createdAt: run.createdAt.toISOString(), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null,
    sent: run.sent, error: run.error, rerunOf: run.rerunOf,
    // An instance that died, a cancel or a shutdown left it failed: the admin may run it again.
    interrupted: run.status === 'failed' && !!run.error && /^(Interrupted|Cancelled)/.test(run.error),
  }
}

export function listJobRuns(limit = 50, name?: JobName) {
  return useDb().select().from(jobRuns).where(name ? eq(jobRuns.name, name) : undefined).orderBy(desc(jobRuns.id)).limit(limit).all().map(serializeJobRun)
}

/** Records a run and hands it to the background worker; the answer goes out before any work starts. */
export function startJobRun(name: JobName, trigger: 'schedule' | 'admin' = 'admin', options: { asOf?: Date, rerunOf?: number } = {}) {
  const run = useDb().insert(jobRuns).values({ name, trigger, status: 'queued', asOf: options.asOf ?? new Date(), rerunOf: options.rerunOf ?? null, ...newLease() }).returning().get()
  dispatchBackground('job', run.id)
  return run
}

/**
 * A scheduled tick. Every instance fires the same tick; the unique (job, tick) row lets exactly
 * one of them record and run it, with or without Redis, and the others skip with a log line.
 */
export function startScheduledRun(name: JobName, tick: Date) {
  const at = new Date(Math.floor(tick.getTime() / 1000) * 1000)
  const run = useDb().insert(jobRuns).values({ name, trigger: 'schedule', status: 'queued', asOf: at, tick: at, ...newLease() })
    .onConflictDoNothing().returning().get()
  if (!run) {
    console.log(`[jobs] ${name} ${at.toISOString()}: another instance holds the lock for this tick, skipping`)
    return null
  }
  dispatchBackground('job', run.id)
  return run
}

export function findJobRun(id: number) {
  return useDb().select().from(jobRuns).where(eq(jobRuns.id, id)).get() ?? null
}

/** "Cancel": a queued or running run ends `failed`; the worker stops it at its next batch. */
export function cancelJobRun(id: number, by: string) {
  const run = findJobRun(id)
  if (!run) throw createError({ statusCode: 404, message: 'No such run' })
  if (!canCancel(run.status)) throw createError({ statusCode: 409, message: `Run #${id} is ${run.status}: only a queued or running run can be cancelled` })
  const cancelled = useDb().update(jobRuns).set({ status: 'failed', error: `Cancelled by ${by} after ${run.sent} sent.`, finishedAt: new Date(), owner: null, leaseExpiresAt: null })
    .where(and(eq(jobRuns.id, id), inArray(jobRuns.status, ['queued', 'running']))).returning().get()
  if (!cancelled) throw createError({ statusCode: 409, message: `Run #${id} has just ended` })
  return cancelled
}

/** "Run again": a new run of the same job over the same period; what the first one sent is not sent again. */
export function rerunJobRun(id: number) {
  const run = findJobRun(id)
  if (!run) throw createError({ statusCode: 404, message: 'No such run' })
  if (!canRunAgain(run.status)) throw createError({ statusCode: 409, message: `Run #${id} is ${run.status}: wait for it to end or cancel it` })
  return startJobRun(run.name as JobName, 'admin', { asOf: run.asOf ?? run.createdAt, rerunOf: run.id })
}
