/**
 * Issue 13 in the benchmark: S7 (a week of slots of the service with the most professionals) and
 * the bodies S5 books, which are real free slots of named professionals, plus the query that
 * proves no professional was double-booked afterwards.
 */
import Database from 'better-sqlite3'
import { DEFAULT_POLICY } from '../shared/domain/scheduling'
import { computeSlots, zonedToday, type ProfessionalSchedule } from '../shared/domain/slots'

const approvedSql = `SELECT u.id, p.service_id AS serviceId FROM users u JOIN professional_profiles p ON p.user_id = u.id
  WHERE u.role = 'professional' AND u.status = 'active' AND p.approval = 'approved'`

/** The service with the most approved professionals (50 in the full data set when one has that many). */
export function slotsScenarioService(databasePath: string) {
  const sqlite = new Database(databasePath, { readonly: true })
  const row = sqlite.prepare(`SELECT serviceId, count(*) AS professionals FROM (${approvedSql}) GROUP BY serviceId ORDER BY professionals DESC LIMIT 1`).get() as { serviceId: number, professionals: number }
  sqlite.close()
  return row
}

/**
 * Up to `limit` booking bodies on free slots, never two overlapping for one professional, computed
 * with the app's own slot rules from the database as it is before S5 starts.
 */
export function slotBookings(databasePath: string, limit: number, now = Date.now()) {
  const sqlite = new Database(databasePath, { readonly: true })
  const professionals = sqlite.prepare(approvedSql).all() as { id: number, serviceId: number }[]
  const minutes = new Map((sqlite.prepare('SELECT id, time_required_minutes AS m FROM services').all() as { id: number, m: number }[]).map(row => [row.id, row.m]))
  const weekly = sqlite.prepare('SELECT weekday, start_minute AS startMinute, end_minute AS endMinute FROM availability_windows WHERE professional_id = ?')
  const holds = sqlite.prepare('SELECT starts_at AS start, ends_at AS end FROM professional_holds WHERE professional_id = ?')
  const policy = { ...DEFAULT_POLICY, now: now + 10 * 60_000 } // keeps the notice through the run
  const from = zonedToday(now, policy.timezone)
  const bodies: { serviceId: number, professionalId: number, scheduledFor: string, remarks: string }[] = []
  for (let day = 0; day < 56 && bodies.length < limit; day += 14) {
    for (const professional of professionals) {
      const schedule: ProfessionalSchedule = { id: professional.id, weekly: weekly.all(professional.id) as ProfessionalSchedule['weekly'], busy: holds.all(professional.id) as ProfessionalSchedule['busy'] }
      const duration = minutes.get(professional.serviceId)!
      let freeFrom = 0
      const start = new Date(`${from}T00:00:00Z`)
      start.setUTCDate(start.getUTCDate() + day)
      for (const slot of computeSlots({ ...policy, from: start.toISOString().slice(0, 10), days: 14, durationMinutes: duration, professionals: [schedule] })) {
        if (slot.start < freeFrom) continue
        bodies.push({ serviceId: professional.serviceId, professionalId: professional.id, scheduledFor: new Date(slot.start).toISOString(), remarks: 'bench' })
        freeFrom = slot.end
        if (bodies.length >= limit) break
      }
      if (bodies.length >= limit) break
    }
  }
  sqlite.close()
  // Spread over professionals, so that concurrent bookings rarely wait on one another's rows.
  return bodies.sort((a, b) => (a.professionalId * 7919 + Date.parse(a.scheduledFor)) % 1009 - (b.professionalId * 7919 + Date.parse(b.scheduledFor)) % 1009)
}

/** Pairs of overlapping held windows of one professional: must be 0. */
export function doubleBookings(databasePath: string) {
  const sqlite = new Database(databasePath, { readonly: true })
  const count = sqlite.prepare(`SELECT count(*) FROM service_requests a JOIN service_requests b
    ON b.professional_id = a.professional_id AND b.id > a.id AND a.scheduled_for < b.ends_at AND b.scheduled_for < a.ends_at
    WHERE a.professional_id IS NOT NULL AND a.status IN ('requested', 'assigned') AND b.status IN ('requested', 'assigned')`).pluck().get() as number
  sqlite.close()
  return count
}
