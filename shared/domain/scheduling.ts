import { z } from './zod'
import type { RequestStatus } from './enums'
import { idSchema, pincodeSchema } from './fields'
import { clockToMinutes, minutesToClock, SLOT_GRID_MINUTES, type WeeklyWindow } from './slots'

// The scheduling policy of the contract: weekly hours, time off, reschedule and cancellation terms.

const HOUR = 3_600_000
export const MAX_RESCHEDULES = 2
export const MAX_WINDOWS_PER_DAY = 4
export const AVAILABILITY_GRID_MINUTES = 15
export const CANCELLED_FEED_DAYS = 30

/** A new professional's hours: Monday–Saturday 09:00–18:00. */
export const DEFAULT_WEEKLY: WeeklyWindow[] = [1, 2, 3, 4, 5, 6].map(weekday => ({ weekday, startMinute: 9 * 60, endMinute: 18 * 60 }))

export type SchedulingPolicy = {
  timezone: string
  noticeMinutes: number
  rescheduleCutoffHours: number
  cancelCutoffHours: number
  lateCancelFeePercent: number
}

export const DEFAULT_POLICY: SchedulingPolicy = { timezone: 'Asia/Kolkata', noticeMinutes: 120, rescheduleCutoffHours: 12, cancelCutoffHours: 12, lateCancelFeePercent: 20 }

/**
 * Why a request cannot be rescheduled now, or null. Only an `assigned` visit has a cut-off and a
 * limit: a `requested` one has not been promised yet.
 */
export function rescheduleRefusal(request: { status: RequestStatus, scheduledFor: number, rescheduleCount: number }, now: number, policy: Pick<SchedulingPolicy, 'rescheduleCutoffHours'>) {
  if (request.status !== 'assigned') return null
  if (request.rescheduleCount >= MAX_RESCHEDULES) return `This visit has already been rescheduled ${MAX_RESCHEDULES} times: cancel it and book again`
  if (request.scheduledFor - now < policy.rescheduleCutoffHours * HOUR) {
    return `This visit starts in less than ${policy.rescheduleCutoffHours} hours: it can no longer be rescheduled`
  }
  return null
}

/**
 * What cancelling costs: an `assigned` visit cancelled less than the cut-off before its start is
 * late, for the policy's percentage of the booked price, rounded to the paisa (half up).
 */
export function cancellationTerms(request: { status: RequestStatus, scheduledFor: number, pricePaise: number }, now: number, policy: Pick<SchedulingPolicy, 'cancelCutoffHours' | 'lateCancelFeePercent'>) {
  const late = request.status === 'assigned' && request.scheduledFor - now < policy.cancelCutoffHours * HOUR
  return { late, feePaise: late ? Math.round(request.pricePaise * policy.lateCancelFeePercent / 100) : 0 }
}

/** A professional may hand an assigned visit back only before it starts. */
export const releaseRefusal = (request: { scheduledFor: number }, now: number) =>
  now >= request.scheduledFor ? 'This visit has already started: it can no longer be released' : null

const clock = z.string({ error: 'Give a time as HH:MM' }).regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'Give a time as HH:MM (00:00 to 24:00)')
  .refine(value => clockToMinutes(value) <= 24 * 60, 'Give a time as HH:MM (00:00 to 24:00)')
  .refine(value => clockToMinutes(value) % AVAILABILITY_GRID_MINUTES === 0, `Times are on a ${AVAILABILITY_GRID_MINUTES}-minute grid (:00, :15, :30, :45)`)

const weeklyWindowSchema = z.object({
  weekday: z.number({ error: 'Weekday is a whole number from 1 (Monday) to 7 (Sunday)' }).int('Weekday is a whole number from 1 (Monday) to 7 (Sunday)')
    .min(1, 'Weekday is a whole number from 1 (Monday) to 7 (Sunday)').max(7, 'Weekday is a whole number from 1 (Monday) to 7 (Sunday)'),
  start: clock,
  end: clock,
})

export const availabilityUpdateSchema = z.object({
  weekly: z.array(weeklyWindowSchema, { error: 'Give the weekly hours as a list' }).max(7 * MAX_WINDOWS_PER_DAY, `At most ${MAX_WINDOWS_PER_DAY} windows a day`),
}).superRefine(({ weekly }, context) => {
  const perDay = new Map<number, number>()
  weekly.forEach((window, index) => {
    const start = clockToMinutes(window.start)
    const end = clockToMinutes(window.end)
    if (start >= end) {
      context.addIssue({ code: 'custom', path: ['weekly', index, 'end'], message: 'The end must be after the start' })
      return
    }
    perDay.set(window.weekday, (perDay.get(window.weekday) ?? 0) + 1)
    if (perDay.get(window.weekday)! > MAX_WINDOWS_PER_DAY) {
      context.addIssue({ code: 'custom', path: ['weekly', index], message: `At most ${MAX_WINDOWS_PER_DAY} windows a day` })
      return
    }
    const clash = weekly.findIndex((other, otherIndex) => otherIndex < index && other.weekday === window.weekday
      && clockToMinutes(other.start) < end && start < clockToMinutes(other.end))
    if (clash >= 0) context.addIssue({ code: 'custom', path: ['weekly', index, 'start'], message: `Overlaps window ${clash} of the same day` })
  })
})

export type AvailabilityUpdate = z.output<typeof availabilityUpdateSchema>

export const toWeeklyWindows = (weekly: AvailabilityUpdate['weekly']): WeeklyWindow[] =>
  weekly.map(window => ({ weekday: window.weekday, startMinute: clockToMinutes(window.start), endMinute: clockToMinutes(window.end) }))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute)

export const fromWeeklyWindows = (weekly: WeeklyWindow[]) =>
  weekly.map(window => ({ weekday: window.weekday, start: minutesToClock(window.startMinute), end: minutesToClock(window.endMinute) }))

/** A time sent in: ISO 8601 with its zone (Z or ±hh:mm), a real date, a year up to 2100. */
export const zonedTimeSchema = z.string({ error: 'Give a time in ISO 8601 with its zone, e.g. 2026-12-01T10:00:00Z' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'Give a time in ISO 8601 with its zone, e.g. 2026-12-01T10:00:00Z')
  .transform(value => new Date(value))
  .refine(date => !Number.isNaN(date.getTime()) && date.getUTCFullYear() <= 2100, 'Give a real date, up to the year 2100')

export const timeOffCreateSchema = z.object({
  from: zonedTimeSchema,
  to: zonedTimeSchema,
  reason: z.string().trim().max(200, 'Reason must be at most 200 characters').default(''),
}).superRefine(({ from, to }, context) => {
  if (!(from instanceof Date) || !(to instanceof Date)) return // already reported on the field
  if (to.getTime() <= from.getTime()) context.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' })
  else if (to.getTime() <= Date.now()) context.addIssue({ code: 'custom', path: ['to'], message: 'The end must be in the future' })
})

export const slotsQuerySchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD')
    .refine(value => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'Give a real date')
    .optional(),
  days: z.coerce.number().int('Days is a whole number from 1 to 14').min(1, 'Days is a whole number from 1 to 14').max(14, 'Days is a whole number from 1 to 14').default(7),
  professionalId: idSchema.optional(),
  pincode: pincodeSchema.optional(),
})

export const rescheduleSchema = z.object({ scheduledFor: zonedTimeSchema })

export type SlotsQuery = z.output<typeof slotsQuerySchema>
export { SLOT_GRID_MINUTES }
