import type { Statement } from 'better-sqlite3'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { professionalProfiles, reviews, serviceRequests, services, users, type RequestStatus, type User } from '~~/db/schema'
import { paiseToRupees } from '~~/domain/money'
import {
  RequestRuleError, canSeeCustomerContact, canSeeRequest, planTransition,
  type Actor, type RequestAction, type RequestCreate, type RequestList,
} from '~~/domain/requests'
import { toFullTextQuery } from '~~/domain/search'

type Transaction = Parameters<Parameters<ReturnType<typeof useDb>['transaction']>[0]>[0]

type RequestRow = {
  id: number
  status: RequestStatus
  serviceId: number
  serviceName: string
  pricePaise: number
  customerId: number
  customerName: string
  customerPhone: string
  customerAddress: string
  customerPincode: string
  professionalId: number | null
  professionalName: string | null
  professionalPhone: string | null
  scheduledFor: number
  address: string
  pincode: string
  remarks: string
  createdAt: number
  acceptedAt: number | null
  completedAt: number | null
  closedAt: number | null
  rating: number | null
  comment: string | null
}

const SELECT_REQUESTS = `SELECT r.id, r.status, r.service_id AS serviceId, s.name AS serviceName, r.price_paise AS pricePaise,
  r.customer_id AS customerId, c.name AS customerName, c.phone AS customerPhone, c.address AS customerAddress, c.pincode AS customerPincode,
  r.professional_id AS professionalId, p.name AS professionalName, p.phone AS professionalPhone,
  r.scheduled_for AS scheduledFor, r.address, r.pincode, r.remarks,
  r.created_at AS createdAt, r.accepted_at AS acceptedAt, r.completed_at AS completedAt, r.closed_at AS closedAt,
  rv.rating, rv.comment
  FROM service_requests r JOIN services s ON s.id = r.service_id JOIN users c ON c.id = r.customer_id
  LEFT JOIN users p ON p.id = r.professional_id LEFT JOIN reviews rv ON rv.request_id = r.id`

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString())

/** The contract's `request` as `actor` may see it: contact details only for those entitled to them. */
function serializeRequest(row: RequestRow, actor: Actor) {
  const contact = canSeeCustomerContact(row, actor)
  const professionalContact = actor.role === 'admin' || actor.id === row.professionalId || (actor.id === row.customerId && row.acceptedAt !== null)
  return {
    id: row.id,
    status: row.status,
    serviceId: row.serviceId,
    // The price agreed at booking, not today's list price.
    service: { id: row.serviceId, name: row.serviceName, basePrice: paiseToRupees(row.pricePaise) },
    customerId: row.customerId,
    customer: { id: row.customerId, name: row.customerName, ...(contact ? { phone: row.customerPhone, address: row.customerAddress } : {}), pincode: row.customerPincode },
    professionalId: row.professionalId,
    professional: row.professionalId === null
      ? null
      : { id: row.professionalId, name: row.professionalName!, ...(professionalContact ? { phone: row.professionalPhone! } : {}) },
    scheduledFor: iso(row.scheduledFor),
    address: contact ? row.address : null,
    pincode: row.pincode,
    remarks: row.remarks,
    createdAt: iso(row.createdAt),
    acceptedAt: iso(row.acceptedAt),
    completedAt: iso(row.completedAt),
    closedAt: iso(row.closedAt),
    review: row.rating === null ? null : { rating: row.rating, comment: row.comment ?? '' },
  }
}

export type SerializedRequest = ReturnType<typeof serializeRequest>

/** Who the user is for request rules; a professional's service counts only once they are approved. */
export function requestActor(user: User): Actor {
  if (user.role !== 'professional') return { id: user.id, role: user.role }
  const profile = findProfessionalProfile(user.id)
  return { id: user.id, role: user.role, serviceId: profile?.approval === 'approved' ? profile.serviceId : null }
}

function findRequestRow(id: number) {
  return (useDb().sqlite.prepare(`${SELECT_REQUESTS} WHERE r.id = ?`).get(id) as RequestRow | undefined) ?? null
}

/** One request as the actor may see it; 404 when it is not theirs to see. */
export function getRequest(id: number, actor: Actor) {
  const row = findRequestRow(id)
  if (!row || !canSeeRequest(row, actor)) throw createError({ statusCode: 404, message: 'No such request' })
  return serializeRequest(row, actor)
}

