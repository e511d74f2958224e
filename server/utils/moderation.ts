import { and, eq, ne, sql } from 'drizzle-orm'
import { users, type User } from '~~/db/schema'

/**
 * Blocks a non-admin user; their token version moves on, so every token they hold stops working at once.
 * A blocked professional leaves listings and search, and their open and assigned requests return to the pool;
 * a blocked customer's open and assigned requests are cancelled.
 */
export async function blockUser(admin: User, userId: number, reason?: string) {
  if (admin.id === userId) throw createError({ statusCode: 409, message: 'You cannot block your own account' })
  const target = findUserById(userId)
  if (!target) throw createError({ statusCode: 404, message: 'No such user' })
  if (target.role === 'admin') throw createError({ statusCode: 409, message: 'The admin account cannot be blocked' })
  useDb().transaction((tx) => {
    const changed = tx.update(users)
      .set({ status: 'blocked', blockedReason: reason || null, tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(and(eq(users.id, userId), ne(users.status, 'blocked')))
      .run().changes
    if (!changed) return
    notify(userId, 'account.blocked', reason ? `Your account was blocked: ${reason}` : 'Your account was blocked', undefined, tx)
    if (target.role === 'professional') releaseProfessionalRequests(tx, userId, 'is no longer available')
    if (target.role === 'customer') cancelCustomerRequests(tx, userId)
  }, { behavior: 'immediate' })
  if (target.role === 'professional') await invalidateCatalogue()
  return serializeUserById(userId)!
}

export async function unblockUser(userId: number) {
  const target = findUserById(userId)
  if (!target) throw createError({ statusCode: 404, message: 'No such user' })
  useDb().transaction((tx) => {
    const changed = tx.update(users).set({ status: 'active', blockedReason: null }).where(and(eq(users.id, userId), eq(users.status, 'blocked'))).run().changes
    if (changed) notify(userId, 'account.unblocked', 'Your account is active again', undefined, tx)
  })
  if (target.role === 'professional') await invalidateCatalogue()
  return serializeUserById(userId)!
}
