import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import { professionalProfiles, requestStatuses, reviews, serviceRequests, services, users, type RequestStatus } from '~~/db/schema'
import type { UserList } from '~~/shared/domain/moderation'

/** Users for the admin, newest first, with their professional profile when they have one. */
export function listUsers({ role, status, approval, q, page, pageSize }: UserList) {
  const filters: (SQL | undefined)[] = [
    role ? eq(users.role, role) : undefined,
    status ? eq(users.status, status) : undefined,
    approval ? eq(professionalProfiles.approval, approval) : undefined,
    q ? sql`(instr(lower(${users.name}), ${q.toLowerCase()}) > 0 OR instr(${users.email}, ${q.toLowerCase()}) > 0 OR ${users.phone} = ${q} OR ${users.pincode} = ${q})` : undefined,
  ]
  const where = and(...filters)
  const db = useDb()
  const rows = db.select().from(users).leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(pageSize).offset((page - 1) * pageSize).all()
  const total = db.select({ value: count() }).from(users).leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id)).where(where).get()!.value
  return { items: rows.map(row => serializeUser(row.users, row.professional_profiles)), total, page, pageSize }
}

/** The admin dashboard's numbers: a handful of grouped aggregate queries over indexed columns. */
export function adminStats() {
  const db = useDb()
  const countUsers = (where: SQL) => db.select({ value: count() }).from(users).where(where).get()!.value
  const people = {
    customers: countUsers(eq(users.role, 'customer')),
    professionals: countUsers(eq(users.role, 'professional')),
    pendingApprovals: db.select({ value: count() }).from(professionalProfiles).innerJoin(users, eq(users.id, professionalProfiles.userId))
      .where(and(eq(professionalProfiles.approval, 'pending'), eq(users.status, 'active'))).get()!.value,
    blocked: countUsers(eq(users.status, 'blocked')),
  }
  const byStatus = Object.fromEntries(requestStatuses.map(status => [status, 0])) as Record<RequestStatus, number>
  for (const row of db.select({ status: serviceRequests.status, n: count() }).from(serviceRequests).groupBy(serviceRequests.status).all()) {
    byStatus[row.status] = row.n
  }
  const requests = count().as('requests')
  const topServices = db.select({ serviceId: serviceRequests.serviceId, name: services.name, requests }).from(serviceRequests)
    .innerJoin(services, eq(services.id, serviceRequests.serviceId)).groupBy(serviceRequests.serviceId)
    .orderBy(desc(requests), asc(services.name)).limit(5).all()
  const ratings: Record<'1' | '2' | '3' | '4' | '5', number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  for (const row of db.select({ rating: reviews.rating, n: count() }).from(reviews).groupBy(reviews.rating).all()) {
    ratings[String(row.rating) as keyof typeof ratings] = row.n
  }
  return { users: people, requests: { byStatus }, topServices, ratings }
}
