// Wall-clock time in a named zone with nothing but Intl, and the slots a service can be booked in.
// Pure: every function takes the clock (`now`) and the zone as arguments.

export const SLOT_GRID_MINUTES = 30
export const BOOKING_HORIZON_DAYS = 60
const MINUTE = 60_000
const DAY = 86_400_000

export type WeeklyWindow = { weekday: number, startMinute: number, endMinute: number }
/** A half-open interval [start, end) in epoch milliseconds. */
export type Interval = { start: number, end: number }
/** What holds a professional: a visit, or time off (`away`). */
export type Busy = Interval & { away?: boolean }
export type ProfessionalSchedule = { id: number, weekly: WeeklyWindow[], busy: Busy[] }
export type Slot = { start: number, end: number, professionalIds: number[] }
export type SlotPolicy = { timezone: string, now: number, noticeMinutes: number, horizonDays?: number }

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timezone: string) {
  let formatter = formatters.get(timezone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
    formatters.set(timezone, formatter)
  }
  return formatter
}

/** Whether Intl knows the zone (APP_TIMEZONE is checked at start with this). */
export function isValidTimeZone(timezone: string) {
  try {
    formatterFor(timezone)
    return true
  }
  catch {
    return false
  }
}

/** The wall clock of `instant` in the zone. */
export function zonedParts(instant: number, timezone: string) {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timezone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const { year, month, day, hour, minute, second } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
  return { year, month, day, hour, minute, second, date: toDateKey(year, month, day), minuteOfDay: hour * 60 + minute, weekday: weekdayOf(toDateKey(year, month, day)) }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')
const toDateKey = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`

function splitDate(date: string) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return { year, month, day }
}

/** 1 = Monday … 7 = Sunday, of a calendar date. */
export function weekdayOf(date: string) {
  const { year, month, day } = splitDate(date)
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1
}

export function addDays(date: string, days: number) {
  const { year, month, day } = splitDate(date)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timezone: string) {
  const parts = zonedParts(instant, timezone)
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/**
 * The instant at which the zone's clock shows `minuteOfDay` on `date` (minute 1440 is the next
 * midnight). Two passes settle the offset across a daylight-saving change.
 */
export function zonedTimeToInstant(date: string, minuteOfDay: number, timezone: string) {
  const { year, month, day } = splitDate(date)
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE
  const first = wall - offsetAt(wall, timezone)
  const second = wall - offsetAt(first, timezone)
  return second
}

/** Today's date in the zone. */
export const zonedToday = (now: number, timezone: string) => zonedParts(now, timezone).date

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end

export type SlotRefusal = 'notice' | 'horizon' | 'grid' | 'hours' | 'busy'

export const slotRefusalMessages: Record<SlotRefusal, string> = {
  notice: 'is too soon: visits start at least the booking notice from now',
  horizon: `is too far ahead: visits can be booked at most ${BOOKING_HORIZON_DAYS} days ahead`,
  grid: `does not start on the ${SLOT_GRID_MINUTES}-minute grid of slots`,
  hours: 'is outside this professional\'s working hours',
  busy: 'overlaps another visit or time off of this professional',
}

/** Whether a visit may start at `start` at all, whoever takes it: the notice and the horizon. */
export function timingRefusal(start: number, policy: SlotPolicy): 'notice' | 'horizon' | null {
  if (start < policy.now + policy.noticeMinutes * MINUTE) return 'notice'
  if (start > policy.now + (policy.horizonDays ?? BOOKING_HORIZON_DAYS) * DAY) return 'horizon'
  return null
}

/** Instants of a zone date's wall-clock minutes, computed once per day and minute. */
function dayClock(date: string, timezone: string) {
  const cache = new Map<number, number>()
  return (minuteOfDay: number) => {
    let instant = cache.get(minuteOfDay)
    if (instant === undefined) cache.set(minuteOfDay, instant = zonedTimeToInstant(date, minuteOfDay, timezone))
    return instant
  }
}

// Compared as instants, so that a window on a daylight-saving day still holds exactly its hours.
// 'away' when only time off stands in the way, 'busy' when a visit does.
function fits(professional: ProfessionalSchedule, weekday: number, minuteOfDay: number, window: Interval, clock: (minute: number) => number): 'hours' | 'busy' | 'away' | null {
  const inside = professional.weekly.some(weekly => weekly.weekday === weekday && weekly.startMinute <= minuteOfDay && window.end <= clock(weekly.endMinute))
  if (!inside) return 'hours'
  let away = false
  for (const busy of professional.busy) {
    if (!overlaps(busy, window)) continue
    if (!busy.away) return 'busy'
    away = true
  }
  return away ? 'away' : null
}

/**
 * Why `professional` cannot take the window [start, start + duration), or null when it is one of
 * their slots: on the grid, wholly inside one weekly window of that day, overlapping nothing busy.
 */
export function slotRefusal(professional: ProfessionalSchedule, start: number, durationMinutes: number, policy: SlotPolicy): SlotRefusal | null {
  const timing = timingRefusal(start, policy)
  if (timing) return timing
  const local = zonedParts(start, policy.timezone)
  if (local.minuteOfDay % SLOT_GRID_MINUTES !== 0 || local.second !== 0 || start % 1000 !== 0) return 'grid'
  const refusal = fits(professional, local.weekday, local.minuteOfDay, { start, end: start + durationMinutes * MINUTE }, dayClock(local.date, policy.timezone))
  return refusal === 'away' ? 'busy' : refusal
}

/**
 * Why a day has no free time, said to a customer: nobody works that day (or not long enough for the
 * service), everyone who works is booked, away (time off), the remaining times are too soon for the
 * notice, or the day lies past the booking horizon.
 */
export const emptyDayReasons = ['closed', 'booked', 'time-off', 'notice', 'horizon'] as const
export type EmptyDayReason = typeof emptyDayReasons[number]
export type SlotDay = { date: string, free: number, reason: EmptyDayReason | null }

type SlotInput = { from: string, days: number, durationMinutes: number, professionals: ProfessionalSchedule[] } & SlotPolicy

/**
 * Every slot of `days` days from `from` (a date in the zone): each grid start of the zone's days
 * that at least one professional can take, with who can, sorted by start; and for each day how many
 * slots it has and, when none, why.
 */
export function computeSlotDays(input: SlotInput): { slots: Slot[], days: SlotDay[] } {
  const { from, durationMinutes, professionals, timezone } = input
  const slots: Slot[] = []
  const days: SlotDay[] = []
  for (let offset = 0; offset < input.days; offset++) {
    const date = addDays(from, offset)
    const weekday = weekdayOf(date)
    const working = professionals.filter(professional => professional.weekly.some(window => window.weekday === weekday))
    const clock = dayClock(date, timezone)
    const midnight = clock(0)
    if (timingRefusal(midnight, input) === 'horizon') {
      days.push({ date, free: 0, reason: 'horizon' })
      continue
    }
    if (!working.length) {
      days.push({ date, free: 0, reason: 'closed' })
      continue
    }
    const nextMidnight = clock(24 * 60)
    const before = slots.length
    // What stood in the way of the day's starts inside somebody's hours.
    const seen = { busy: false, away: false, notice: false, horizon: false }
    for (let start = midnight; start < nextMidnight; start += SLOT_GRID_MINUTES * MINUTE) {
      // Minutes on the wall clock; on a daylight-saving day the grid follows the instants.
      const minuteOfDay = Math.round((start - midnight) / MINUTE)
      const window = { start, end: start + durationMinutes * MINUTE }
      const timing = timingRefusal(start, input)
      if (timing) {
        if (!seen[timing] && working.some(professional => fits(professional, weekday, minuteOfDay, window, clock) !== 'hours')) seen[timing] = true
        continue
      }
      const professionalIds: number[] = []
      for (const professional of working) {
        const refusal = fits(professional, weekday, minuteOfDay, window, clock)
        if (refusal === null) professionalIds.push(professional.id)
        else if (refusal !== 'hours') seen[refusal] = true
      }
      if (professionalIds.length) slots.push({ ...window, professionalIds })
    }
    const free = slots.length - before
    const reason = free ? null : seen.busy ? 'booked' : seen.away ? 'time-off' : seen.notice ? 'notice' : seen.horizon ? 'horizon' : 'closed'
    days.push({ date, free, reason })
  }
  return { slots, days }
}

/** The slots of `computeSlotDays` alone. */
export const computeSlots = (input: SlotInput): Slot[] => computeSlotDays(input).slots

/** "HH:MM" ⇄ minutes of the day; "24:00" is the end of the day. */
export const minutesToClock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
export function clockToMinutes(clock: string) {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}
