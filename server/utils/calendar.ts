import { randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { users, type User } from '~~/db/schema'
import { renderCalendar, type CalendarEvent } from '~~/shared/domain/calendar'
import { CANCELLED_FEED_DAYS } from '~~/shared/domain/scheduling'
import { formatDateTime } from '~~/shared/utils/format'
import { escapeHtml, mailButton as button, mailLayout } from './mail-templates'

const newSecret = () => randomBytes(32).toString('base64url')
const feedUrl = (secret: string) => `${useServerConfig().publicUrl}/api/calendar/feeds/${secret}.ics`

/** The user's feed address, made on first ask. */
export function calendarLink(user: User) {
  const db = useDb()
  // Conditional, so two first asks at once agree on one secret.
  db.update(users).set({ calendarSecret: newSecret() }).where(and(eq(users.id, user.id), isNull(users.calendarSecret))).run()
  const { calendarSecret } = db.select({ calendarSecret: users.calendarSecret }).from(users).where(eq(users.id, user.id)).get()!
  return { url: feedUrl(calendarSecret!) }
}

/** A new address; the old one is gone at once. */
export function rotateCalendarLink(user: User) {
  const secret = newSecret()
  useDb().update(users).set({ calendarSecret: secret }).where(eq(users.id, user.id)).run()
  return { url: feedUrl(secret) }
}

type FeedRow = {
  id: number
  status: RequestStatus
  scheduledFor: number
  endsAt: number
  rescheduleCount: number
  serviceName: string
  customerId: number
  customerName: string
  professionalId: number | null
  professionalName: string | null
  professionalPhone: string | null
  acceptedAt: number | null
  address: string
  pincode: string
  remarks: string
  updatedAt: number
}

const FEED_SQL = `SELECT r.id, r.status, r.scheduled_for AS scheduledFor, r.ends_at AS endsAt, r.reschedule_count AS rescheduleCount,
  s.name AS serviceName, r.customer_id AS customerId, c.name AS customerName, r.professional_id AS professionalId, p.name AS professionalName,
  p.phone AS professionalPhone, r.accepted_at AS acceptedAt, r.address, r.pincode, r.remarks, r.updated_at AS updatedAt
  FROM service_requests r JOIN services s ON s.id = r.service_id JOIN users c ON c.id = r.customer_id LEFT JOIN users p ON p.id = r.professional_id`

const FEED_STATUSES = `(r.status IN ('requested', 'assigned', 'completed') OR (r.status = 'cancelled' AND r.cancelled_at >= @cancelledSince))`

/** One event of a request, as `viewer` may see it: the address only where they may see it. */
function toEvent(row: FeedRow, viewer: { id: number, role: 'customer' | 'professional' }): CalendarEvent {
  const { publicUrl } = useServerConfig()
  const host = new URL(publicUrl).host
  const mine = viewer.role === 'customer'
  const contact = mine || (row.professionalId === viewer.id && row.acceptedAt !== null && row.status !== 'cancelled')
  const withWhom = mine ? (row.professionalName ? ` with ${row.professionalName}` : '') : ` for ${row.customerName}`
  const description = [
    `Visit #${row.id}: ${row.serviceName}${withWhom}, ${formatDateTime(new Date(row.scheduledFor).toISOString())}.`,
    mine && row.professionalPhone && row.acceptedAt !== null ? `Professional's phone: ${row.professionalPhone}` : '',
    row.remarks ? `Remarks: ${row.remarks}` : '',
  ].filter(Boolean).join('\n')
  return {
    uid: `request-${row.id}@${host}`,
    status: row.status,
    start: new Date(row.scheduledFor),
    end: new Date(row.endsAt),
    sequence: row.rescheduleCount,
    summary: `${row.serviceName}${withWhom}`,
    description,
    location: contact ? `${row.address}, ${row.pincode}` : row.pincode,
    url: `${publicUrl}/${viewer.role}/requests/${row.id}`,
    updatedAt: new Date(row.updatedAt),
  }
}

/** The feed behind a secret; null when no active customer or professional has it (404). */
export function calendarFeed(secret: string, now = new Date()) {
  const db = useDb()
  const user = db.select().from(users).where(eq(users.calendarSecret, secret)).get()
  if (!user || user.status !== 'active' || user.role === 'admin') return null
  const viewer = { id: user.id, role: user.role }
  const whose = user.role === 'customer' ? 'r.customer_id = @userId' : 'r.professional_id = @userId'
  const rows = db.sqlite.prepare(`${FEED_SQL} WHERE ${whose} AND ${FEED_STATUSES} ORDER BY r.scheduled_for, r.id`)
    .all({ userId: user.id, cancelledSince: now.getTime() - CANCELLED_FEED_DAYS * 86_400_000 }) as FeedRow[]
  return renderCalendar(`Household Services · ${user.name}`, rows.map(row => toEvent(row, viewer)), now)
}

/** The customer's confirmation that a professional accepted, with the visit as an .ics invitation. */
export async function sendAcceptanceMail(requestId: number) {
  const db = useDb()
  const row = db.sqlite.prepare(`${FEED_SQL} WHERE r.id = ?`).get(requestId) as FeedRow | undefined
  const customer = row && db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, row.customerId)).get()
  if (!row || !customer) return
  const { publicUrl } = useServerConfig()
  const when = formatDateTime(new Date(row.scheduledFor).toISOString())
  const link = `${publicUrl}/customer/requests/${row.id}`
  const subject = `${row.professionalName} will visit for ${row.serviceName} on ${when}`
  const text = [`Hello ${customer.name},`, '', `${row.professionalName} accepted your ${row.serviceName} request #${row.id}.`, `When: ${when}`, `Where: ${row.address}, ${row.pincode}`, '', `Details: ${link}`, 'The visit is attached as a calendar invitation.'].join('\n')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(customer.name)},</p>`
    + `<p style="margin:0 0 12px;">${escapeHtml(row.professionalName ?? '')} accepted your ${escapeHtml(row.serviceName)} request #${row.id}.</p>`
    + `<p style="margin:0 0 16px;"><strong>When:</strong> ${escapeHtml(when)}<br><strong>Where:</strong> ${escapeHtml(`${row.address}, ${row.pincode}`)}</p>`
    + button(link, 'View the request'),
  'The visit is attached as a calendar invitation (.ics).')
  const ics = renderCalendar('Household Services', [toEvent(row, { id: row.customerId, role: 'customer' })], new Date())
  try {
    await sendMail({ to: customer.email, subject, html, text, attachments: [{ filename: `visit-${row.id}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }] },
      { idempotencyKey: `accepted/${row.id}/${row.acceptedAt}` })
  }
  catch (error) {
    // The acceptance stands; the in-app alert already told the customer.
    console.error(`[mail] acceptance mail for request ${row.id} failed:`, error)
  }
}
