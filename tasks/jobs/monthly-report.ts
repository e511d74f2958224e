import { aliasedTable, and, asc, eq, gte, lt, or } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppDatabase } from '../../db/client'
import { requestStatuses, reviews, serviceRequests, services, users, type RequestStatus } from '../../db/schema'
import { button, escapeHtml, formatDate, formatRupees, mailLayout, monthRange, previousMonth, type JobDefinition } from './types'

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

type Activity = {
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
function monthActivity(db: AppDatabase, month: string, customerId?: number): Activity {
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

/** Active customers with any activity (a request, a change, a review) in the month. */
function reportCustomers(db: AppDatabase, activity: Activity) {
  const ids = new Set([...activity.requests.keys(), ...activity.ratings.keys()])
  if (!ids.size) return []
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users)
    .where(and(eq(users.role, 'customer'), eq(users.status, 'active'))).orderBy(asc(users.id)).all()
    .filter(customer => ids.has(customer.id))
}

function assembleReport(customer: { id: number, name: string }, month: string, activity: Activity): MonthlyReport {
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

/** One customer's activity in a YYYY-MM month: what the e-mail and the customer's report page show. */
export function buildMonthlyReport(db: AppDatabase, customer: { id: number, name: string }, month: string): MonthlyReport {
  return assembleReport(customer, month, monthActivity(db, month, customer.id))
}

export const monthLabel = (month: string) => monthRange(month).start.toLocaleDateString('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' })

const cell = 'padding:8px;border-bottom:1px solid #e5e7eb;'
const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating)

export function renderMonthlyReport(report: MonthlyReport, publicUrl: string) {
  const label = monthLabel(report.month)
  const subject = `Your activity in ${label}`
  const statusCells = requestStatuses.filter(status => report.byStatus[status] > 0)
    .map(status => `<td style="padding:8px 12px;text-align:center;background:#f0fdfa;border-radius:6px;"><div style="font-size:22px;font-weight:bold;color:#0f766e;">${report.byStatus[status]}</div><div style="font-size:12px;color:#4b5563;text-transform:capitalize;">${status}</div></td>`).join('<td style="width:8px;"></td>')
  const requestRows = report.requests.map(request => `<tr><td style="${cell}">${escapeHtml(request.service)}</td><td style="${cell}">${escapeHtml(request.professional ?? '—')}</td>`
    + `<td style="${cell}">${escapeHtml(formatDate(request.createdAt))}</td><td style="${cell}text-transform:capitalize;">${request.status}</td><td style="${cell}text-align:right;">${escapeHtml(formatRupees(request.pricePaise))}</td></tr>`).join('')
  const ratingRows = report.ratings.map(rating => `<li style="margin-bottom:6px;"><span style="color:#d97706;">${stars(rating.rating)}</span> ${escapeHtml(rating.professional)} for ${escapeHtml(rating.service)}${rating.comment ? ` — “${escapeHtml(rating.comment)}”` : ''}</li>`).join('')
  const list = (items: { name: string, requests: number }[]) => items.map(item => `${escapeHtml(item.name)} (${item.requests})`).join(', ') || '—'
  const html = mailLayout(subject, `<p style="margin:0 0 8px;">Hello ${escapeHtml(report.customer.name)},</p>`
    + `<p style="margin:0 0 20px;">Here is what happened with your home services in <strong>${escapeHtml(label)}</strong>.</p>`
    + `<table role="presentation" cellpadding="0" cellspacing="0" style="margin-bottom:20px;"><tr>${statusCells}</tr></table>`
    + `<p style="margin:0 0 4px;"><strong>Amount spent:</strong> ${escapeHtml(formatRupees(report.amountSpentPaise))}</p>`
    + `<p style="margin:0 0 4px;"><strong>Services:</strong> ${list(report.services)}</p>`
    + `<p style="margin:0 0 20px;"><strong>Professionals:</strong> ${list(report.professionals)}</p>`
    + (requestRows
      ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin-bottom:20px;"><tr style="background:#f3f4f6;text-align:left;">`
      + `<th style="padding:8px;">Service</th><th style="padding:8px;">Professional</th><th style="padding:8px;">Requested</th><th style="padding:8px;">Status</th><th style="padding:8px;text-align:right;">Price</th></tr>${requestRows}</table>`
      : '')
    + (ratingRows ? `<p style="margin:0 0 8px;"><strong>Ratings you gave</strong></p><ul style="margin:0 0 20px;padding-left:20px;">${ratingRows}</ul>` : '')
    + button(`${publicUrl}/customer/reports?month=${report.month}`, 'See the full report'),
  'You receive this summary once a month after a month with activity.')
  const text = [`Hello ${report.customer.name},`, '', `Your activity in ${label}:`,
    `Requests: ${requestStatuses.filter(status => report.byStatus[status]).map(status => `${report.byStatus[status]} ${status}`).join(', ') || 'none'}`,
    `Amount spent: ${formatRupees(report.amountSpentPaise)}`, `Services: ${report.services.map(item => item.name).join(', ') || '—'}`,
    `Professionals: ${report.professionals.map(item => item.name).join(', ') || '—'}`,
    ...report.ratings.map(rating => `Rated ${rating.professional} ${rating.rating}/5 for ${rating.service}`), '',
    `Full report: ${publicUrl}/customer/reports?month=${report.month}`].join('\n')
  return { subject, html, text }
}

export const monthlyReport: JobDefinition = {
  name: 'monthly-report',
  description: 'Customers with activity last month',
  collect(db, now, settings) {
    const month = previousMonth(now)
    const activity = monthActivity(db, month)
    return reportCustomers(db, activity).map((customer) => {
      const { subject, html, text } = renderMonthlyReport(assembleReport(customer, month, activity), settings.publicUrl)
      return { recipientId: customer.id, period: month, mail: { to: customer.email, subject, html, text } }
    })
  },
}
