import { and, asc, eq, isNull, or } from 'drizzle-orm'
import type { AppDatabase } from '../../db/client'
import { professionalProfiles, serviceRequests, services, users } from '../../db/schema'
import { button, dayKey, escapeHtml, formatDateTime, mailLayout, type JobDefinition, type JobMessage, type JobSettings } from './types'

export type PendingRequest = { id: number, serviceName: string, pincode: string, scheduledFor: Date, named: boolean }
export type ReminderRecipient = { id: number, name: string, email: string, requests: PendingRequest[] }

/**
 * Approved, active professionals with requests awaiting their answer: the `requested` ones naming
 * them, and the open ones (naming nobody) of their service.
 */
export function selectDailyReminders(db: AppDatabase): ReminderRecipient[] {
  const rows = db.select({
    professionalId: users.id, name: users.name, email: users.email,
    requestId: serviceRequests.id, serviceName: services.name, pincode: serviceRequests.pincode,
    scheduledFor: serviceRequests.scheduledFor, namedId: serviceRequests.professionalId,
  })
    .from(users)
    .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .innerJoin(serviceRequests, and(
      eq(serviceRequests.status, 'requested'),
      or(eq(serviceRequests.professionalId, users.id), and(isNull(serviceRequests.professionalId), eq(serviceRequests.serviceId, professionalProfiles.serviceId))),
    ))
    .innerJoin(services, eq(services.id, serviceRequests.serviceId))
    .where(and(eq(users.role, 'professional'), eq(users.status, 'active'), eq(professionalProfiles.approval, 'approved')))
    .orderBy(asc(users.id), asc(serviceRequests.scheduledFor), asc(serviceRequests.id))
    .all()
  const byProfessional = new Map<number, ReminderRecipient>()
  for (const row of rows) {
    let recipient = byProfessional.get(row.professionalId)
    if (!recipient) byProfessional.set(row.professionalId, recipient = { id: row.professionalId, name: row.name, email: row.email, requests: [] })
    recipient.requests.push({ id: row.requestId, serviceName: row.serviceName, pincode: row.pincode, scheduledFor: row.scheduledFor, named: row.namedId === row.professionalId })
  }
  return [...byProfessional.values()]
}

const requestLink = (settings: JobSettings, id: number) => `${settings.publicUrl}/professional/requests/${id}`

export function renderDailyReminder(recipient: ReminderRecipient, settings: JobSettings) {
  const count = recipient.requests.length
  const subject = `${count} request${count === 1 ? '' : 's'} awaiting your answer`
  const line = (request: PendingRequest) =>
    `${request.serviceName} · pincode ${request.pincode} · ${formatDateTime(request.scheduledFor)}${request.named ? ' · asked for you' : ''} · ${requestLink(settings, request.id)}`
  const text = [`Hello ${recipient.name},`, '', `${subject}:`, ...recipient.requests.map(request => `- ${line(request)}`), '', `Answer them at ${settings.publicUrl}/professional`].join('\n')
  const rows = recipient.requests.map(request => `<tr>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(request.serviceName)}${request.named ? '<br><span style="color:#0f766e;font-size:12px;">asked for you</span>' : ''}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(request.pincode)}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(formatDateTime(request.scheduledFor))}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;"><a href="${escapeHtml(requestLink(settings, request.id))}" style="color:#0f766e;">View #${request.id}</a></td></tr>`).join('')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(recipient.name)},</p>`
    + `<p style="margin:0 0 16px;">${escapeHtml(subject)}. Customers are waiting: accept or decline them soon.</p>`
    + `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin-bottom:20px;">`
    + `<tr style="background:#f3f4f6;text-align:left;"><th style="padding:8px;">Service</th><th style="padding:8px;">Area</th><th style="padding:8px;">Date</th><th style="padding:8px;"></th></tr>${rows}</table>`
    + button(`${settings.publicUrl}/professional`, 'Open my requests'),
  'You receive this reminder once a day while requests await your answer.')
  const chatText = `*${recipient.name}*: ${subject}\n${recipient.requests.map(request => `• ${line(request)}`).join('\n')}`
  return { subject, html, text, chatText }
}

export const dailyReminders: JobDefinition = {
  name: 'daily-reminders',
  description: 'Professionals with requests awaiting their answer',
  collect(db, now, settings): JobMessage[] {
    const period = dayKey(now)
    return selectDailyReminders(db).map((recipient) => {
      const { subject, html, text, chatText } = renderDailyReminder(recipient, settings)
      return { recipientId: recipient.id, period, mail: { to: recipient.email, subject, html, text }, chatText }
    })
  },
}
