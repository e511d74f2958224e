import type { AppDatabase } from '../../db/client'

/** What the runner needs from the server configuration; tests pass their own. */
export type JobSettings = { publicUrl: string, inactiveDays: number, timezone?: string }

/** One message a job wants to send: the runner claims (job, recipientId, period) before sending it. */
export type JobMessage = {
  recipientId: number
  period: string
  mail: { to: string, subject: string, html: string, text: string }
  /** Also posted to Google Chat when a webhook is configured. */
  chatText?: string
  /** Also recorded as an in-app alert once the mail went out. */
  alert?: { kind: 'visit.reminder', message: string, link: string }
}

export type JobDefinition = {
  /**
   * Selection and rendering at a given instant: no mail goes out here. An array, or a generator
   * that reads page by page: the runner takes messages in batches as they come, so a large
   * selection never sits in memory whole.
   */
  collect: (db: AppDatabase, now: Date, settings: JobSettings) => Iterable<JobMessage>
}

/** Splits `items` into arrays of at most `size`, lazily. */
export function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = []
  for (const item of items) {
    chunk.push(item)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}
