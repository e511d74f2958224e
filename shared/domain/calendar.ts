import type { RequestStatus } from './enums'

// iCalendar (RFC 5545) for visits: the feed of a user and the invitation attached to a mail.

export type CalendarEvent = {
  uid: string
  status: RequestStatus
  start: Date
  end: Date
  sequence: number
  summary: string
  description: string
  location: string | null
  url: string
  updatedAt: Date
}

/** Feed status of a request: requested is tentative, assigned and completed confirmed, cancelled cancelled. */
export function eventStatus(status: RequestStatus) {
  if (status === 'requested') return 'TENTATIVE'
  if (status === 'cancelled') return 'CANCELLED'
  return 'CONFIRMED'
}

/** TEXT values (§3.3.11): backslash, semicolon, comma and line breaks escaped. */
export const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n')

/** UTC DATE-TIME form: 20260302T033000Z. */
export const icsTime = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

const encoder = new TextEncoder()

/**
 * Folds a content line to at most 75 octets (§3.1): continuation lines start with one space, and
 * a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string) {
  if (encoder.encode(line).length <= 75) return line
  const parts: string[] = []
  let current = ''
  let currentBytes = 0
  for (const char of line) {
    const bytes = encoder.encode(char).length
    const limit = parts.length ? 74 : 75 // the leading space of a continuation counts
    if (currentBytes + bytes > limit) {
      parts.push(current)
      current = ''
      currentBytes = 0
    }
    current += char
    currentBytes += bytes
  }
  parts.push(current)
  return parts.join('\r\n ')
}

export function renderCalendar(name: string, events: CalendarEvent[], now: Date) {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Household Services//Visits//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ]
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${icsTime(now)}`,
      `DTSTART:${icsTime(event.start)}`,
      `DTEND:${icsTime(event.end)}`,
      `SEQUENCE:${event.sequence}`,
      `STATUS:${eventStatus(event.status)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      `URL:${event.url}`,
      `LAST-MODIFIED:${icsTime(event.updatedAt)}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