export function listRequests(actor: Actor, { status, q, page, pageSize }: RequestList) {
  const where: string[] = []
  const params: Record<string, unknown> = { actorId: actor.id, serviceId: actor.serviceId ?? null, status, limit: pageSize, offset: (page - 1) * pageSize }
  if (actor.role === 'customer') where.push('r.customer_id = @actorId')
  // Two index lookups (theirs; the open ones of their service) instead of an OR that scans every request.
  if (actor.role === 'professional') {
    where.push(`r.id IN (SELECT id FROM service_requests WHERE professional_id = @actorId
      UNION ALL SELECT id FROM service_requests WHERE service_id = @serviceId AND status = 'requested' AND professional_id IS NULL)`)
  }
  if (status) where.push('r.status = @status')
  if (q) {
    // Service words through the full-text index; people's names and remarks as plain substrings.
    params.needle = q.toLowerCase()
    params.match = toFullTextQuery(q)
    const serviceWords = params.match ? 'r.service_id IN (SELECT rowid FROM services_fts WHERE services_fts MATCH @match) OR ' : ''
    where.push(`(${serviceWords}instr(lower(c.name), @needle) > 0
      OR instr(lower(coalesce(p.name, '')), @needle) > 0 OR instr(lower(r.remarks), @needle) > 0 OR CAST(r.id AS TEXT) = @needle)`)
  }
  const { list, count } = listStatements(where)
  const rows = list.all(params) as RequestRow[]
  const total = count.get(params) as number
  return { items: rows.map(row => serializeRequest(row, actor)), total, page, pageSize }
}

const listStatementCache = new Map<string, { list: Statement, count: Statement }>()

/** Prepared once per shape of filter: preparing this join on every call cost more than running it. */
function listStatements(where: string[]) {
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
  let pair = listStatementCache.get(filter)
  if (!pair) {
    const sqlite = useDb().sqlite
    pair = {
      list: sqlite.prepare(`${SELECT_REQUESTS} ${filter} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`),
      count: sqlite.prepare(`SELECT count(*) FROM service_requests r JOIN users c ON c.id = r.customer_id LEFT JOIN users p ON p.id = r.professional_id ${filter}`).pluck(),
    }
    listStatementCache.set(filter, pair)
  }
  return pair
}

const customerLink = (id: number) => `/customer/requests/${id}`
const professionalLink = (id: number) => `/professional/requests/${id}`

/** Approved, active professionals of a service, optionally only the one named. */
function bookableProfessionals(serviceId: number, professionalId?: number | null) {
  return useDb().select({ id: users.id }).from(users)
    .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(and(
      eq(professionalProfiles.serviceId, serviceId), eq(professionalProfiles.approval, 'approved'), eq(users.status, 'active'),
      professionalId ? eq(users.id, professionalId) : undefined,
    )).all()
}

export function createRequest(customer: User, input: RequestCreate) {
  const db = useDb()
  const service = db.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.active, true))).get()
  if (!service) invalidInput([{ path: 'serviceId', message: 'No such service is offered' }])
  const professionalId = input.professionalId ?? null
  if (professionalId && !bookableProfessionals(service.id, professionalId).length) {
    invalidInput([{ path: 'professionalId', message: 'This professional is not available for this service' }])
  }
  const id = db.transaction((tx) => {
    const created = tx.insert(serviceRequests).values({
      serviceId: service.id, customerId: customer.id, professionalId, scheduledFor: input.scheduledFor,
      address: input.address ?? customer.address, pincode: input.pincode ?? customer.pincode,
      remarks: input.remarks, pricePaise: service.basePricePaise,
    }).returning({ id: serviceRequests.id }).get()
    const recipients = professionalId ? [{ id: professionalId }] : bookableProfessionals(service.id)
    const message = professionalId ? `New request for ${service.name} from ${customer.name}` : `New open request for ${service.name} near ${input.pincode ?? customer.pincode}`
    for (const recipient of recipients) notify(recipient.id, 'request.received', message, professionalLink(created.id), tx)
    return created.id
  })
  return getRequest(id, { id: customer.id, role: 'customer' })
}

/** The domain's verdict as an HTTP error (404 / 403 / 409), or the status the move leads to. */
function checkMove(action: RequestAction, row: RequestRow, actor: Actor) {
  try {
    return planTransition(action, row, actor)
  }
  catch (error) {
    if (error instanceof RequestRuleError) throw createError({ statusCode: error.statusCode, message: error.message })
    throw error
  }
}

type Changes = Partial<typeof serviceRequests.$inferInsert>

/**
 * Applies one move of the status table. The UPDATE is conditional on the status (and assignee)
 * read in the same immediate transaction, so two racing moves cannot both succeed even across
 * server processes; the loser gets the precise reason from the fresh row.
 */
function moveRequest(id: number, action: RequestAction, actor: Actor, changes: Changes, after?: (tx: Transaction, row: RequestRow) => void) {
  const db = useDb()
  db.transaction((tx) => {
    const row = findRequestRow(id)
    if (!row) throw createError({ statusCode: 404, message: 'No such request' })
    const to = checkMove(action, row, actor)
    const changed = tx.update(serviceRequests).set({ ...changes, status: to })
      .where(and(
        eq(serviceRequests.id, id), eq(serviceRequests.status, row.status),
        row.professionalId === null ? sql`${serviceRequests.professionalId} IS NULL` : eq(serviceRequests.professionalId, row.professionalId),
      )).run().changes
    if (!changed) throw createError({ statusCode: 409, message: 'This request changed meanwhile: reload it and try again' })
    after?.(tx, row)
  }, { behavior: 'immediate' })
  return getRequest(id, actor)
}

