import { aliasedTable, and, asc, eq, gte, inArray, lt, or } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppDatabase } from '../../db/client'
import { requestStatuses, reviews, serviceRequests, services, users, type RequestStatus } from '../../db/schema'
import { monthRange } from '../../shared/domain/jobs'

// The monthly activity report: one builder for the customer's report page and the monthly e-mail.

export type MonthlyReport = {
  month: string
  customer: { id: number, name: string }
  requests: { id: number, service: string, professional: string | null, status: RequestStatus, createdAt: Date, scheduledFor: Date, completedAt: Date | null, pricePaise: number }[]
  byStatus: Record<RequestStatus, number>
  services: { name: string, requests: number }[]
  professionals: { name: string, requests: number }[]
  ratings: { requestId: number, service: string, professional: string, rating: number, comment: string, createdAt: Date }[]
  amountSpentPaise: number
}

const professionals = aliasedTable(users, 'professional')

/** A request belongs to a month when it was created or changed state in it. */
function touchedIn(start: Date, end: Date) {
  const within = (column: AnySQLiteColumn) => and(gte(column, start), lt(column, end))
  return or(within(serviceRequests.createdAt), within(serviceRequests.acceptedAt), within(serviceRequests.completedAt),
    within(serviceRequests.closedAt), within(serviceRequests.cancelledAt), within(serviceRequests.rejectedAt))
}

export type Activity = {
  requests: Map<number, MonthlyReport['requests']>
  ratings: Map<number, MonthlyReport['ratings']>
}

function groupByCustomer<T extends { customerId: number }>(rows: T[]) {
  const groups = new Map<number, Omit<T, 'customerId'>[]>()
  for (const { customerId, ...row } of rows) {
    const group = groups.get(customerId)
    if (group) group.push(row)
    else groups.set(customerId, [row])
  }
  return groups
}

/**
 * The month's requests and reviews, of one customer or of all: one query each, grouped by customer.
 * (Three queries per customer took minutes for 50,000 customers and held the event loop meanwhile.)
 */
export function monthActivity(db: AppDatabase, month: string, customerId?: number): Activity {
  const { start, end } = monthRange(month)
  const requests = db.select({
    customerId: serviceRequests.customerId, id: serviceRequests.id, service: services.name, professional: professionals.name, status: serviceRequests.status,
    createdAt: serviceRequests.createdAt, scheduledFor: serviceRequests.scheduledFor, completedAt: serviceRequests.completedAt, pricePaise: serviceRequests.pricePaise,
  }).from(serviceRequests)
    .innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .leftJoin(professionals, eq(professionals.id, serviceRequests.professionalId))
    .where(and(customerId === undefined ? undefined : eq(serviceRequests.customerId, customerId), touchedIn(start, end)))
    .orderBy(asc(serviceRequests.createdAt), asc(serviceRequests.id)).all()
  const ratings = db.select({
    customerId: reviews.customerId, requestId: reviews.requestId, service: services.name, professional: professionals.name, rating: reviews.rating, comment: reviews.comment, createdAt: reviews.createdAt,
  }).from(reviews)
    .innerJoin(serviceRequests, eq(serviceRequests.id, reviews.requestId))
    .innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .innerJoin(professionals, eq(professionals.id, reviews.professionalId))
    .where(and(customerId === undefined ? undefined : eq(reviews.customerId, customerId), gte(reviews.createdAt, start), lt(reviews.createdAt, end)))
    .orderBy(asc(reviews.createdAt)).all()
  return { requests: groupByCustomer(requests), ratings: groupByCustomer(ratings) }
}

/** The customers with any activity (a request, a change, a review) in the month, by id. */
export const customersWithActivity = (activity: Activity) => [...new Set([...activity.requests.keys(), ...activity.ratings.keys()])].sort((x, y) => x - y)

/** Which of these customers are active, with their address: the job asks page by page. */
export function activeCustomersAmong(db: AppDatabase, ids: number[]) {
  if (!ids.length) return []
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users)
    .where(and(inArray(users.id, ids), eq(users.role, 'customer'), eq(users.status, 'active'))).orderBy(asc(users.id)).all()
}

export function assembleReport(customer: { id: number, name: string }, month: string, activity: Activity): MonthlyReport {
  const { start, end } = monthRange(month)
  const requests = activity.requests.get(customer.id) ?? []
  const ratings = activity.ratings.get(customer.id) ?? []
  // Spent: the agreed price of the work completed in the month.
  const amountSpentPaise = requests
    .filter(request => (request.status === 'completed' || request.status === 'closed') && request.completedAt && request.completedAt >= start && request.completedAt < end)
    .reduce((sum, request) => sum + request.pricePaise, 0)
  const byStatus = Object.fromEntries(requestStatuses.map(status => [status, 0])) as Record<RequestStatus, number>
  const serviceCounts = new Map<string, number>()
  const professionalCounts = new Map<string, number>()
  for (const request of requests) {
    byStatus[request.status]++
    serviceCounts.set(request.service, (serviceCounts.get(request.service) ?? 0) + 1)
    if (request.professional) professionalCounts.set(request.professional, (professionalCounts.get(request.professional) ?? 0) + 1)
  }
  const tally = (counts: Map<string, number>) => [...counts].map(([name, n]) => ({ name, requests: n })).sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name))
  return {
    month, customer: { id: customer.id, name: customer.name }, requests, byStatus,
    services: tally(serviceCounts), professionals: tally(professionalCounts), ratings, amountSpentPaise,
  }
}

/** The report as the API sends it (GET /api/reports/monthly): ISO dates, rupees. */
export function serializeMonthlyReport({ requests, ratings, amountSpentPaise, ...report }: MonthlyReport) {
  return {
    ...report,
    requests: requests.map(({ pricePaise, ...request }) => ({
      ...request, createdAt: request.createdAt.toISOString(), scheduledFor: request.scheduledFor.toISOString(),
      completedAt: request.completedAt?.toISOString() ?? null, price: pricePaise / 100,
    })),
    ratings: ratings.map(rating => ({ ...rating, createdAt: rating.createdAt.toISOString() })),
    amountSpent: amountSpentPaise / 100,
  }
}

/** One customer's activity in a YYYY-MM month: what the e-mail and the customer's report page show. */
export function buildMonthlyReport(db: AppDatabase, customer: { id: number, name: string }, month: string): MonthlyReport {
  return assembleReport(customer, month, monthActivity(db, month, customer.id))
}
