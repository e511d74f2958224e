import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { professionalProfiles, reviews, serviceRequests, services, users, type ProfessionalProfile, type User } from '~~/db/schema'
import { paiseToRupees } from '~~/shared/domain/money'
import { openRequestsServiceOf } from '~~/shared/domain/professionals'
import {
  canSeeCustomerContact, canSeeRequest, planTransition,
  type Actor, type RequestAction, type RequestCreate, type RequestList,
} from '~~/shared/domain/requests'
import { requestStatuses, type RequestStatus } from '~~/shared/domain/enums'
import { toFullTextQuery } from '~~/shared/domain/search'

const customer = alias(users, 'customer')
const professional = alias(users, 'professional')

/** A request with what every view of it needs: its service, its people and its review. */
function selectRequests() {
  return useDb().select({
    id: serviceRequests.id, status: serviceRequests.status, serviceId: serviceRequests.serviceId,
    serviceName: services.name, pricePaise: serviceRequests.pricePaise,
    customerId: serviceRequests.customerId, customerName: customer.name, customerPhone: customer.phone,
    customerAddress: customer.address, customerPincode: customer.pincode,
    professionalId: serviceRequests.professionalId, professionalName: professional.name, professionalPhone: professional.phone,
    scheduledFor: serviceRequests.scheduledFor, endsAt: serviceRequests.endsAt, rescheduleCount: serviceRequests.rescheduleCount,
    cancelledBy: serviceRequests.cancelledBy, cancelledLate: serviceRequests.cancelledLate, cancellationFeePaise: serviceRequests.cancellationFeePaise,
    address: serviceRequests.address, pincode: serviceRequests.pincode,
    remarks: serviceRequests.remarks, createdAt: serviceRequests.createdAt, acceptedAt: serviceRequests.acceptedAt,
    rejectedAt: serviceRequests.rejectedAt, completedAt: serviceRequests.completedAt, closedAt: serviceRequests.closedAt,
    cancelledAt: serviceRequests.cancelledAt, rating: reviews.rating, comment: reviews.comment,
  }).from(serviceRequests)
    .innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .innerJoin(customer, eq(customer.id, serviceRequests.customerId))
    .leftJoin(professional, eq(professional.id, serviceRequests.professionalId))
    .leftJoin(reviews, eq(reviews.requestId, serviceRequests.id))
}

const requestById = preparedOnce(() => selectRequests().where(eq(serviceRequests.id, sql.placeholder('id'))).prepare())

type RequestRow = NonNullable<ReturnType<ReturnType<typeof requestById>['get']>>

const iso = (time: Date | null) => time?.toISOString() ?? null

/** The contract's `request` as `actor` may see it: contact details only for those entitled to them. */
export function serializeRequest(row: RequestRow, actor: Actor) {
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
    scheduledFor: row.scheduledFor.toISOString(),
    ...scheduleFields(row),
    address: contact ? row.address : null,
    pincode: row.pincode,
    remarks: row.remarks,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: iso(row.acceptedAt),
    rejectedAt: iso(row.rejectedAt),
    completedAt: iso(row.completedAt),
    closedAt: iso(row.closedAt),
    cancelledAt: iso(row.cancelledAt),
    review: row.rating === null ? null : { rating: row.rating, comment: row.comment ?? '' },
  }
}

/**
 * Who the user is for request rules; a professional's service counts only once they are listed.
 * Pass the profile when the caller has already read it.
 */
export function requestActor(user: User, profile: ProfessionalProfile | null = user.role === 'professional' ? findProfessionalProfile(user.id) : null): Actor {
  if (user.role !== 'professional') return { id: user.id, role: user.role }
  return { id: user.id, role: user.role, serviceId: openRequestsServiceOf({ user, profile }) }
}

function findRequestRow(id: number) {
  return requestById().get({ id }) ?? null
}

