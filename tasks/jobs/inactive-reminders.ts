import { and, asc, count, desc, eq, gte, lt, notExists, sql } from 'drizzle-orm'
import type { AppDatabase } from '../../db/client'
import { jobDeliveries, serviceRequests, services, users } from '../../db/schema'
import { DAY_MS, button, dayKey, escapeHtml, formatRupees, mailLayout, type JobDefinition } from './types'

const JOB = 'inactive-reminders'
/** At most one nudge per customer in this many days, whatever INACTIVE_DAYS is. */
export const NUDGE_INTERVAL_DAYS = 30

/** Active customers not signed in (or, never signed in, not registered) for `inactiveDays`, not nudged in the last 30 days. */
export function selectInactiveCustomers(db: AppDatabase, now: Date, inactiveDays: number) {
  const threshold = new Date(now.getTime() - inactiveDays * DAY_MS)
  const lastNudgeWindow = new Date(now.getTime() - NUDGE_INTERVAL_DAYS * DAY_MS)
  return db.select({ id: users.id, name: users.name, email: users.email, pincode: users.pincode }).from(users)
    .where(and(
      eq(users.role, 'customer'), eq(users.status, 'active'),
      lt(sql`coalesce(${users.lastSignInAt}, ${users.createdAt})`, threshold.getTime()),
      notExists(db.select({ id: jobDeliveries.id }).from(jobDeliveries).where(and(eq(jobDeliveries.job, JOB), eq(jobDeliveries.recipientId, users.id), gte(jobDeliveries.createdAt, lastNudgeWindow)))),
    )).orderBy(asc(users.id)).all()
}

/** The most requested active services at a pincode (last 180 days); the most requested anywhere when that pincode has none. */
export function popularServicesNear(db: AppDatabase, pincode: string, now: Date, limit = 3) {
  const since = new Date(now.getTime() - 180 * DAY_MS)
  const query = (nearby: boolean) => db.select({ id: services.id, name: services.name, basePricePaise: services.basePricePaise, requests: count(serviceRequests.id) })
    .from(serviceRequests).innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .where(and(eq(services.active, true), gte(serviceRequests.createdAt, since), nearby ? eq(serviceRequests.pincode, pincode) : undefined))
    .groupBy(services.id).orderBy(desc(count(serviceRequests.id)), asc(services.name)).limit(limit).all()
  const nearby = pincode ? query(true) : []
  return { nearby: nearby.length > 0, services: nearby.length ? nearby : query(false) }
}

export function renderInactiveReminder(customer: { name: string, pincode: string }, popular: ReturnType<typeof popularServicesNear>, publicUrl: string) {
  const subject = 'We miss you at Household Services'
  const heading = popular.nearby ? `Popular near ${customer.pincode}` : 'Popular right now'
  const items = popular.services.map(service => `<li style="margin-bottom:6px;"><a href="${escapeHtml(`${publicUrl}/services/${service.id}`)}" style="color:#0f766e;">${escapeHtml(service.name)}</a> — from ${escapeHtml(formatRupees(service.basePricePaise))}</li>`).join('')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(customer.name)},</p>`
    + `<p style="margin:0 0 16px;">It has been a while. Vetted professionals are ready to help with your home.</p>`
    + (items ? `<p style="margin:0 0 8px;"><strong>${escapeHtml(heading)}</strong></p><ul style="margin:0 0 20px;padding-left:20px;">${items}</ul>` : '')
    + button(`${publicUrl}/services`, 'Find a service'),
  'We send this at most once a month while you are away.')
  const text = [`Hello ${customer.name},`, '', 'It has been a while. Vetted professionals are ready to help with your home.', '',
    ...(popular.services.length ? [`${heading}:`, ...popular.services.map(service => `- ${service.name} (from ${formatRupees(service.basePricePaise)}): ${publicUrl}/services/${service.id}`), ''] : []),
    `Find a service: ${publicUrl}/services`].join('\n')
  return { subject, html, text }
}

export const inactiveReminders: JobDefinition = {
  name: JOB,
  description: 'Customers who have not signed in for a while',
  collect(db, now, settings) {
    // The period is the day: the unique key stops a second run that day, the 30-day window above the following days.
    const period = dayKey(now)
    return selectInactiveCustomers(db, now, settings.inactiveDays).map((customer) => {
      const { subject, html, text } = renderInactiveReminder(customer, popularServicesNear(db, customer.pincode, now), settings.publicUrl)
      return { recipientId: customer.id, period, mail: { to: customer.email, subject, html, text } }
    })
  },
}
