import { and, eq, ne, sql } from 'drizzle-orm'
import { users, type User } from '~~/db/schema'

/** Blocks a non-admin user; their token version moves on, so every token they hold stops working at once. */
export function blockUser(admin: User, userId: number, reason?: string) {
  if (admin.id === userId) throw createError({ statusCode: 409, message: 'You cannot block your own account' })
  const target = findUserById(userId)
  if (!target) throw createError({ statusCode: 404, message: 'No such user' })
  if (target.role === 'admin') throw createError({ statusCode: 409, message: 'The admin account cannot be blocked' })
  useDb().update(users)
    .set({ status: 'blocked', blockedReason: reason || null, tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(and(eq(users.id, userId), ne(users.status, 'blocked')))
    .run()
  return serializeUserById(userId)!
}

export function unblockUser(userId: number) {
  const target = findUserById(userId)
  if (!target) throw createError({ statusCode: 404, message: 'No such user' })
  useDb().update(users).set({ status: 'active', blockedReason: null }).where(eq(users.id, userId)).run()
  return serializeUserById(userId)!
}
