import { and, count, desc, eq, isNull } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import { useDb } from './db'

export type NotificationKind
  = | 'request.received' | 'request.accepted' | 'request.rejected' | 'request.completed' | 'request.cancelled'
    | 'request.closed' | 'request.returned' | 'request.rescheduled' | 'request.released' | 'visit.reminder' | 'approval.decided' | 'account.blocked' | 'account.unblocked' | 'export.ready'

type Database = Pick<ReturnType<typeof useDb>, 'insert'>

/** Records an in-app alert. Pass the transaction when the alert belongs to a change, so both land or neither. */
export function notify(userId: number, kind: NotificationKind, message: string, link?: string, db: Database = useDb()) {
  db.insert(notifications).values({ userId, kind, message, link: link ?? null }).run()
}

export function listNotifications(userId: number, limit = 30) {
  const db = useDb()
  const items = db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).all()
  const unread = db.select({ value: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()!.value
  return {
    items: items.map(item => ({
      id: item.id, kind: item.kind, message: item.message, link: item.link,
      readAt: item.readAt?.toISOString() ?? null, createdAt: item.createdAt.toISOString(),
    })),
    unread,
  }
}

/** Marks one of the caller's alerts read; another user's alert is a 404. */
export function markNotificationRead(userId: number, id: number) {
  const db = useDb()
  const found = db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).get()
  if (!found) throw createError({ statusCode: 404, message: 'No such notification' })
  if (!found.readAt) db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id)).run()
}
