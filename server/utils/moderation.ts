import { and, eq, ne, sql } from 'drizzle-orm'
import { users, type User } from '~~/db/schema'
import { planBlock, planUnblock } from '~~/shared/domain/moderation'

/**
 * Blocks a non-admin user; their token version moves on, so every token they hold stops working at once.
 * What follows (requests released or cancelled, listings refreshed) is `planBlock`'s decision.
 */
export async function blockUser(admin: User, userId: number, reason?: string) {
  const plan = enforce(() => planBlock(admin, findUserById(userId)))
  useDb().transaction((tx) => {
    const changed = tx.update(users)
      .set({ status: 'blocked', blockedReason: reason || null, tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(and(eq(users.id, userId), ne(users.status, 'blocked')))
      .run().changes
    if (!changed) return
    notify(userId, 'account.blocked', reason ? `Your account was blocked: ${reason}` : 'Your account was blocked', undefined, tx)
    if (plan.releaseRequests) releaseProfessionalRequests(tx, userId, 'is no longer available')
    if (plan.cancelRequests) cancelCustomerRequests(tx, userId)
  }, { behavior: 'immediate' })
  if (plan.refreshListings) await invalidateCatalogue()
  return serializeUserById(userId)!
}

export async function unblockUser(userId: number) {
  const plan = enforce(() => planUnblock(findUserById(userId)))
  useDb().transaction((tx) => {
    const changed = tx.update(users).set({ status: 'active', blockedReason: null }).where(and(eq(users.id, userId), eq(users.status, 'blocked'))).run().changes
    if (changed) notify(userId, 'account.unblocked', 'Your account is active again', undefined, tx)
  })
  if (plan.refreshListings) await invalidateCatalogue()
  return serializeUserById(userId)!
}
