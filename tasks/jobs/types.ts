import type { AppDatabase } from '../../db/client'

/** What the runner needs from the server configuration; tests pass their own. */
export type JobSettings = { publicUrl: string, inactiveDays: number }

/** One message a job wants to send: the runner claims (job, recipientId, period) before sending it. */
export type JobMessage = {
  recipientId: number
  period: string
  mail: { to: string, subject: string, html: string, text: string }
  /** Also posted to Google Chat when a webhook is configured. */
  chatText?: string
}

export type JobDefinition = {
  name: string
  description: string
  /** Pure selection and rendering at a given instant: no mail goes out here. */
  collect: (db: AppDatabase, now: Date, settings: JobSettings) => JobMessage[]
}

export const DAY_MS = 24 * 60 * 60 * 1000

/** Periods and months are UTC, like every time the API returns. */
export const dayKey = (date: Date) => date.toISOString().slice(0, 10)
export const monthKey = (date: Date) => date.toISOString().slice(0, 7)

export function previousMonth(now: Date) {
  return monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)))
}

/** [start, end) of a YYYY-MM month in UTC. */
export function monthRange(month: string) {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number]
  return { start: new Date(Date.UTC(year, monthIndex - 1, 1)), end: new Date(Date.UTC(year, monthIndex, 1)) }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, char => HTML_ESCAPES[char]!)

export const formatDate = (date: Date) => date.toLocaleDateString('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
export const formatDateTime = (date: Date) => `${formatDate(date)}, ${date.toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' })} UTC`
export const formatRupees = (paise: number) => `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`

/** A mail shell with inline styles only: mail clients drop <style> blocks and external CSS. */
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

export function button(href: string, label: string) {
  return `<a href="${escapeHtml(href)}" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:bold;">${escapeHtml(label)}</a>`
}
