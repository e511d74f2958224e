import type { RequestStatus } from '~~/shared/domain/enums'
import { addDays, clockToMinutes, minutesToClock, weekdayOf, zonedParts, zonedTimeToInstant } from '../domain/slots'

// Times are shown in India Standard Time on the server and in the browser alike, so the
// server-rendered text matches after hydration whatever the visitor's clock says.
export const DISPLAY_TIME_ZONE = 'Asia/Kolkata'
/** Said after every time of day, so no one wonders whose clock it is. */
export const DISPLAY_TIME_ZONE_LABEL = 'IST'

// Each Intl formatter is made when first used: making one costs milliseconds on a phone's first
// load (every page runs this module) and a page uses few of them.
function madeOnFirstUse<T>(make: () => T) {
  let made: T | undefined
  return () => (made ??= make())
}
const priceFormat = madeOnFirstUse(() => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }))
const wholePriceFormat = madeOnFirstUse(() => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 }))
const dateTimeFormat = madeOnFirstUse(() => new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE }))
const dateFormat = madeOnFirstUse(() => new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: DISPLAY_TIME_ZONE }))
const monthFormat = madeOnFirstUse(() => new Intl.DateTimeFormat('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' }))

/** `₹299`, or `₹299.50` when there are paise. */
export function formatPrice(rupees: number) {
  return (Number.isInteger(rupees) ? wholePriceFormat : priceFormat)().format(rupees)
}

export function formatDuration(minutes: number) {
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours} h ${rest} min` : `${hours} h`
}

export function formatDateTime(iso: string | null | undefined) {
  return iso ? `${dateTimeFormat().format(new Date(iso))} ${DISPLAY_TIME_ZONE_LABEL}` : ''
}

/** The month a `YYYY-MM` names, e.g. `November 2026`. */
export function formatMonth(month: string) {
  return monthFormat().format(new Date(`${month}-01T00:00:00Z`))
}

/** What people call each background job (the API names them `monthly-report` and so on). */
export const jobLabels: Record<string, string> = {
  'daily-reminders': 'Daily reminders to professionals',
  'monthly-report': 'Monthly report to customers',
  'inactive-reminders': 'Nudge to inactive customers',
  'visit-reminders': 'Visit reminders',
  'export': 'Requests export (CSV)',
}

export function jobLabel(name: string) {
  return jobLabels[name] ?? name.replace(/-/g, ' ').replace(/^./, first => first.toUpperCase())
}

export function formatDate(iso: string | null | undefined) {
  return iso ? dateFormat().format(new Date(iso)) : ''
}

export function formatRating(rating: number | null | undefined) {
  return rating == null ? 'New' : rating.toFixed(1)
}

/** `2026-11-22T10:30` typed in a datetime-local field (read in the zone) → ISO string in UTC. */
export function localInputToIso(value: string, timeZone = DISPLAY_TIME_ZONE) {
  return zonedTimeToIso(value.slice(0, 10), value.slice(11, 16), timeZone)
}

/** ISO string → the `YYYY-MM-DDTHH:mm` a datetime-local field shows, in the zone. */
export function isoToLocalInput(iso: string, timeZone = DISPLAY_TIME_ZONE) {
  return `${dayKeyInZone(iso, timeZone)}T${formatTimeInZone(iso, timeZone)}`
}

export const jobStatusMeta: Record<'queued' | 'running' | 'done' | 'failed', { label: string, color: 'neutral' | 'info' | 'success' | 'error', icon: string }> = {
  queued: { label: 'Waiting to run', color: 'neutral', icon: 'i-lucide-clock' },
  running: { label: 'Running', color: 'info', icon: 'i-lucide-loader-circle' },
  done: { label: 'Done', color: 'success', icon: 'i-lucide-circle-check' },
  failed: { label: 'Failed', color: 'error', icon: 'i-lucide-circle-x' },
}

export const requestStatusMeta: Record<RequestStatus, { label: string, color: 'neutral' | 'info' | 'primary' | 'success' | 'warning' | 'error', icon: string }> = {
  requested: { label: 'Requested', color: 'info', icon: 'i-lucide-send' },
  assigned: { label: 'Assigned', color: 'primary', icon: 'i-lucide-user-check' },
  completed: { label: 'Completed', color: 'success', icon: 'i-lucide-circle-check' },
  closed: { label: 'Closed', color: 'neutral', icon: 'i-lucide-star' },
  rejected: { label: 'Rejected', color: 'error', icon: 'i-lucide-circle-x' },
  cancelled: { label: 'Cancelled', color: 'warning', icon: 'i-lucide-ban' },
}

/** Text for a Google Chat message: `<`, `>` and `&` escaped, so a name cannot write `<url|text>` links or mentions. */
export function escapeChatText(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// Calendar days and wall-clock times of a time zone (the platform's by default), for the scheduling
// screens, on top of the zone arithmetic of shared/domain/slots. A day is its `YYYY-MM-DD` key.

/** The calendar day (`YYYY-MM-DD`) that an instant falls on in a zone. */
export function dayKeyInZone(instant: string | Date, timeZone = DISPLAY_TIME_ZONE) {
  return zonedParts(new Date(instant).getTime(), timeZone).date
}

export const addDaysToKey = addDays

/** The Monday of the week a day belongs to. */
export function weekStartOfKey(dayKey: string) {
  return addDays(dayKey, 1 - weekdayOf(dayKey))
}

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

const dayLabelFormat = madeOnFirstUse(() => new Intl.DateTimeFormat('en-IN', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }))
const longDayLabelFormat = madeOnFirstUse(() => new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }))

/** `Mon, 23 Nov` (or `Monday, 23 November` with `long`) for a day key. */
export function formatDayKey(dayKey: string, style: 'short' | 'long' = 'short') {
  return (style === 'long' ? longDayLabelFormat : dayLabelFormat)().format(new Date(`${dayKey}T12:00:00Z`))
}

/** `10:30`: the wall-clock time of an instant in a zone. */
export function formatTimeInZone(iso: string, timeZone = DISPLAY_TIME_ZONE) {
  return minutesToClock(zonedParts(Date.parse(iso), timeZone).minuteOfDay)
}

/** A visit's window: `23 Nov 2026, 10:30 – 11:30` (the end's date too when it is another day). */
export function formatWindow(startIso: string, endIso: string | null | undefined, timeZone = DISPLAY_TIME_ZONE) {
  if (!endIso) return formatDateTime(startIso)
  const sameDay = dayKeyInZone(startIso, timeZone) === dayKeyInZone(endIso, timeZone)
  return `${formatDateTime(startIso)} – ${sameDay ? formatTimeInZone(endIso, timeZone) : formatDateTime(endIso)}`
}

/** A wall-clock time (`YYYY-MM-DD`, `HH:MM`) of a zone → the UTC instant as ISO. */
export function zonedTimeToIso(dayKey: string, time: string, timeZone = DISPLAY_TIME_ZONE) {
  return new Date(zonedTimeToInstant(dayKey, clockToMinutes(time), timeZone)).toISOString()
}

/** `India Standard Time` for `Asia/Kolkata`: how a zone is named to people. */
export function formatZoneName(timeZone = DISPLAY_TIME_ZONE) {
  return new Intl.DateTimeFormat('en-IN', { timeZone, timeZoneName: 'long' }).formatToParts(new Date(0)).find(part => part.type === 'timeZoneName')?.value ?? timeZone
}
