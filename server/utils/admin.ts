import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import { professionalProfiles, requestStatuses, users } from '~~/db/schema'
import type { UserList } from '~~/domain/moderation'

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
  const sqlite = useDb().sqlite
  const people = sqlite.prepare(`SELECT
      (SELECT count(*) FROM users WHERE role = 'customer') AS customers,
      (SELECT count(*) FROM users WHERE role = 'professional') AS professionals,
      (SELECT count(*) FROM professional_profiles p JOIN users u ON u.id = p.user_id WHERE p.approval = 'pending' AND u.status = 'active') AS pendingApprovals,
      (SELECT count(*) FROM users WHERE status = 'blocked') AS blocked`).get() as Record<'customers' | 'professionals' | 'pendingApprovals' | 'blocked', number>
  const byStatus = Object.fromEntries(requestStatuses.map(status => [status, 0])) as Record<typeof requestStatuses[number], number>
  for (const row of sqlite.prepare('SELECT status, count(*) AS n FROM service_requests GROUP BY status').all() as { status: keyof typeof byStatus, n: number }[]) {
    byStatus[row.status] = row.n
  }
  const topServices = sqlite.prepare(`SELECT r.service_id AS serviceId, s.name, count(*) AS requests
    FROM service_requests r JOIN services s ON s.id = r.service_id GROUP BY r.service_id ORDER BY requests DESC, s.name LIMIT 5`).all() as
    { serviceId: number, name: string, requests: number }[]
  const ratings: Record<'1' | '2' | '3' | '4' | '5', number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  for (const row of sqlite.prepare('SELECT rating, count(*) AS n FROM reviews GROUP BY rating').all() as { rating: 1 | 2 | 3 | 4 | 5, n: number }[]) {
    ratings[String(row.rating) as keyof typeof ratings] = row.n
  }
  return { users: people, requests: { byStatus }, topServices, ratings }
}
