import { and, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm'
import type { AppDatabase } from '../db/client'
import { jobDeliveries, jobRuns } from '../db/schema'
import { DAY_MS, type JobName } from '../shared/domain/jobs'
import { postToGoogleChat } from '../server/utils/google-chat'
import { BATCH_LIMIT, insertOutboxMails, sendBatch, sendMail, useMailDriver, type Mail } from '../server/utils/mail'
import { useServerConfig } from '../server/utils/config'
import { notify } from '../server/utils/notifications'
import { JOB_DEFINITIONS } from './jobs'
import { chunks, type JobMessage } from './jobs/types'

export type RunControl = {
  db: AppDatabase
  owner: string
  /** True once the instance is shutting down: stop at the next batch boundary. */
  stopping: () => boolean
}

type Delivery = { recipientId: number, period: string, mail: Mail, chatText?: string, alert?: JobMessage['alert'], idempotencyKey: string }

/** The in-app alert of a delivered message, written with the record that it was delivered (exactly once). */
const alertFor = (delivery: Delivery, tx: Pick<AppDatabase, 'insert'>) => {
  if (delivery.alert) notify(delivery.recipientId, delivery.alert.kind, delivery.alert.message, delivery.alert.link, tx)
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300)
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
const messageKey = (job: string, recipientId: number, period: string) => `${job}/${recipientId}/${period}`

class RunStopped extends Error {}

/**
 * Runs a queued job run in this (worker) thread to its end: `done`, or `failed` with the reason;
 * on shutdown, back to `queued` for the next instance. Never throws.
 *
 * Exactly once: each message is claimed by a row in job_deliveries whose unique key is
 * (job, recipient, period). With the outbox driver the claim and the mail are one transaction.
 * With Resend the claim is written first, pending, with the mail and the idempotency key it is
 * sent under; it is marked sent when Resend accepts it, and a later run of the job resends any
 * pending claim left by a run that died, under the same key, so Resend drops a second copy.
 */
export async function executeJobRun(runId: number, control: RunControl) {
  const { db, owner } = control
  const started = db.update(jobRuns).set({ status: 'running', startedAt: new Date(), owner })
    .where(and(eq(jobRuns.id, runId), eq(jobRuns.status, 'queued'))).returning().get()
  if (!started) return // cancelled, or taken by another instance meanwhile
  const name = started.name as JobName
  const { publicUrl, inactiveDays, googleChatWebhookUrl, jobBatchSize, jobBatchPauseMs, scheduling } = useServerConfig()
  const outbox = useMailDriver().name === 'outbox'
  const batchSize = outbox ? jobBatchSize : Math.min(jobBatchSize, BATCH_LIMIT)
  const now = started.asOf ?? started.createdAt
  let sent = started.sent // a run resumed after a shutdown carries on counting
  const failures: string[] = []
  const stillMine = () => {
    const row = db.select({ status: jobRuns.status, owner: jobRuns.owner }).from(jobRuns).where(eq(jobRuns.id, runId)).get()
    return row?.status === 'running' && row.owner === owner
  }
  const checkpoint = async () => {
    db.update(jobRuns).set({ sent }).where(and(eq(jobRuns.id, runId), eq(jobRuns.owner, owner))).run()
    if (control.stopping()) throw new RunStopped()
    if (!stillMine()) throw new RunStopped()
    // Let the server's own queries in between batches: WAL lets it read meanwhile, but writes queue.
    await sleep(jobBatchPauseMs)
  }

  const afterSending = async (delivered: Delivery[]) => {
    sent += delivered.length
    if (!googleChatWebhookUrl) return
    // The mail went out: a chat failure is reported, not retried by a rerun (that would mail twice).
    for (const delivery of delivered) {
      if (!delivery.chatText) continue
      await postToGoogleChat(delivery.chatText, googleChatWebhookUrl).catch(error => failures.push(`Google Chat for ${delivery.mail.to}: ${reason(error)}`))
    }
  }

  /** Resend: send a claimed group under its key; if that fails, one by one so a bad recipient does not sink the rest. */
  const sendClaimed = async (group: Delivery[]) => {
    const results: { delivery: Delivery, error: string | null }[] = []
    try {
      if (group.length === 1) await sendMail(group[0]!.mail, { idempotencyKey: group[0]!.idempotencyKey })
      else await sendBatch(group.map(delivery => delivery.mail), { idempotencyKey: group[0]!.idempotencyKey })
      results.push(...group.map(delivery => ({ delivery, error: null })))
    }
    catch (batchError) {
      if (group.length === 1) results.push({ delivery: group[0]!, error: reason(batchError) })
      else {
        for (const delivery of group) {
          try {
            await sendMail(delivery.mail, { idempotencyKey: messageKey(name, delivery.recipientId, delivery.period) })
            results.push({ delivery, error: null })
          }
          catch (error) {
            results.push({ delivery, error: reason(error) })
          }
        }
      }
    }
    const where = (delivery: Delivery) => and(eq(jobDeliveries.job, name), eq(jobDeliveries.recipientId, delivery.recipientId), eq(jobDeliveries.period, delivery.period))
    db.transaction((tx) => {
      for (const { delivery, error } of results) {
        if (error) tx.delete(jobDeliveries).where(where(delivery)).run() // given back: a later run retries it
        else {
          tx.update(jobDeliveries).set({ sentAt: new Date(), mail: null }).where(where(delivery)).run()
          alertFor(delivery, tx)
        }
      }
    })
    for (const { delivery, error } of results) if (error) failures.push(`${delivery.mail.to}: ${error}`)
    await afterSending(results.filter(result => !result.error).map(result => result.delivery))
  }

  /** Claims a batch; with the outbox driver the mails are written in the same transaction. */
  const claimBatch = (messages: JobMessage[], batchIndex: number) => db.transaction((tx) => {
    const claimed: Delivery[] = []
    const groupKey = messages.length === 1 ? null : `${name}/run-${runId}/batch-${batchIndex}`
    for (const message of messages) {
      const idempotencyKey = groupKey ?? messageKey(name, message.recipientId, message.period)
      const at = new Date()
      const won = tx.insert(jobDeliveries).values({
        job: name, recipientId: message.recipientId, period: message.period, runId, createdAt: at, updatedAt: at,
        sentAt: outbox ? at : null, idempotencyKey, mail: outbox ? null : { ...message.mail, chatText: message.chatText, alert: message.alert },
      }).onConflictDoNothing().run().changes === 1
      if (won) claimed.push({ recipientId: message.recipientId, period: message.period, mail: message.mail, chatText: message.chatText, alert: message.alert, idempotencyKey })
    }
    if (outbox) {
      insertOutboxMails(claimed.map(delivery => delivery.mail), tx)
      for (const delivery of claimed) alertFor(delivery, tx)
    }
    return claimed
  })

  try {
    if (!outbox) {
      // Claims left pending by runs that are over (crashed, stopped, failed) within Resend's 24-hour idempotency window.
      const pending = db.select().from(jobDeliveries).leftJoin(jobRuns, eq(jobRuns.id, jobDeliveries.runId)).where(and(
        eq(jobDeliveries.job, name), isNull(jobDeliveries.sentAt), gte(jobDeliveries.createdAt, new Date(Date.now() - DAY_MS)),
        or(isNull(jobRuns.id), ne(jobRuns.status, 'running'), eq(jobRuns.id, runId)),
      )).all()
      const groups = new Map<string, Delivery[]>()
      for (const { job_deliveries: row } of pending) {
        if (!row.mail || !row.idempotencyKey) continue
        const { chatText, alert, ...mail } = row.mail
        const group = groups.get(row.idempotencyKey) ?? []
        group.push({ recipientId: row.recipientId, period: row.period, mail, chatText, alert, idempotencyKey: row.idempotencyKey })
        groups.set(row.idempotencyKey, group)
      }
      for (const group of groups.values()) {
        db.update(jobDeliveries).set({ runId }).where(and(eq(jobDeliveries.job, name), eq(jobDeliveries.period, group[0]!.period), inArray(jobDeliveries.recipientId, group.map(delivery => delivery.recipientId)), isNull(jobDeliveries.sentAt))).run()
        await sendClaimed(group)
        await checkpoint()
      }
    }
    let batchIndex = 0
    for (const batch of chunks(JOB_DEFINITIONS[name].collect(db, now, { publicUrl, inactiveDays, timezone: scheduling.timezone }), batchSize)) {
      const claimed = claimBatch(batch, batchIndex++)
      if (outbox) sent += claimed.length
      else if (claimed.length) await sendClaimed(claimed)
      await checkpoint()
    }
    const error = failures.length ? `${failures.length} failure${failures.length === 1 ? '' : 's'}: ${failures.slice(0, 5).join('; ')}` : null
    finish(db, runId, owner, { status: failures.length ? 'failed' : 'done', sent, error })
  }
  catch (error) {
    if (error instanceof RunStopped) {
      if (control.stopping()) {
        // A shutdown: the next instance to start (or a running one) resumes it; claims keep it exactly once.
        db.update(jobRuns).set({ status: 'queued', sent, owner: null, leaseExpiresAt: null })
          .where(and(eq(jobRuns.id, runId), eq(jobRuns.status, 'running'), eq(jobRuns.owner, owner))).run()
        console.log(`[jobs] ${name} run ${runId}: stopped for shutdown after ${sent} sent, queued again`)
      }
      return
    }
    console.error(`[jobs] ${name} run ${runId} failed:`, error)
    finish(db, runId, owner, { status: 'failed', sent, error: reason(error) })
  }
}

function finish(db: AppDatabase, runId: number, owner: string, outcome: { status: 'done' | 'failed', sent: number, error: string | null }) {
  db.update(jobRuns).set({ ...outcome, finishedAt: new Date(), owner: null, leaseExpiresAt: null })
    .where(and(eq(jobRuns.id, runId), eq(jobRuns.status, 'running'), eq(jobRuns.owner, owner))).run()
}
