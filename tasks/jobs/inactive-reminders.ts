import { and, asc, count, eq, gt, gte, lt, notExists, sql } from 'drizzle-orm'
import type { AppDatabase } from '../../db/client'
import { jobDeliveries, serviceRequests, services, users } from '../../db/schema'
import { DAY_MS, dayKey } from '../../shared/domain/jobs'
import { renderInactiveReminder, type PopularServices } from '../../server/utils/mail-templates'
import type { JobDefinition, JobMessage } from './types'

const JOB = 'inactive-reminders'
const PAGE = 500
const POPULAR_LIMIT = 3
/** At most one nudge per customer in this many days, whatever INACTIVE_DAYS is. */
export const NUDGE_INTERVAL_DAYS = 30

/**
 * Active customers not signed in (or, never signed in, not registered) for `inactiveDays`, not
 * nudged in the last 30 days, PAGE at a time in id order.
 */
export function* selectInactiveCustomers(db: AppDatabase, now: Date, inactiveDays: number) {
  const threshold = new Date(now.getTime() - inactiveDays * DAY_MS)
  const lastNudgeWindow = new Date(now.getTime() - NUDGE_INTERVAL_DAYS * DAY_MS)
  for (let after = 0; ;) {
    const page = db.select({ id: users.id, name: users.name, email: users.email, pincode: users.pincode }).from(users)
      .where(and(
        eq(users.role, 'customer'), eq(users.status, 'active'), gt(users.id, after),
        lt(sql`coalesce(${users.lastSignInAt}, ${users.createdAt})`, threshold.getTime()),
        notExists(db.select({ id: jobDeliveries.id }).from(jobDeliveries).where(and(eq(jobDeliveries.job, JOB), eq(jobDeliveries.recipientId, users.id), gte(jobDeliveries.createdAt, lastNudgeWindow)))),
      )).orderBy(asc(users.id)).limit(PAGE).all()
    if (!page.length) return
    yield* page
    after = page.at(-1)!.id
  }
}

/**
 * The most requested active services of the last 180 days, at each pincode and anywhere: one
 * grouped scan for the whole run (it was one query per customer), looked up per customer after.
 */
export function popularServicesByPincode(db: AppDatabase, now: Date) {
  const since = new Date(now.getTime() - 180 * DAY_MS)
  const rows = db.select({ pincode: serviceRequests.pincode, id: services.id, name: services.name, basePricePaise: services.basePricePaise, requests: count(serviceRequests.id) })
    .from(serviceRequests).innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .where(and(eq(services.active, true), gte(serviceRequests.createdAt, since)))
    .groupBy(serviceRequests.pincode, services.id).all()
  const rank = (a: { requests: number, name: string }, b: { requests: number, name: string }) => b.requests - a.requests || a.name.localeCompare(b.name)
  const byPincode = new Map<string, typeof rows>()
  const anywhere = new Map<number, (typeof rows)[number]>()
  for (const row of rows) {
    const list = byPincode.get(row.pincode)
    if (list) list.push(row)
    else byPincode.set(row.pincode, [row])
    const total = anywhere.get(row.id)
    anywhere.set(row.id, total ? { ...total, requests: total.requests + row.requests } : row)
  }
  const top = (list: typeof rows) => list.sort(rank).slice(0, POPULAR_LIMIT).map(({ id, name, basePricePaise }) => ({ id, name, basePricePaise }))
  const popularAnywhere: PopularServices = { nearby: false, services: top([...anywhere.values()]) }
  const popularNear = new Map([...byPincode].map(([pincode, list]) => [pincode, { nearby: true, services: top(list) } satisfies PopularServices]))
  return (pincode: string) => (pincode && popularNear.get(pincode)) || popularAnywhere
}

export const inactiveReminders: JobDefinition = {
  * collect(db, now, settings): Generator<JobMessage> {
    // The period is the day: the unique key stops a second run that day, the 30-day window above the following days.
    const period = dayKey(now)
    const popularAt = popularServicesByPincode(db, now)
    for (const customer of selectInactiveCustomers(db, now, settings.inactiveDays)) {
      const { subject, html, text } = renderInactiveReminder(customer, popularAt(customer.pincode), settings.publicUrl)
      yield { recipientId: customer.id, period, mail: { to: customer.email, subject, html, text } }
    }
  },
}
