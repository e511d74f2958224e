// The domain's predicates as Drizzle conditions, for queries that must agree with them
// (tests/unit/policies.test.ts checks each pair on a real SQLite file). Pure: no useDb(), no HTTP,
// so jobs and tests import them too.
import { and, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { QueryBuilder, unionAll } from 'drizzle-orm/sqlite-core'
import { professionalProfiles, serviceRequests, users } from '../../db/schema'
import type { Role } from '../../shared/domain/enums'

/** A value, a placeholder of a prepared statement, or a column of the outer query. */
type Operand = number | SQLWrapper

/** An `Actor` whose id and service may also be placeholders (prepared statements) or columns. */
export type ActorOperands = { role: Role, id: Operand, serviceId?: Operand | null }

const never = sql`0`

/**
 * `isListedProfessional` over `users` joined with `professional_profiles`: an approved, active
 * professional.
 */
export function listedProfessionalCondition() {
  return and(eq(users.role, 'professional'), eq(users.status, 'active'), eq(professionalProfiles.approval, 'approved'))!
}

/** `isOpenFor`: requests of the service that still wait and name nobody. A null service sees none. */
export function openRequestCondition(serviceId: Operand | null): SQL {
  if (serviceId === null) return never
  return and(eq(serviceRequests.status, 'requested'), isNull(serviceRequests.professionalId), eq(serviceRequests.serviceId, serviceId))!
}

/**
 * `canSeeRequest` for a professional, as one OR: for joins where the professional is a column
 * (the daily reminders). For one known professional prefer `visibleRequestsCondition`.
 */
export function professionalSeesRequestCondition(professionalId: Operand, serviceId: Operand | null): SQL {
  return or(eq(serviceRequests.professionalId, professionalId), openRequestCondition(serviceId))!
}

const builder = new QueryBuilder()

/**
 * `canSeeRequest` over `service_requests` for one actor; undefined means every request (admin).
 * A professional's is two index lookups (theirs; the open ones of their service): the same rule
 * as an OR made SQLite scan every request.
 */
export function visibleRequestsCondition({ role, id, serviceId = null }: ActorOperands): SQL | undefined {
  if (role === 'admin') return undefined
  if (role === 'customer') return eq(serviceRequests.customerId, id)
  const theirs = builder.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.professionalId, id))
  if (serviceId === null) return inArray(serviceRequests.id, theirs)
  const open = builder.select({ id: serviceRequests.id }).from(serviceRequests).where(openRequestCondition(serviceId))
  return inArray(serviceRequests.id, unionAll(theirs, open))
}
