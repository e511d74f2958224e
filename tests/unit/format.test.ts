import { describe, expect, it } from 'vitest'
import { dayKeyInZone, formatDayKey, formatTimeInZone, formatWindow, formatZoneName, isoToLocalInput, localInputToIso, weekStartOfKey, zonedTimeToIso } from '../../shared/utils/format'

describe('times of the platform\'s zone, as the scheduling pages show them', () => {
  it('puts an instant on the day of the zone, not of UTC, across the zone\'s midnight', () => {
    expect(dayKeyInZone('2026-11-22T18:29:00.000Z')).toBe('2026-11-22')
    expect(dayKeyInZone('2026-11-22T18:30:00.000Z')).toBe('2026-11-23')
    expect(dayKeyInZone('2026-11-22T18:30:00.000Z', 'UTC')).toBe('2026-11-22')
  })

  it('finds the Monday of a week, Sunday included', () => {
    expect(weekStartOfKey('2026-11-22')).toBe('2026-11-16')
    expect(weekStartOfKey('2026-11-23')).toBe('2026-11-23')
    expect(weekStartOfKey('2026-03-01')).toBe('2026-02-23')
  })

  it('turns wall-clock times into instants and back, in a zone with daylight saving too', () => {
    expect(zonedTimeToIso('2026-11-23', '09:00')).toBe('2026-11-23T03:30:00.000Z')
    expect(localInputToIso('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z')
    expect(localInputToIso('2026-12-01T09:00', 'Europe/Berlin')).toBe('2026-12-01T08:00:00.000Z')
    expect(isoToLocalInput('2026-11-23T03:30:00.000Z')).toBe('2026-11-23T09:00')
    expect(formatTimeInZone('2026-11-23T12:30:00.000Z')).toBe('18:00')
  })

  it('shows a window with its end time, and the end\'s date when it is another day', () => {
    expect(formatWindow('2026-11-23T05:00:00.000Z', '2026-11-23T06:00:00.000Z')).toMatch(/23 Nov 2026, 10:30 (am|AM)( IST)? – 11:30/)
    expect(formatWindow('2026-11-23T17:30:00.000Z', '2026-11-23T19:30:00.000Z')).toMatch(/– 24 Nov 2026, 1:00 (am|AM)/)
    expect(formatDayKey('2026-11-23')).toBe('Mon, 23 Nov')
    expect(formatDayKey('2026-11-23', 'long')).toBe('Monday, 23 November')
    expect(formatZoneName('Asia/Kolkata')).toBe('India Standard Time')
  })
})
