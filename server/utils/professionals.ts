import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { professionalProfiles, reviews, users, type User } from '~~/db/schema'
import type { ApprovalDecision } from '~~/shared/domain/moderation'
import { planApproval } from '~~/shared/domain/moderation'
import { documentTypes, type DocumentMime, type ProfileEdit } from '~~/shared/domain/professionals'
import { averageRating } from '~~/shared/domain/ratings'

const publicProfessionalById = preparedOnce(() => useDb().select({
  id: users.id, name: users.name, serviceId: professionalProfiles.serviceId, experienceYears: professionalProfiles.experienceYears,
  description: professionalProfiles.description, pincode: users.pincode, ratingSum: professionalProfiles.ratingSum, reviewCount: professionalProfiles.reviewCount,
}).from(users).innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
  .where(and(eq(users.id, sql.placeholder('id')), listedProfessionalCondition())).prepare())

/** A listed professional as the public sees them; null for anyone else. */
export function findPublicProfessional(id: number) {
  const row = publicProfessionalById().get({ id })
  if (!row) return null
  const { ratingSum, ...professional } = row
  return { ...professional, rating: averageRating(ratingSum, row.reviewCount) }
}

export function listProfessionalReviews(professionalId: number, { page, pageSize }: { page: number, pageSize: number }) {
  const db = useDb()
  const paging = { limit: pageSize, offset: (page - 1) * pageSize }
  const rows = db.select({ rating: reviews.rating, comment: reviews.comment, customerName: users.name, createdAt: reviews.createdAt })
    .from(reviews).innerJoin(users, eq(users.id, reviews.customerId)).where(eq(reviews.professionalId, professionalId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id)).limit(paging.limit).offset(paging.offset).all()
  const items = rows.map(review => ({ ...review, createdAt: review.createdAt.toISOString() }))
  const total = pageTotal(rows.length, paging, () => db.select({ value: count() }).from(reviews).where(eq(reviews.professionalId, professionalId)).get()!.value)
  return { items, total, page, pageSize }
}

const documentsDir = () => join(useServerConfig().dataDir, 'documents')

/** Where a stored document lives; the name is ours (never the client's), and basename() keeps it inside the folder. */
export function documentFile(storedName: string) {
  return join(documentsDir(), basename(storedName))
}

/**
 * Keeps the new verification document under a random name, replacing the previous one. A
 * rejected professional who uploads again goes back to the approvals queue.
 */
export function saveProfessionalDocument(user: User, data: Uint8Array, mime: DocumentMime, clientName: string | undefined) {
  const storedName = `${randomUUID()}.${documentTypes[mime]}`
  mkdirSync(documentsDir(), { recursive: true })
  writeFileSync(documentFile(storedName), data, { mode: 0o600 })
  const previous = findProfessionalProfile(user.id)?.documentPath
  useDb().update(professionalProfiles).set({
    documentPath: storedName, documentMime: mime, documentUploadedAt: new Date(),
    // Kept only as a label for the admin; sanitised and never used in a path.
    documentName: (clientName ?? '').replace(/[^\w. -]/g, '_').slice(0, 100) || `document.${documentTypes[mime]}`,
    approval: sql`CASE WHEN ${professionalProfiles.approval} = 'rejected' THEN 'pending' ELSE ${professionalProfiles.approval} END`,
  }).where(eq(professionalProfiles.userId, user.id)).run()
  if (previous && previous !== storedName) rmSync(documentFile(previous), { force: true })
  return serializeUserById(user.id)!
}

export function professionalDashboard(user: User) {
  const profile = findProfessionalProfile(user.id)!
  const { requested, assigned, completed, closed, rejected } = countRequestsByStatus(requestActor(user, profile))
  return { counts: { requested, assigned, completed, closed, rejected }, releases: countReleases(user.id), rating: averageRating(profile.ratingSum, profile.reviewCount), reviewCount: profile.reviewCount }
}

/** The signed-in user's own details; professionals also their experience and description. */
export async function updateOwnProfile(user: User, edit: ProfileEdit) {
  const { experienceYears, description, ...contact } = edit
  if (user.role !== 'professional' && (experienceYears !== undefined || description !== undefined)) {
    invalidInput([{ path: experienceYears !== undefined ? 'experienceYears' : 'description', message: 'Only professionals have this field' }])
  }
  useDb().transaction((tx) => {
    if (Object.keys(contact).length) tx.update(users).set(contact).where(eq(users.id, user.id)).run()
    const profile = { experienceYears, description }
    if (user.role === 'professional' && Object.values(profile).some(value => value !== undefined)) {
      tx.update(professionalProfiles).set(profile).where(eq(professionalProfiles.userId, user.id)).run()
    }
  })
  // A professional's name, pincode and experience show in listings and the pincode filter.
  if (user.role === 'professional') await invalidateCatalogue()
  return serializeUserById(user.id)!
}

/**
 * The admin's decision on a professional (`planApproval`). The update is conditional on the state the
 * plan allows, so a concurrent decision cannot be applied twice.
 */
export async function decideApproval(userId: number, decision: ApprovalDecision, reason?: string) {
  const target = findUserById(userId)
  const plan = enforce(() => planApproval(target, target ? findProfessionalProfile(userId)?.approval ?? null : null, decision, reason))
  const changed = useDb().transaction((tx) => {
    const moved = tx.update(professionalProfiles).set({ approval: decision, approvalReason: reason || null, decidedAt: new Date() })
      .where(and(eq(professionalProfiles.userId, userId), inArray(professionalProfiles.approval, plan.from)))
      .run().changes
    if (!moved) return false
    if (plan.releaseRequests) releaseProfessionalRequests(tx, userId, 'is no longer approved')
    notify(userId, 'approval.decided', plan.notice, '/professional', tx)
    return true
  }, { behavior: 'immediate' })
  if (!changed) throw createError({ statusCode: 409, message: `This professional is already ${decision}` })
  await invalidateCatalogue()
  return serializeUserById(userId)!
}