export function editRequest(id: number, actor: Actor, changes: { scheduledFor?: Date, remarks?: string }) {
  return moveRequest(id, 'edit', actor, changes)
}

export function cancelRequest(id: number, actor: Actor) {
  return moveRequest(id, 'cancel', actor, { cancelledAt: new Date() }, (tx, row) => {
    if (row.professionalId) notify(row.professionalId, 'request.cancelled', `${row.customerName} cancelled the request for ${row.serviceName}`, professionalLink(id), tx)
  })
}

/**
 * Race-safe accept: one conditional UPDATE that only an open (or this professional's) request
 * still `requested` satisfies; `changes` tells who won.
 */
export function acceptRequest(id: number, actor: Actor) {
  const row = findRequestRow(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such request' })
  checkMove('accept', row, actor)
  const won = useDb().transaction((tx) => {
    const now = Date.now()
    const changed = tx.run(sql`UPDATE service_requests SET status = 'assigned', professional_id = ${actor.id}, accepted_at = ${now}, updated_at = ${now}
      WHERE id = ${id} AND status = 'requested' AND service_id = ${actor.serviceId ?? null} AND (professional_id IS NULL OR professional_id = ${actor.id})`).changes
    if (changed) notify(row.customerId, 'request.accepted', `Your request for ${row.serviceName} was accepted`, customerLink(id), tx)
    return changed === 1
  })
  if (!won) throw createError({ statusCode: 409, message: 'Another professional has already accepted this request, or it was withdrawn' })
  return getRequest(id, actor)
}

export function rejectRequest(id: number, actor: Actor) {
  return moveRequest(id, 'reject', actor, { rejectedAt: new Date() }, (tx, row) => {
    notify(row.customerId, 'request.rejected', `${row.professionalName} cannot take your request for ${row.serviceName}`, customerLink(id), tx)
  })
}

export function completeRequest(id: number, actor: Actor) {
  return moveRequest(id, 'complete', actor, { completedAt: new Date() }, (tx, row) => {
    notify(row.customerId, 'request.completed', `${row.professionalName} marked your ${row.serviceName} request as completed`, customerLink(id), tx)
  })
}

/** Closing records the review and moves it onto the professional's aggregate in the same transaction. */
export function closeRequest(id: number, actor: Actor, review: { rating: number, comment: string }) {
  return moveRequest(id, 'close', actor, { closedAt: new Date() }, (tx, row) => {
    const professionalId = row.professionalId!
    tx.insert(reviews).values({ requestId: id, customerId: row.customerId, professionalId, rating: review.rating, comment: review.comment }).run()
    tx.update(professionalProfiles).set({
      ratingSum: sql`${professionalProfiles.ratingSum} + ${review.rating}`,
      reviewCount: sql`${professionalProfiles.reviewCount} + 1`,
    }).where(eq(professionalProfiles.userId, professionalId)).run()
    notify(professionalId, 'request.closed', `${row.customerName} closed the ${row.serviceName} request and rated you ${review.rating}/5`, professionalLink(id), tx)
  })
}

/**
 * When a professional leaves the pool (blocked, or approval withdrawn), their requests go back to it:
 * `requested` ones naming them and `assigned` ones become open `requested` requests again, and
 * each customer is told.
 */
export function releaseProfessionalRequests(tx: Transaction, professionalId: number, why: string) {
  const affected = tx.select({ id: serviceRequests.id, customerId: serviceRequests.customerId, status: serviceRequests.status })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.professionalId, professionalId), inArray(serviceRequests.status, ['requested', 'assigned']))).all()
  if (!affected.length) return 0
  tx.update(serviceRequests).set({ status: 'requested', professionalId: null, acceptedAt: null })
    .where(inArray(serviceRequests.id, affected.map(request => request.id))).run()
  for (const request of affected) {
    notify(request.customerId, 'request.returned', `The professional for your request #${request.id} ${why}: it is open to other professionals of the service again`, customerLink(request.id), tx)
  }
  return affected.length
}

/**
 * A blocked customer can no longer be visited or answer: their `requested` and `assigned`
 * requests are cancelled, and the professional of each (if any) is told.
 */
export function cancelCustomerRequests(tx: Transaction, customerId: number) {
  const affected = tx.select({ id: serviceRequests.id, professionalId: serviceRequests.professionalId })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.customerId, customerId), inArray(serviceRequests.status, ['requested', 'assigned']))).all()
  if (!affected.length) return 0
  tx.update(serviceRequests).set({ status: 'cancelled', cancelledAt: new Date() })
    .where(inArray(serviceRequests.id, affected.map(request => request.id))).run()
  for (const request of affected) {
    if (request.professionalId) notify(request.professionalId, 'request.cancelled', `Request #${request.id} was cancelled: the customer's account is no longer active`, professionalLink(request.id), tx)
  }
  return affected.length
}