/** One request as the actor may see it; 404 when it is not theirs to see. */
export function getRequest(id: number, actor: Actor) {
  const row = findRequestRow(id)
  if (!row || !canSeeRequest(row, actor)) throw createError({ statusCode: 404, message: 'No such request' })
  return serializeRequest(row, actor)
}

export function listRequests(actor: Actor, { status, q, from, to, page, pageSize }: RequestList) {
  const match = q ? toFullTextQuery(q) : null
  const serviceId = actor.serviceId ?? null
  const { list, total } = listStatements(actor.role, serviceId !== null, Boolean(status), q ? (match ? 'words' : 'text') : 'none', Boolean(from), Boolean(to))
  const params = {
    actorId: actor.id, serviceId, status, needle: q?.toLowerCase(), match, from: from?.getTime(), to: to?.getTime(), limit: pageSize, offset: (page - 1) * pageSize,
  }
  const rows = list.all(params)
  return { items: rows.map(row => serializeRequest(row, actor)), total: pageTotal(rows.length, params, () => total.get(params)!.value), page, pageSize }
}

/** How many of the requests `actor` may see are in each status (every status, 0 when none): one grouped count. */
export function countRequestsByStatus(actor: Actor) {
  const rows = useDb().select({ status: serviceRequests.status, n: count() }).from(serviceRequests)
    .where(visibleRequestsCondition(actor)).groupBy(serviceRequests.status).all()
  const counts = Object.fromEntries(requestStatuses.map(status => [status, 0])) as Record<RequestStatus, number>
  for (const row of rows) counts[row.status] = row.n
  return counts
}

/** The total of a paged list: a short page that is not past the end tells it without counting. */
export function pageTotal(rowCount: number, { limit, offset }: { limit: number, offset: number }, countAll: () => number) {
  return rowCount < limit && (rowCount > 0 || offset === 0) ? offset + rowCount : countAll()
}

const placeholder = sql.placeholder

/** Service words through the full-text index; people's names and remarks as plain substrings; or the request's number. */
function requestTextCondition(words: boolean) {
  const needle = placeholder('needle')
  return or(
    words ? inArray(serviceRequests.serviceId, matchingServiceIds(placeholder('match'))) : undefined,
    sql`instr(lower(${customer.name}), ${needle}) > 0`,
    sql`instr(lower(coalesce(${professional.name}, '')), ${needle}) > 0`,
    sql`instr(lower(${serviceRequests.remarks}), ${needle}) > 0`,
    sql`CAST(${serviceRequests.id} AS TEXT) = ${needle}`,
  )
}

function prepareListStatements(role: Actor['role'], hasService: boolean, hasStatus: boolean, text: 'none' | 'words' | 'text', hasFrom: boolean, hasTo: boolean) {
  const where = and(
    visibleRequestsCondition({ role, id: placeholder('actorId'), serviceId: hasService ? placeholder('serviceId') : null }),
    hasStatus ? eq(serviceRequests.status, placeholder('status')) : undefined,
    // Windows overlapping [from, to), compared as the stored epoch milliseconds.
    hasFrom ? sql`${serviceRequests.endsAt} > ${placeholder('from')}` : undefined,
    hasTo ? sql`${serviceRequests.scheduledFor} < ${placeholder('to')}` : undefined,
    text === 'none' ? undefined : requestTextCondition(text === 'words'),
  )
  return {
    list: selectRequests().where(where).orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
      .limit(placeholder('limit')).offset(placeholder('offset')).prepare(),
    // People's names are needed only to count a text search.
    total: text === 'none'
      ? useDb().select({ value: count() }).from(serviceRequests).where(where).prepare()
      : useDb().select({ value: count() }).from(serviceRequests)
          .innerJoin(customer, eq(customer.id, serviceRequests.customerId))
          .leftJoin(professional, eq(professional.id, serviceRequests.professionalId))
          .where(where).prepare(),
  }
}

/** Prepared once per shape of filter: preparing this join on every call cost more than running it. */
const listStatements = preparedPerShape(prepareListStatements)

