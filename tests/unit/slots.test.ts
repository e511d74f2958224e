import { describe, expect, it } from 'vitest'
import { availabilityUpdateSchema, cancellationTerms, DEFAULT_WEEKLY, releaseRefusal, rescheduleRefusal, timeOffCreateSchema } from '../../shared/domain/scheduling'
import { computeSlotDays, computeSlots, slotRefusal, weekdayOf, zonedParts, zonedTimeToInstant, type ProfessionalSchedule } from '../../shared/domain/slots'
import { toFieldIssues } from '../../shared/domain/fields'

const TZ = 'Asia/Kolkata'
// The fixed clock: Monday 2 March 2026, 05:30 in Kolkata.
const NOW = Date.parse('2026-03-02T00:00:00Z')
const HOUR = 3_600_000
const at = (iso: string) => Date.parse(iso)
const iso = (time: number) => new Date(time).toISOString()
const policy = { timezone: TZ, now: NOW, noticeMinutes: 120 }
const pro = (id: number, overrides: Partial<ProfessionalSchedule> = {}): ProfessionalSchedule => ({ id, weekly: DEFAULT_WEEKLY, busy: [], ...overrides })
const slots = (professionals: ProfessionalSchedule[], from = '2026-03-02', days = 1, durationMinutes = 60, now = NOW) =>
  computeSlots({ ...policy, now, from, days, durationMinutes, professionals })

describe('why a day has no free time', () => {
  const reasons = (professionals: ProfessionalSchedule[], options: { from?: string, days?: number, durationMinutes?: number, now?: number } = {}) =>
    computeSlotDays({ ...policy, from: '2026-03-02', days: 1, durationMinutes: 60, ...options, professionals }).days.map(day => [day.date, day.free, day.reason])
  // Monday 2 March 2026 in Kolkata: 09:00–18:00 is [03:30, 12:30) UTC.
  const wholeDay = { start: at('2026-03-02T03:30:00Z'), end: at('2026-03-02T12:30:00Z') }

  it('counts the free times of each day, and says nobody works on a day off', () => {
    expect(reasons([pro(1)], { days: 7 })).toEqual([
      ...['02', '03', '04', '05', '06', '07'].map(day => [`2026-03-${day}`, 17, null]),
      ['2026-03-08', 0, 'closed'],
    ])
    expect(reasons([])).toEqual([['2026-03-02', 0, 'closed']])
    // Hours too short for the service count as nobody working then.
    expect(reasons([pro(1)], { durationMinutes: 600 })).toEqual([['2026-03-02', 0, 'closed']])
  })

  it('tells booked from away: any visit in the way is "booked", only time off is "time-off"', () => {
    expect(reasons([pro(1, { busy: [wholeDay] })])).toEqual([['2026-03-02', 0, 'booked']])
    expect(reasons([pro(1, { busy: [{ ...wholeDay, away: true }] })])).toEqual([['2026-03-02', 0, 'time-off']])
    expect(reasons([pro(1, { busy: [{ ...wholeDay, away: true }] }), pro(2, { busy: [wholeDay] })])).toEqual([['2026-03-02', 0, 'booked']])
    // Away for the morning and booked for the afternoon: booked.
    const morning = { start: wholeDay.start, end: at('2026-03-02T07:30:00Z'), away: true }
    expect(reasons([pro(1, { busy: [morning, { start: morning.end, end: wholeDay.end }] })])).toEqual([['2026-03-02', 0, 'booked']])
    // Time off is refused as "busy" to a booking, like a visit.
    expect(slotRefusal(pro(1, { busy: [{ ...wholeDay, away: true }] }), at('2026-03-02T05:00:00Z'), 60, policy)).toBe('busy')
  })

  it('says "notice" when what is left of a day is too soon, and "horizon" past 60 days', () => {
    // 16:00 in Kolkata: the notice leaves nothing of the day's hours.
    expect(reasons([pro(1)], { now: at('2026-03-02T10:30:00Z') })).toEqual([['2026-03-02', 0, 'notice']])
    const late = computeSlotDays({ ...policy, from: '2026-04-30', days: 3, durationMinutes: 60, professionals: [pro(1)] }).days
    // The horizon ends on 1 May at 05:30 in Kolkata, before that day's hours begin.
    expect(late.map(day => day.reason)).toEqual([null, 'horizon', 'horizon'])
  })
})

