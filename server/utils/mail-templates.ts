import { requestStatuses } from '../../shared/domain/enums'
import { monthRange } from '../../shared/domain/jobs'
import { escapeChatText } from '../../shared/utils/format'
import type { MonthlyReport } from './monthly-report'

// Every e-mail the app sends, rendered from plain data. Mail clients drop <style> blocks and
// external CSS, so the markup carries inline styles only.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, char => HTML_ESCAPES[char]!)

const formatDate = (date: Date) => date.toLocaleDateString('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const formatDateTime = (date: Date) => `${formatDate(date)}, ${date.toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' })} UTC`
const formatRupees = (paise: number) => `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`

export type RenderedMail = { subject: string, html: string, text: string }

/** The shell every mail shares: brand header, body, footer saying why it was sent. */
export function mailLayout(title: string, body: string, footer: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>`
    + `<body style="margin:0;padding:0;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1f2937;">`
    + `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0;"><tr><td align="center">`
    + `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden;">`
    + `<tr><td style="background:#0f766e;color:#ffffff;padding:20px 24px;font-size:20px;font-weight:bold;">Household Services</td></tr>`
    + `<tr><td style="padding:24px;font-size:15px;line-height:1.5;">${body}</td></tr>`
    + `<tr><td style="padding:16px 24px;background:#f9fafb;color:#6b7280;font-size:12px;">${footer}</td></tr>`
    + `</table></td></tr></table></body></html>`
}

export function mailButton(href: string, label: string) {
  return `<a href="${escapeHtml(href)}" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:bold;">${escapeHtml(label)}</a>`
}

export type PendingRequest = { id: number, serviceName: string, pincode: string, scheduledFor: Date, named: boolean }
export type ReminderRecipient = { id: number, name: string, email: string, requests: PendingRequest[] }

export function renderDailyReminder(recipient: ReminderRecipient, publicUrl: string): RenderedMail & { chatText: string } {
  const requestLink = (id: number) => `${publicUrl}/professional/requests/${id}`
  const count = recipient.requests.length
  const subject = `${count} request${count === 1 ? '' : 's'} awaiting your answer`
  const line = (request: PendingRequest) =>
    `${request.serviceName} · pincode ${request.pincode} · ${formatDateTime(request.scheduledFor)}${request.named ? ' · asked for you' : ''} · ${requestLink(request.id)}`
  const text = [`Hello ${recipient.name},`, '', `${subject}:`, ...recipient.requests.map(request => `- ${line(request)}`), '', `Answer them at ${publicUrl}/professional`].join('\n')
  const rows = recipient.requests.map(request => `<tr>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(request.serviceName)}${request.named ? '<br><span style="color:#0f766e;font-size:12px;">asked for you</span>' : ''}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(request.pincode)}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;">${escapeHtml(formatDateTime(request.scheduledFor))}</td>`
    + `<td style="padding:8px;border-bottom:1px solid #e5e7eb;"><a href="${escapeHtml(requestLink(request.id))}" style="color:#0f766e;">View #${request.id}</a></td></tr>`).join('')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(recipient.name)},</p>`
    + `<p style="margin:0 0 16px;">${escapeHtml(subject)}. Customers are waiting: accept or decline them soon.</p>`
    + `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin-bottom:20px;">`
    + `<tr style="background:#f3f4f6;text-align:left;"><th style="padding:8px;">Service</th><th style="padding:8px;">Area</th><th style="padding:8px;">Date</th><th style="padding:8px;"></th></tr>${rows}</table>`
    + mailButton(`${publicUrl}/professional`, 'Open my requests'),
  'You receive this reminder once a day while requests await your answer.')
  const chatText = `*${escapeChatText(recipient.name)}*: ${subject}\n${recipient.requests.map(request => `• ${escapeChatText(line(request))}`).join('\n')}`
  return { subject, html, text, chatText }
}

export type PopularServices = { nearby: boolean, services: { id: number, name: string, basePricePaise: number }[] }

export function renderInactiveReminder(customer: { name: string, pincode: string }, popular: PopularServices, publicUrl: string): RenderedMail {
  const subject = 'We miss you at Household Services'
  const heading = popular.nearby ? `Popular near ${customer.pincode}` : 'Popular right now'
  const items = popular.services.map(service => `<li style="margin-bottom:6px;"><a href="${escapeHtml(`${publicUrl}/services/${service.id}`)}" style="color:#0f766e;">${escapeHtml(service.name)}</a> — from ${escapeHtml(formatRupees(service.basePricePaise))}</li>`).join('')
  const html = mailLayout(subject, `<p style="margin:0 0 12px;">Hello ${escapeHtml(customer.name)},</p>`
    + `<p style="margin:0 0 16px;">It has been a while. Vetted professionals are ready to help with your home.</p>`
    + (items ? `<p style="margin:0 0 8px;"><strong>${escapeHtml(heading)}</strong></p><ul style="margin:0 0 20px;padding-left:20px;">${items}</ul>` : '')
    + mailButton(`${publicUrl}/services`, 'Find a service'),
  'We send this at most once a month while you are away.')
  const text = [`Hello ${customer.name},`, '', 'It has been a while. Vetted professionals are ready to help with your home.', '',
    ...(popular.services.length ? [`${heading}:`, ...popular.services.map(service => `- ${service.name} (from ${formatRupees(service.basePricePaise)}): ${publicUrl}/services/${service.id}`), ''] : []),
    `Find a service: ${publicUrl}/services`].join('\n')
  return { subject, html, text }
}

export const monthLabel = (month: string) => monthRange(month).start.toLocaleDateString('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' })

const cell = 'padding:8px;border-bottom:1px solid #e5e7eb;'
const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating)

export function renderMonthlyReport(report: MonthlyReport, publicUrl: string): RenderedMail {
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
    + mailButton(`${publicUrl}/customer/reports?month=${report.month}`, 'See the full report'),
  'You receive this summary once a month after a month with activity.')
  const text = [`Hello ${report.customer.name},`, '', `Your activity in ${label}:`,
    `Requests: ${requestStatuses.filter(status => report.byStatus[status]).map(status => `${report.byStatus[status]} ${status}`).join(', ') || 'none'}`,
    `Amount spent: ${formatRupees(report.amountSpentPaise)}`, `Services: ${report.services.map(item => item.name).join(', ') || '—'}`,
    `Professionals: ${report.professionals.map(item => item.name).join(', ') || '—'}`,
    ...report.ratings.map(rating => `Rated ${rating.professional} ${rating.rating}/5 for ${rating.service}`), '',
    `Full report: ${publicUrl}/customer/reports?month=${report.month}`].join('\n')
  return { subject, html, text }
}

export function renderExportReady(exportId: number, message: string, publicUrl: string): RenderedMail {
  const link = `${publicUrl}/admin/exports`
  const download = `${publicUrl}/api/admin/exports/${exportId}/download`
  const subject = `Export #${exportId} is ready`
  const html = mailLayout(subject, `<p style="margin:0 0 16px;">${escapeHtml(message)}</p>${mailButton(download, 'Download the CSV')}`
    + `<p style="margin:16px 0 0;font-size:13px;color:#6b7280;">Or open <a href="${escapeHtml(link)}" style="color:#0f766e;">the exports page</a>. Downloads need an admin sign-in.</p>`, 'Sent because you requested an export.')
  return { subject, html, text: `${message}\nDownload: ${download}\nExports: ${link}` }
}
