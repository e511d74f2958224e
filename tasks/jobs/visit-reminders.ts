import { and, asc, eq, gt, lte } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { AppDatabase } from '../../db/client'
import { serviceRequests, services, users } from '../../db/schema'
import { escapeHtml, mailButton as button, mailLayout } from '../../server/utils/mail-templates'
import { DAY_MS } from '../../shared/domain/jobs'
import type { JobDefinition, JobMessage, JobSettings } from './types'

export type UpcomingVisit = {
  id: number
  serviceName: string
  scheduledFor: Date
  endsAt: Date
  address: string
  pincode: string
  customer: { id: number, name: string, email: string, phone: string }
  professional: { id: number, name: string, email: string, phone: string }
}

/** `assigned` requests that start within the next 24 hours (after `now`, up to now + 24 h). */
export function selectUpcomingVisits(db: AppDatabase, now: Date): UpcomingVisit[] {
  const customer = alias(users, 'customer')
  const professional = alias(users, 'professional')
  return db.select({
    id: serviceRequests.id, serviceName: services.name, scheduledFor: serviceRequests.scheduledFor, endsAt: serviceRequests.endsAt,
    address: serviceRequests.address, pincode: serviceRequests.pincode,
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone },
    professional: { id: professional.id, name: professional.name, email: professional.email, phone: professional.phone },
  })
    .from(serviceRequests)
    .innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .innerJoin(customer, eq(customer.id, serviceRequests.customerId))
    .innerJoin(professional, eq(professional.id, serviceRequests.professionalId))
    .where(and(eq(serviceRequests.status, 'assigned'), gt(serviceRequests.scheduledFor, now), lte(serviceRequests.scheduledFor, new Date(now.getTime() + DAY_MS))))
    .orderBy(asc(serviceRequests.scheduledFor), asc(serviceRequests.id))
    .all()
}

/** Visit times in the platform's zone, where the visit happens. */
const visitTime = (date: Date, timezone: string) =>
  `${date.toLocaleString('en-IN', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false })} (${timezone})`

export function renderVisitReminder(visit: UpcomingVisit, side: 'customer' | 'professional', settings: JobSettings & { timezone: string }) {
  const recipient = visit[side]
  const other = side === 'customer' ? visit.professional : visit.customer
  const when = visitTime(visit.scheduledFor, settings.timezone)
  const link = `${settings.publicUrl}/${side}/requests/${visit.id}`
  const subject = `Reminder: ${visit.serviceName} visit ${when}`
  const withWhom = side === 'customer' ? `${other.name} (${other.phone}) will visit you` : `You visit ${other.name} (${other.phone})`
  const where = `${visit.address}, ${visit.pincode}`
  const text = [`Hello ${recipient.name},`, '', `${withWhom} for ${visit.serviceName}.`, `When: ${when}`, `Where: ${where}`, '', `Details: ${link}`].join('\n')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(recipient.name)},</p>`
    + `<p style="margin:0 0 12px;">${escapeHtml(withWhom)} for ${escapeHtml(visit.serviceName)}.</p>`
    + `<p style="margin:0 0 16px;"><strong>When:</strong> ${escapeHtml(when)}<br><strong>Where:</strong> ${escapeHtml(where)}</p>`
    + button(link, 'View the visit'),
  'You receive one reminder per visit, the day before it starts.')
  return { subject, html, text, alert: { kind: 'visit.reminder' as const, message: `Reminder: ${visit.serviceName} visit #${visit.id} ${when}`, link: `/${side}/requests/${visit.id}` } }
}

/**
 * One mail and one in-app alert to each side of every visit starting within 24 hours. The period
 * is the request and its start: a rescheduled visit is a new period, so it gets one more reminder.
 */
export const visitReminders: JobDefinition = {
  collect(db, now, settings): JobMessage[] {
    const zoned = { ...settings, timezone: settings.timezone ?? 'Asia/Kolkata' }
    return selectUpcomingVisits(db, now).flatMap(visit => (['customer', 'professional'] as const).map((side) => {
      const { subject, html, text, alert } = renderVisitReminder(visit, side, zoned)
      return { recipientId: visit[side].id, period: `request-${visit.id}@${visit.scheduledFor.toISOString()}`, mail: { to: visit[side].email, subject, html, text }, alert }
    }))
  },
}