describe('zone arithmetic without a library', () => {
  it('turns wall-clock minutes of a zone date into instants and back', () => {
    expect(iso(zonedTimeToInstant('2026-03-02', 9 * 60, TZ))).toBe('2026-03-02T03:30:00.000Z')
    expect(iso(zonedTimeToInstant('2026-03-02', 0, TZ))).toBe('2026-03-01T18:30:00.000Z')
    expect(iso(zonedTimeToInstant('2026-03-02', 24 * 60, TZ))).toBe('2026-03-02T18:30:00.000Z')
    expect(zonedParts(at('2026-03-01T18:30:00Z'), TZ)).toMatchObject({ date: '2026-03-02', minuteOfDay: 0, weekday: 1 })
    expect(weekdayOf('2026-03-08')).toBe(7)
  })

  it('follows a daylight-saving change (New York, 8 March 2026)', () => {
    expect(iso(zonedTimeToInstant('2026-03-07', 9 * 60, 'America/New_York'))).toBe('2026-03-07T14:00:00.000Z')
    expect(iso(zonedTimeToInstant('2026-03-09', 9 * 60, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z')
  })
})

describe('slots', () => {
  it('lists the 30-minute grid inside the hours, the last one ending exactly at closing (half-open)', () => {
    const day = slots([pro(1)])
    expect(day.map(slot => iso(slot.start)).slice(0, 3)).toEqual(['2026-03-02T03:30:00.000Z', '2026-03-02T04:00:00.000Z', '2026-03-02T04:30:00.000Z'])
    // 09:00 … 17:00 in Kolkata: 17 starts, the last ends at 18:00.
    expect(day).toHaveLength(17)
    expect(iso(day.at(-1)!.end)).toBe('2026-03-02T12:30:00.000Z')
  })

  it('lists hours across several days, none on the Sunday without hours', () => {
    const week = slots([pro(1)], '2026-03-02', 7)
    const days = new Set(week.map(slot => zonedParts(slot.start, TZ).date))
    expect([...days]).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'])
  })

  it('belongs to the zone\'s day: a window from midnight starts the day before in UTC', () => {
    const nightOwl = pro(1, { weekly: [{ weekday: 2, startMinute: 0, endMinute: 60 }, { weekday: 1, startMinute: 23 * 60, endMinute: 24 * 60 }] })
    const monday = slots([nightOwl], '2026-03-02')
    expect(monday.map(slot => iso(slot.start))).toEqual(['2026-03-02T17:30:00.000Z'])
    const tuesday = slots([nightOwl], '2026-03-03')
    expect(tuesday.map(slot => iso(slot.start))).toEqual(['2026-03-02T18:30:00.000Z'])
    // Two windows that meet at midnight are still two windows: a slot never straddles them.
    expect(slots([nightOwl], '2026-03-02', 2, 90)).toEqual([])
  })

  it('keeps the notice: nothing before now + 120 minutes', () => {
    const now = at('2026-03-02T04:15:00Z') // 09:45 in Kolkata
    const day = slots([pro(1)], '2026-03-02', 1, 60, now)
    expect(iso(day[0]!.start)).toBe('2026-03-02T06:30:00.000Z') // 12:00, the first start at least 2 h away
    expect(slotRefusal(pro(1), at('2026-03-02T06:00:00Z'), 60, { ...policy, now })).toBe('notice')
  })

  it('stops at the 60-day horizon', () => {
    expect(slots([pro(1)], '2026-05-01', 1)).toHaveLength(0)
    expect(slots([pro(1)], '2026-04-30', 1).length).toBeGreaterThan(0)
  })

  it('leaves out time off and booked windows, touching their edges but never overlapping them', () => {
    const busy = [{ start: at('2026-03-02T05:30:00Z'), end: at('2026-03-02T06:30:00Z') }] // 11:00–12:00
    const day = slots([pro(1, { busy })]).map(slot => iso(slot.start))
    expect(day).toContain('2026-03-02T04:30:00.000Z') // 10:00–11:00 ends where the time off begins
    expect(day).not.toContain('2026-03-02T05:00:00.000Z') // 10:30–11:30 overlaps
    expect(day).not.toContain('2026-03-02T06:00:00.000Z') // 11:30–12:30 overlaps
    expect(day).toContain('2026-03-02T06:30:00.000Z') // 12:00–13:00 starts where it ends
    expect(slotRefusal(pro(1, { busy }), at('2026-03-02T05:00:00Z'), 60, policy)).toBe('busy')
  })

  it('lists who is free in each slot, and no slot no one can take', () => {
    const day = slots([pro(1), pro(2, { busy: [{ start: at('2026-03-02T03:30:00Z'), end: at('2026-03-02T12:30:00Z') }] })])
    expect(day.every(slot => slot.professionalIds.join() === '1')).toBe(true)
    expect(slots([pro(2, { busy: [{ start: at('2026-03-02T03:30:00Z'), end: at('2026-03-02T12:30:00Z') }] })])).toEqual([])
  })

  it('has no slot for a 7-hour service in a 6-hour window, and one start in a 7-hour one', () => {
    const short = pro(1, { weekly: [{ weekday: 1, startMinute: 9 * 60, endMinute: 15 * 60 }] })
    expect(slots([short], '2026-03-02', 1, 420)).toEqual([])
    const exact = pro(1, { weekly: [{ weekday: 1, startMinute: 9 * 60, endMinute: 16 * 60 }] })
    expect(slots([exact], '2026-03-02', 1, 420).map(slot => iso(slot.start))).toEqual(['2026-03-02T03:30:00.000Z'])
  })

  it('refuses a start off the grid or outside the hours', () => {
    expect(slotRefusal(pro(1), at('2026-03-03T03:45:00Z'), 60, policy)).toBe('grid') // 09:15
    expect(slotRefusal(pro(1), at('2026-03-03T12:00:00Z'), 60, policy)).toBe('hours') // 17:30–18:30
    expect(slotRefusal(pro(1), at('2026-03-08T04:30:00Z'), 60, policy)).toBe('hours') // Sunday
    expect(slotRefusal(pro(1), at('2026-03-03T11:30:00Z'), 60, policy)).toBeNull() // 17:00–18:00
  })
})

describe('policy', () => {
  const start = NOW + 24 * HOUR
  it('allows rescheduling an assigned visit twice, and not within 12 hours of its start', () => {
    const cutoff = { rescheduleCutoffHours: 12 }
    expect(rescheduleRefusal({ status: 'assigned', scheduledFor: start, rescheduleCount: 1 }, NOW, cutoff)).toBeNull()
    expect(rescheduleRefusal({ status: 'assigned', scheduledFor: start, rescheduleCount: 2 }, NOW, cutoff)).toMatch(/2 times/)
    expect(rescheduleRefusal({ status: 'assigned', scheduledFor: start, rescheduleCount: 0 }, start - 12 * HOUR, cutoff)).toBeNull()
    expect(rescheduleRefusal({ status: 'assigned', scheduledFor: start, rescheduleCount: 0 }, start - 12 * HOUR + 1, cutoff)).toMatch(/less than 12 hours/)
    expect(rescheduleRefusal({ status: 'requested', scheduledFor: start, rescheduleCount: 5 }, start - HOUR, cutoff)).toBeNull()
  })

  it('charges a late cancellation of an assigned visit its percentage, to the paisa', () => {
    const terms = { cancelCutoffHours: 12, lateCancelFeePercent: 20 }
    expect(cancellationTerms({ status: 'assigned', scheduledFor: start, pricePaise: 39_950 }, start - 11 * HOUR, terms)).toEqual({ late: true, feePaise: 7_990 })
    expect(cancellationTerms({ status: 'assigned', scheduledFor: start, pricePaise: 49_999 }, start - HOUR, terms)).toEqual({ late: true, feePaise: 10_000 }) // 9999.8 → 10000
    expect(cancellationTerms({ status: 'assigned', scheduledFor: start, pricePaise: 33_333 }, start - HOUR, { ...terms, lateCancelFeePercent: 15 })).toEqual({ late: true, feePaise: 5_000 }) // 4999.95 → 5000
    expect(cancellationTerms({ status: 'assigned', scheduledFor: start, pricePaise: 39_950 }, start - 12 * HOUR, terms)).toEqual({ late: false, feePaise: 0 })
    expect(cancellationTerms({ status: 'requested', scheduledFor: start, pricePaise: 39_950 }, start - HOUR, terms)).toEqual({ late: false, feePaise: 0 })
  })

  it('lets a professional release a visit only before it starts', () => {
    expect(releaseRefusal({ scheduledFor: start }, start - 1)).toBeNull()
    expect(releaseRefusal({ scheduledFor: start }, start)).toMatch(/started/)
  })
})

describe('inputs', () => {
  const issues = (body: unknown) => {
    const parsed = availabilityUpdateSchema.safeParse(body)
    return parsed.success ? [] : toFieldIssues(parsed.error).map(issue => issue.path)
  }
  it('names the bad window of the weekly hours', () => {
    expect(issues({ weekly: [] })).toEqual([])
    expect(issues({ weekly: [{ weekday: 1, start: '09:00', end: '24:00' }] })).toEqual([])
    expect(issues({ weekly: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '13:00', end: '12:30' }] })).toEqual(['weekly.1.end'])
    expect(issues({ weekly: [{ weekday: 1, start: '09:10', end: '12:00' }] })).toEqual(['weekly.0.start'])
    expect(issues({ weekly: [{ weekday: 8, start: '09:00', end: '12:00' }] })).toEqual(['weekly.0.weekday'])
    expect(issues({ weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:45', end: '13:00' }] })).toEqual(['weekly.1.start'])
    const five = ['08:00', '10:00', '12:00', '14:00', '16:00'].map(start => ({ weekday: 3, start, end: `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00` }))
    expect(issues({ weekly: five })).toEqual(['weekly.4'])
  })

  it('wants time off with zones, from before to', () => {
    expect(timeOffCreateSchema.safeParse({ from: '2099-01-01T10:00:00Z', to: '2099-01-01T09:00:00Z' }).success).toBe(false)
    expect(timeOffCreateSchema.safeParse({ from: '2099-01-01T10:00:00', to: '2099-01-02T09:00:00Z' }).success).toBe(false)
    expect(timeOffCreateSchema.safeParse({ from: '2099-01-01T10:00:00+05:30', to: '2099-01-02T09:00:00Z' }).success).toBe(true)
  })
})