const customerLink = (id: number) => `/customer/requests/${id}`
const professionalLink = (id: number) => `/professional/requests/${id}`

/** Listed professionals of a service, optionally only the one named. */
function bookableProfessionals(serviceId: number, professionalId?: number | null) {
  return useDb().select({ id: users.id }).from(users)
    .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(and(
      eq(professionalProfiles.serviceId, serviceId), listedProfessionalCondition(),
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
  const { window, endsAt } = bookingWindow(input.scheduledFor, service.timeRequiredMinutes, professionalId)
  const insert = (tx: Transaction) => {
    const created = tx.insert(serviceRequests).values({
      serviceId: service.id, customerId: customer.id, professionalId, scheduledFor: input.scheduledFor, endsAt,
      address: input.address ?? customer.address, pincode: input.pincode ?? customer.pincode,
      remarks: input.remarks, pricePaise: service.basePricePaise,
    }).returning({ id: serviceRequests.id }).get()
    const recipients = professionalId ? [{ id: professionalId }] : bookableProfessionals(service.id)
    const message = professionalId ? `New request for ${service.name} from ${customer.name}` : `New open request for ${service.name} near ${input.pincode ?? customer.pincode}`
    for (const recipient of recipients) notify(recipient.id, 'request.received', message, professionalLink(created.id), tx)
    return created.id
  }
  // Naming a professional holds them: checked and written in one immediate transaction.
  const id = professionalId
    ? holdingProfessional(professionalId, window, { viewer: 'customer' }, insert)
    : db.transaction(insert, { behavior: 'immediate' })
  return getRequest(id, { id: customer.id, role: 'customer' })
}

/** The domain's verdict as an HTTP error (404 / 403 / 409), or the status the move leads to. */
function checkMove(action: RequestAction, row: RequestRow, actor: Actor) {
  return enforce(() => planTransition(action, row, actor))
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
        row.professionalId === null ? isNull(serviceRequests.professionalId) : eq(serviceRequests.professionalId, row.professionalId),
      )).run().changes
    if (!changed) throw createError({ statusCode: 409, message: 'This request changed meanwhile: reload it and try again' })
    after?.(tx, row)
  }, { behavior: 'immediate' })
  return getRequest(id, actor)
}

export function editRequest(id: number, actor: Actor, changes: { scheduledFor?: Date, remarks?: string }) {
  if (changes.scheduledFor) return moveRequestWindow(id, actor, changes.scheduledFor, 'edit', changes.remarks)
  return moveRequest(id, 'edit', actor, changes)
}

export function cancelRequest(id: number, actor: Actor) {
  return moveRequest(id, 'cancel', actor, { cancelledAt: new Date() }, (tx, row) => {
    recordCancellation(tx, row, 'customer')
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
  const won = refusingDoubleBooking(actor.id, () => ({ start: row.scheduledFor.getTime(), end: row.endsAt.getTime() }), () => useDb().transaction((tx) => {
    const changed = tx.update(serviceRequests).set({ status: 'assigned', professionalId: actor.id, acceptedAt: new Date() })
      .where(and(eq(serviceRequests.id, id), eq(serviceRequests.status, 'requested'), visibleRequestsCondition(actor))).run().changes
    if (changed) notify(row.customerId, 'request.accepted', `Your request for ${row.serviceName} was accepted`, customerLink(id), tx)
    return changed === 1
  }, { behavior: 'immediate' }))
  if (!won) throw createError({ statusCode: 409, message: 'Another professional has already accepted this request, or it was withdrawn' })
  void sendAcceptanceMail(id)
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
  tx.update(serviceRequests).set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'admin' })
    .where(inArray(serviceRequests.id, affected.map(request => request.id))).run()
  for (const request of affected) {
    if (request.professionalId) notify(request.professionalId, 'request.cancelled', `Request #${request.id} was cancelled: the customer's account is no longer active`, professionalLink(request.id), tx)
  }
  return affected.length
}
