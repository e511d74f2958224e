import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { professionalProfiles, users, type ApprovalState, type User } from '~~/db/schema'
import { documentTypes, type DocumentMime, type ProfileEdit } from '~~/domain/professionals'
import { averageRating } from '~~/domain/ratings'

/** An approved, active professional as the public sees them; null for anyone else. */
export function findPublicProfessional(id: number) {
  const row = useDb().sqlite.prepare(`SELECT u.id, u.name, p.service_id AS serviceId, p.experience_years AS experienceYears, p.description, u.pincode,
      p.rating_sum AS ratingSum, p.review_count AS reviewCount
    FROM users u JOIN professional_profiles p ON p.user_id = u.id
    WHERE u.id = ? AND u.role = 'professional' AND u.status = 'active' AND p.approval = 'approved'`).get(id) as
    { id: number, name: string, serviceId: number, experienceYears: number, description: string, pincode: string, ratingSum: number, reviewCount: number } | undefined
  if (!row) return null
  const { ratingSum, ...professional } = row
  return { ...professional, rating: averageRating(ratingSum, row.reviewCount) }
}

export function listProfessionalReviews(professionalId: number, { page, pageSize }: { page: number, pageSize: number }) {
  const sqlite = useDb().sqlite
  const items = (sqlite.prepare(`SELECT rv.rating, rv.comment, c.name AS customerName, rv.created_at AS createdAt
    FROM reviews rv JOIN users c ON c.id = rv.customer_id WHERE rv.professional_id = ?
    ORDER BY rv.created_at DESC, rv.id DESC LIMIT ? OFFSET ?`).all(professionalId, pageSize, (page - 1) * pageSize) as
    { rating: number, comment: string, customerName: string, createdAt: number }[])
    .map(review => ({ ...review, createdAt: new Date(review.createdAt).toISOString() }))
  const total = sqlite.prepare('SELECT count(*) FROM reviews WHERE professional_id = ?').pluck().get(professionalId) as number
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
  const openServiceId = profile.approval === 'approved' ? profile.serviceId : -1
  const rows = useDb().sqlite.prepare(`SELECT status, count(*) AS n FROM service_requests
    WHERE professional_id = @id OR (status = 'requested' AND professional_id IS NULL AND service_id = @serviceId) GROUP BY status`)
    .all({ id: user.id, serviceId: openServiceId }) as { status: string, n: number }[]
  const counts = { requested: 0, assigned: 0, completed: 0, closed: 0, rejected: 0 }
  for (const row of rows) if (row.status in counts) counts[row.status as keyof typeof counts] = row.n
  return { counts, rating: averageRating(profile.ratingSum, profile.reviewCount), reviewCount: profile.reviewCount }
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
 * The admin's decision on a professional. Deciding the same way twice is a 409; a rejected
 * professional can be approved later, and withdrawing an approval returns their requests to the pool.
 */
export async function decideApproval(userId: number, approval: Exclude<ApprovalState, 'pending'>, reason?: string) {
  const target = findUserById(userId)
  if (!target) throw createError({ statusCode: 404, message: 'No such user' })
  if (target.role !== 'professional') throw createError({ statusCode: 409, message: 'Only professionals are approved or rejected' })
  const changed = useDb().transaction((tx) => {
    const moved = tx.update(professionalProfiles).set({ approval, approvalReason: reason || null, decidedAt: new Date() })
      .where(and(eq(professionalProfiles.userId, userId), inArray(professionalProfiles.approval, approval === 'approved' ? ['pending', 'rejected'] : ['pending', 'approved'])))
      .run().changes
    if (!moved) return false
    if (approval === 'rejected') releaseProfessionalRequests(tx, userId, 'is no longer approved')
    const verdict = approval === 'approved' ? 'Your registration was approved: you can now take requests' : 'Your registration was not approved'
    notify(userId, 'approval.decided', reason ? `${verdict}. ${reason}` : verdict, '/professional', tx)
    return true
  }, { behavior: 'immediate' })
  if (!changed) throw createError({ statusCode: 409, message: `This professional is already ${approval}` })
  await invalidateCatalogue()
  return serializeUserById(userId)!
}
