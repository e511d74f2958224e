import { and, desc, eq } from 'drizzle-orm'
import { jobDeliveries, jobRuns } from '~~/db/schema'
import { dailyReminders } from '~~/tasks/jobs/daily-reminders'
import { inactiveReminders } from '~~/tasks/jobs/inactive-reminders'
import { monthlyReport } from '~~/tasks/jobs/monthly-report'
import type { JobDefinition, JobMessage } from '~~/tasks/jobs/types'

export const JOBS = {
  'daily-reminders': dailyReminders,
  'monthly-report': monthlyReport,
  'inactive-reminders': inactiveReminders,
} satisfies Record<string, JobDefinition>

export type JobName = keyof typeof JOBS
export const JOB_NAMES = Object.keys(JOBS) as JobName[]
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name)

type JobRun = typeof jobRuns.$inferSelect

export function serializeJobRun(run: JobRun) {
  return {
    id: run.id, name: run.name, status: run.status, trigger: run.trigger,
    createdAt: run.createdAt.toISOString(), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null,
    sent: run.sent, error: run.error,
  }
}

export function listJobRuns(limit = 50, name?: JobName) {
  return useDb().select().from(jobRuns).where(name ? eq(jobRuns.name, name) : undefined).orderBy(desc(jobRuns.id)).limit(limit).all().map(serializeJobRun)
}

/**
 * Claims (job, recipient, period) by inserting its delivery row: the unique key lets exactly one
 * run, in any instance, win it. The winner sends; if sending fails for good it gives the claim
 * back so a later run retries that recipient.
 */
function claim(job: string, message: JobMessage, runId: number, now: Date) {
  return useDb().insert(jobDeliveries).values({ job, recipientId: message.recipientId, period: message.period, runId, createdAt: now, updatedAt: now })
    .onConflictDoNothing().run().changes === 1
}

function releaseClaim(job: string, message: JobMessage) {
  useDb().delete(jobDeliveries).where(and(eq(jobDeliveries.job, job), eq(jobDeliveries.recipientId, message.recipientId), eq(jobDeliveries.period, message.period))).run()
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300)

/** Sends claimed messages as one batch; if the batch fails, one by one so that a bad recipient does not sink the rest. */
async function sendClaimed(job: string, messages: JobMessage[]) {
  const key = (message: JobMessage) => `${job}/${message.recipientId}/${message.period}`
  try {
    if (messages.length === 1) await sendMail(messages[0]!.mail, { idempotencyKey: key(messages[0]!) })
    else await sendBatch(messages.map(message => message.mail))
    return messages.map(message => ({ message, error: null as string | null }))
  }
  catch (batchError) {
    if (messages.length === 1) return [{ message: messages[0]!, error: reason(batchError) }]
    const results = []
    for (const message of messages) {
      try {
        await sendMail(message.mail, { idempotencyKey: key(message) })
        results.push({ message, error: null })
      }
      catch (error) {
        results.push({ message, error: reason(error) })
      }
    }
    return results
  }
}

/** Runs a recorded job run to its end: `done`, or `failed` with the reason. Never throws. */
export async function executeJobRun(runId: number, name: JobName, now = new Date()) {
  const db = useDb()
  const { publicUrl, inactiveDays, googleChatWebhookUrl } = useServerConfig()
  db.update(jobRuns).set({ status: 'running', startedAt: new Date() }).where(eq(jobRuns.id, runId)).run()
  let sent = 0
  const failures: string[] = []
  try {
    const messages = JOBS[name].collect(db, now, { publicUrl, inactiveDays })
    for (let start = 0; start < messages.length; start += BATCH_LIMIT) {
      const claimed = messages.slice(start, start + BATCH_LIMIT).filter(message => claim(name, message, runId, now))
      if (!claimed.length) continue
      for (const { message, error } of await sendClaimed(name, claimed)) {
        if (error) {
          releaseClaim(name, message)
          failures.push(`${message.mail.to}: ${error}`)
          continue
        }
        sent++
        // The mail went out: a chat failure is reported, not retried by a rerun (that would mail twice).
        if (googleChatWebhookUrl && message.chatText) {
          await postToGoogleChat(message.chatText, googleChatWebhookUrl).catch(error => failures.push(`Google Chat for ${message.mail.to}: ${reason(error)}`))
        }
      }
      db.update(jobRuns).set({ sent }).where(eq(jobRuns.id, runId)).run()
      // Let requests in between batches: the outbox driver never waits on I/O, and 50,000 mails
      // would otherwise hold the event loop (and the whole API) until the last one.
      await new Promise(resolve => setImmediate(resolve))
    }
    const error = failures.length ? `${failures.length} failure${failures.length === 1 ? '' : 's'}: ${failures.slice(0, 5).join('; ')}` : null
    db.update(jobRuns).set({ status: failures.length ? 'failed' : 'done', sent, error, finishedAt: new Date() }).where(eq(jobRuns.id, runId)).run()
  }
  catch (error) {
    console.error(`[jobs] ${name} run ${runId} failed:`, error)
    db.update(jobRuns).set({ status: 'failed', sent, error: reason(error), finishedAt: new Date() }).where(eq(jobRuns.id, runId)).run()
  }
  return db.select().from(jobRuns).where(eq(jobRuns.id, runId)).get()!
}

export function createJobRun(name: JobName, trigger: 'schedule' | 'admin') {
  return useDb().insert(jobRuns).values({ name, trigger, status: 'queued' }).returning().get()
}

/** The admin's "run now": recorded at once, executed in the background. */
export function startJobRun(name: JobName, trigger: 'schedule' | 'admin' = 'admin') {
  const run = createJobRun(name, trigger)
  // Started after the answer has gone out, not merely after this handler returns.
  setTimeout(() => void executeJobRun(run.id, name), 10)
  return run
}

const SCHEDULE_LOCK_MS = 10 * 60 * 1000

/**
 * A scheduled tick. Every instance fires the same tick; the Redis lock on (job, tick) lets one of
 * them work and the others skip without a record. The lock is left to expire so that an instance
 * whose clock fires a little later cannot take it again for the same tick.
 */
export async function runScheduledJob(name: JobName, tick: Date) {
  const tickKey = new Date(Math.floor(tick.getTime() / 1000) * 1000).toISOString()
  const lock = await acquireLock(`job:${name}:${tickKey}`, SCHEDULE_LOCK_MS)
  if (!lock) {
    console.log(`[jobs] ${name} ${tickKey}: another instance holds the lock, skipping`)
    return null
  }
  const run = createJobRun(name, 'schedule')
  return serializeJobRun(await executeJobRun(run.id, name))
}
