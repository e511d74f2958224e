import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { beforeEach, describe, expect, it } from 'vitest'
import { migrateDatabase, type AppDatabase } from '../../db/client'
import { jobDeliveries } from '../../db/schema'
import { dailyReminders, selectDailyReminders } from '../../tasks/jobs/daily-reminders'
import { EXPORT_COLUMNS, toCsv, writeRequestsCsv } from '../../tasks/jobs/export'
import { inactiveReminders } from '../../tasks/jobs/inactive-reminders'
import { monthlyReport } from '../../tasks/jobs/monthly-report'
import { buildMonthlyReport } from '../../server/utils/monthly-report'
import { monthRange, previousMonth } from '../../shared/domain/jobs'
import { insertCustomer, insertProfessional, insertRequest, insertReview, insertService, openTestDatabase } from '../support/fixtures'

const settings = { publicUrl: 'https://hs.test', inactiveDays: 30 }
const DAY = 86_400_000
// The fixed clock of every test here.
const NOW = new Date('2026-03-01T06:00:00.000Z')

let db: AppDatabase

beforeEach(() => {
  db = openTestDatabase(join(mkdtempSync(join(tmpdir(), 'hs-unit-jobs-')), 'app.db'))
  migrateDatabase(db)
})

describe('periods', () => {
  it('names the previous month in UTC, across a year boundary', () => {
    expect(previousMonth(new Date('2026-01-01T00:30:00Z'))).toBe('2025-12')
    expect(previousMonth(NOW)).toBe('2026-02')
    expect(monthRange('2024-02')).toEqual({ start: new Date('2024-02-01T00:00:00Z'), end: new Date('2024-03-01T00:00:00Z') })
  })
})

describe('daily reminders', () => {
  it('select approved, active professionals with named or open requests of their service', () => {
    const service = insertService(db, 'Tap repair')
    const other = insertService(db, 'Painting')
    const customer = insertCustomer(db)
    const named = insertProfessional(db, service.id, { name: 'Ravi' })
    const colleague = insertProfessional(db, service.id)
    const painter = insertProfessional(db, other.id)
    const blocked = insertProfessional(db, service.id, { status: 'blocked' })
    const pending = insertProfessional(db, service.id, { approval: 'pending' })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: named.id, scheduledFor: new Date('2026-03-04T09:00:00Z'), pincode: '560034' })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, scheduledFor: new Date('2026-03-02T09:00:00Z') })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: blocked.id })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pending.id })
    insertRequest(db, { customerId: customer.id, serviceId: other.id, professionalId: painter.id, status: 'assigned' })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: colleague.id, status: 'cancelled' })

    const selected = [...selectDailyReminders(db)]
    expect(selected.map(recipient => recipient.id)).toEqual([named.id, colleague.id])
    expect(selected[0]!.requests.map(request => request.named)).toEqual([false, true]) // soonest first

    const messages = [...dailyReminders.collect(db, NOW, settings)]
    expect(messages.map(message => message.period)).toEqual(['2026-03-01', '2026-03-01'])
    expect(messages[0]!.mail.subject).toBe('2 requests awaiting your answer')
    expect(messages[0]!.mail.text).toContain('Tap repair · pincode 560034 · 4 Mar 2026, 09:00 UTC · asked for you · https://hs.test/professional/requests/')
    expect(messages[0]!.chatText).toMatch(/^\*Ravi\*: 2 requests awaiting your answer\n• /)
  })
})

describe('monthly report', () => {
  it('covers the previous month only: statuses, services, professionals, ratings and money spent', () => {
    const service = insertService(db, 'AC service', 59_900)
    const pro = insertProfessional(db, service.id, { name: 'Joseph' })
    const customer = insertCustomer(db, { name: 'Priya' })
    const feb = (day: number) => new Date(Date.UTC(2026, 1, day, 10))
    const done = insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, status: 'closed', createdAt: feb(2), completedAt: feb(4), pricePaise: 59_900 })
    insertReview(db, done, 5, 'Cool again', feb(5))
    // Created in January, completed in February: counts, and so does its price.
    insertRequest(db, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, status: 'completed', createdAt: new Date('2026-01-28T10:00:00Z'), completedAt: feb(1), pricePaise: 40_000 })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'requested', createdAt: new Date('2026-03-01T01:00:00Z') }) // this month
    const januaryOnly = insertCustomer(db)
    insertRequest(db, { customerId: januaryOnly.id, serviceId: service.id, status: 'closed', createdAt: new Date('2026-01-05T10:00:00Z'), completedAt: new Date('2026-01-06T10:00:00Z') })
    const blocked = insertCustomer(db, { status: 'blocked' })
    insertRequest(db, { customerId: blocked.id, serviceId: service.id, createdAt: feb(10) })

    const messages = [...monthlyReport.collect(db, NOW, settings)]
    expect(messages.map(message => message.recipientId)).toEqual([customer.id])
    expect(messages[0]!.period).toBe('2026-02')
    expect(messages[0]!.mail.subject).toBe('Your activity in February 2026')
    expect(messages[0]!.mail.html).toContain('₹999')
    expect(messages[0]!.mail.html).toContain('Cool again')
    expect(messages[0]!.mail.html).not.toMatch(/<style|<link/)

    const report = buildMonthlyReport(db, customer, '2026-02')
    expect(report.byStatus).toMatchObject({ closed: 1, completed: 1, requested: 0 })
    expect(report.amountSpentPaise).toBe(99_900)
    expect(report.services).toEqual([{ name: 'AC service', requests: 2 }])
    expect(report.professionals).toEqual([{ name: 'Joseph', requests: 2 }])
    expect(report.ratings).toMatchObject([{ rating: 5, comment: 'Cool again', professional: 'Joseph' }])
    expect(buildMonthlyReport(db, customer, '2025-12').requests).toEqual([])
  })
})

