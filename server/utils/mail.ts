import { Resend } from 'resend'
import { count, desc, eq } from 'drizzle-orm'
import type { AppDatabase } from '../../db/client'
import { outboxMails } from '../../db/schema'
import { useServerConfig } from './config'
import { useDb } from './db'

/** A text attachment (an .ics invitation); Resend gets it base64-encoded, the outbox keeps it as text. */
export type MailAttachment = { filename: string, contentType: string, content: string }
export type Mail = { to: string, subject: string, html: string, text?: string, attachments?: MailAttachment[] }
export type MailOptions = { idempotencyKey?: string }

/** Resend accepts at most 100 mails per batch call. */
export const BATCH_LIMIT = 100
const MAX_ATTEMPTS = 4

export class MailError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message)
  }
}

type Driver = { name: 'resend' | 'outbox', send: (mails: Mail[], options: MailOptions) => Promise<void> }

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Seconds to wait from a 429's retry-after header (seconds or an HTTP date), capped so a job never stalls. */
export function retryAfterMs(value: string | null | undefined, fallbackMs: number) {
  if (!value) return fallbackMs
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Math.min(Math.max(Number.isFinite(ms) ? ms : fallbackMs, 0), 60_000)
}

function resendDriver(apiKey: string, from: string): Driver {
  // The SDK reads RESEND_BASE_URL when constructed: tests point it at a local fake API.
  const resend = new Resend(apiKey)
  return {
    name: 'resend',
    async send(mails, options) {
      const payload = mails.map(mail => ({
        from, to: [mail.to], subject: mail.subject, html: mail.html, text: mail.text,
        ...(mail.attachments?.length ? { attachments: mail.attachments.map(file => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.content, 'utf8') })) } : {}),
      }))
      const requestOptions = options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : undefined
      const { error, headers } = payload.length === 1
        ? await resend.emails.send(payload[0]!, requestOptions)
        : await resend.batch.send(payload, requestOptions)
      if (!error) return
      const status = (error as { statusCode?: number | null }).statusCode ?? (error.name === 'rate_limit_exceeded' ? 429 : null)
      // Network failures (no status), rate limits and server errors are worth another try; a 4xx is not.
      const retryable = status === null || status === 429 || status >= 500
      const failure = new MailError(`Resend ${status ?? 'network'} ${error.name}: ${error.message}`, retryable)
      Object.assign(failure, { retryAfter: headers?.['retry-after'] ?? null, status })
      throw failure
    },
  }
}

/**
 * Keeps mails in the outbox table. Pass the transaction that records why they are sent (a job's
 * delivery claims), so that the claim and the mail are written together or not at all.
 */
export function insertOutboxMails(mails: Mail[], db: Pick<AppDatabase, 'insert'> = useDb()) {
  if (!mails.length) return
  db.insert(outboxMails).values(mails.map(mail => ({
    to: mail.to, subject: mail.subject, html: mail.html, text: mail.text ?? null,
    attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
  }))).run()
}

const outboxDriver: Driver = {
  name: 'outbox',
  async send(mails) {
    insertOutboxMails(mails)
  },
}

let driver: Driver | undefined

/** Resend when RESEND_API_KEY is set, otherwise the outbox table the admin reads at /admin/outbox. */
export function useMailDriver() {
  if (driver) return driver
  const { resendApiKey, mailFrom } = useServerConfig()
  driver = resendApiKey ? resendDriver(resendApiKey, mailFrom) : outboxDriver
  return driver
}

async function deliver(mails: Mail[], options: MailOptions) {
  const mailer = useMailDriver()
  for (let attempt = 1; ; attempt++) {
    try {
      return await mailer.send(mails, options)
    }
    catch (error) {
      const failure = error as MailError & { retryAfter?: string | null, status?: number | null }
      const retryable = failure instanceof MailError ? failure.retryable : true
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error
      const backoff = 250 * 2 ** (attempt - 1)
      await sleep(failure.status === 429 ? retryAfterMs(failure.retryAfter, backoff) : backoff)
    }
  }
}

/** Sends one mail; transient failures are retried with backoff, a 429 waits for retry-after. */
export function sendMail(mail: Mail, options: MailOptions = {}) {
  return deliver([mail], options)
}

/** Sends many mails in batches of at most 100 (one API call each); throws on the first batch that fails for good. */
export async function sendBatch(mails: Mail[], options: MailOptions = {}) {
  for (let start = 0; start < mails.length; start += BATCH_LIMIT) {
    const key = options.idempotencyKey && `${options.idempotencyKey}:${start / BATCH_LIMIT}`
    await deliver(mails.slice(start, start + BATCH_LIMIT), { idempotencyKey: key || undefined })
  }
}

export function listOutbox(page: number, pageSize: number, to?: string) {
  const db = useDb()
  const where = to ? eq(outboxMails.to, to.toLowerCase()) : undefined
  const items = db.select().from(outboxMails).where(where).orderBy(desc(outboxMails.id)).limit(pageSize).offset((page - 1) * pageSize).all()
  const total = db.select({ value: count() }).from(outboxMails).where(where).get()!.value
  return {
    items: items.map(mail => ({
      id: mail.id, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, createdAt: mail.createdAt.toISOString(),
      attachments: mail.attachments ? JSON.parse(mail.attachments) as MailAttachment[] : [],
    })),
    total, page, pageSize,
  }
}