describe('inactive reminders', () => {
  it('nudge customers away for INACTIVE_DAYS, with services popular at their pincode, not twice in 30 days', () => {
    const service = insertService(db, 'Kitchen cleaning', 99_900)
    const quiet = insertService(db, 'Sofa cleaning')
    const neighbour = insertCustomer(db, { pincode: '400001' })
    insertRequest(db, { customerId: neighbour.id, serviceId: service.id, pincode: '400001', createdAt: new Date(NOW.getTime() - 5 * DAY) })
    insertRequest(db, { customerId: neighbour.id, serviceId: quiet.id, pincode: '110001', createdAt: new Date(NOW.getTime() - 5 * DAY) })
    const away = insertCustomer(db, { pincode: '400001', lastSignInAt: new Date(NOW.getTime() - 31 * DAY) })
    insertCustomer(db, { pincode: '400001', lastSignInAt: new Date(NOW.getTime() - 29 * DAY) })
    insertCustomer(db, { status: 'blocked', lastSignInAt: new Date(NOW.getTime() - 90 * DAY) })
    const nudged = insertCustomer(db, { lastSignInAt: new Date(NOW.getTime() - 90 * DAY) })
    db.insert(jobDeliveries).values({ job: 'inactive-reminders', recipientId: nudged.id, period: '2026-02-10', createdAt: new Date('2026-02-10T10:00:00Z') }).run()
    const nudgedLongAgo = insertCustomer(db, { pincode: '999999', lastSignInAt: new Date(NOW.getTime() - 90 * DAY) })
    db.insert(jobDeliveries).values({ job: 'inactive-reminders', recipientId: nudgedLongAgo.id, period: '2026-01-15', createdAt: new Date('2026-01-15T10:00:00Z') }).run()

    const messages = [...inactiveReminders.collect(db, NOW, settings)]
    expect(messages.map(message => message.recipientId)).toEqual([away.id, nudgedLongAgo.id])
    expect(messages[0]!.period).toBe('2026-03-01')
    expect(messages[0]!.mail.text).toContain('Popular near 400001:\n- Kitchen cleaning (from ₹999)')
    expect(messages[0]!.mail.text).not.toContain('Sofa cleaning')
    // Nothing requested at 999999: the most requested services anywhere instead.
    expect(messages[1]!.mail.text).toContain('Popular right now:')
    expect([...inactiveReminders.collect(db, NOW, { ...settings, inactiveDays: 28 })].map(message => message.recipientId)).toHaveLength(3)
  })
})

describe('CSV export', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(toCsv([[1, 'a,b', 'say "hi"', 'two\nlines', '=1+1', '', null]])).toBe('1,"a,b","say ""hi""","two\nlines",\'=1+1,,')
  })

  it('streams every matching row in contract column order', async () => {
    const service = insertService(db, 'Plumbing')
    const customer = insertCustomer(db, { name: 'Asha' })
    const pro = insertProfessional(db, service.id, { name: 'Ravi' })
    db.transaction((tx) => {
      for (let i = 0; i < 1203; i++) {
        insertRequest(tx as unknown as AppDatabase, { customerId: customer.id, serviceId: service.id, professionalId: pro.id, status: 'closed', remarks: `visit ${i}, "gate"`, createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 28))) })
      }
    })
    insertRequest(db, { customerId: customer.id, serviceId: service.id, status: 'cancelled', createdAt: new Date('2026-01-03T00:00:00Z') })
    const file = join(mkdtempSync(join(tmpdir(), 'hs-unit-csv-')), 'out.csv')
    const progress: number[] = []
    const rows = await writeRequestsCsv(db.sqlite, { status: 'closed', from: new Date('2026-01-01T00:00:00Z'), to: null }, file, count => progress.push(count))
    expect(rows).toBe(1203)
    expect(progress).toEqual([500, 1000])
    const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8').trim(), { newline: '\r\n' }).data
    expect(parsed[0]).toEqual([...EXPORT_COLUMNS])
    expect(parsed).toHaveLength(1204)
    expect(parsed[1]).toEqual([expect.any(String), String(service.id), 'Plumbing', String(customer.id), 'Asha', String(pro.id), 'Ravi', '2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '', 'closed', 'visit 0, "gate"', '', '', '', ''])
  }, 20_000)
})
