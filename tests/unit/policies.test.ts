import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, type AppDatabase } from '../../db/client'
import { professionalProfiles, requestStatuses, serviceRequests, users, type ProfessionalProfile, type User } from '../../db/schema'
import { isListedProfessional, openRequestsServiceOf } from '../../shared/domain/professionals'
import { canSeeRequest, type Actor } from '../../shared/domain/requests'
import { listedProfessionalCondition, professionalSeesRequestCondition, visibleRequestsCondition } from '../../server/utils/policies'
import { insertCustomer, insertProfessional, insertRequest, insertService, openTestDatabase } from '../support/fixtures'

// Each rule of shared/domain is checked against its SQL twin on every case of a small world:
// the ids the query returns must be exactly those the predicate accepts.
let db: AppDatabase
let people: { user: User, profile: ProfessionalProfile | null }[]
let requests: (typeof serviceRequests.$inferSelect)[]
let actors: Actor[]

beforeAll(() => {
  db = openTestDatabase(join(mkdtempSync(join(tmpdir(), 'hs-unit-policies-')), 'app.db'))
  migrateDatabase(db)
  const plumbing = insertService(db, 'Plumbing')
  const painting = insertService(db, 'Painting')
  const customers = [insertCustomer(db), insertCustomer(db), insertCustomer(db, { status: 'blocked' })]
  const professionals = [
    insertProfessional(db, plumbing.id),
    insertProfessional(db, plumbing.id),
    insertProfessional(db, plumbing.id, { approval: 'pending' }),
    insertProfessional(db, plumbing.id, { approval: 'rejected' }),
    insertProfessional(db, plumbing.id, { status: 'blocked' }),
    insertProfessional(db, painting.id),
  ]
  const admin = db.insert(users).values({ email: 'admin@test.example', passwordHash: '!', name: 'Admin', role: 'admin' }).returning().get()
  for (const service of [plumbing, painting]) {
    for (const status of requestStatuses) {
      for (const professional of [null, ...professionals.slice(0, 3)]) {
        for (const customer of customers.slice(0, 2)) {
          insertRequest(db, { customerId: customer.id, serviceId: service.id, status, professionalId: professional?.id ?? null })
        }
      }
    }
  }
  people = db.select().from(users).leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id)).all()
    .map(row => ({ user: row.users, profile: row.professional_profiles }))
  requests = db.select().from(serviceRequests).all()
  actors = [
    { id: admin.id, role: 'admin' },
    ...customers.map(customer => ({ id: customer.id, role: 'customer' as const })),
    ...people.filter(person => person.user.role === 'professional').map(person => ({ id: person.user.id, role: 'professional' as const, serviceId: openRequestsServiceOf(person) })),
  ]
})

const ids = (rows: { id: number }[]) => rows.map(row => row.id).sort((a, b) => a - b)

describe('eligibility: an approved, active professional', () => {
  it('the SQL condition lists exactly the users the predicate accepts', () => {
    const listed = db.select({ id: users.id }).from(users).leftJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
      .where(listedProfessionalCondition()).all()
    const expected = people.filter(isListedProfessional).map(person => person.user)
    expect(ids(listed)).toEqual(ids(expected))
    // The world has every kind of case: listed, pending, rejected, blocked, and people who are no professional.
    expect(expected.length).toBe(3)
    expect(people.length - expected.length).toBeGreaterThanOrEqual(7)
  })
})

describe('visibility: who may see a request', () => {
  it('covers admin, customers, listed and unlisted professionals, and requests of every status', () => {
    expect(new Set(actors.map(actor => actor.role))).toEqual(new Set(['admin', 'customer', 'professional']))
    expect(actors.some(actor => actor.role === 'professional' && actor.serviceId === null)).toBe(true)
    expect(requests.length).toBe(2 * requestStatuses.length * 4 * 2)
  })

  it('the SQL condition returns exactly the requests canSeeRequest allows, for every actor', () => {
    for (const actor of actors) {
      const visible = db.select({ id: serviceRequests.id }).from(serviceRequests).where(visibleRequestsCondition(actor)).all()
      const expected = requests.filter(request => canSeeRequest(request, actor))
      expect(ids(visible), `${actor.role} ${actor.id}`).toEqual(ids(expected))
    }
    // Not a vacuous agreement: someone sees something and nobody but the admin sees everything.
    expect(actors.filter(actor => actor.role !== 'admin').every(actor => requests.some(request => !canSeeRequest(request, actor)))).toBe(true)
  })

  it('agrees when prepared with placeholders, as the request list runs it', () => {
    for (const actor of actors) {
      const serviceId = actor.serviceId ?? null
      const statement = db.select({ id: serviceRequests.id }).from(serviceRequests).where(visibleRequestsCondition({
        role: actor.role, id: sql.placeholder('actorId'), serviceId: serviceId === null ? null : sql.placeholder('serviceId'),
      })).prepare()
      const expected = requests.filter(request => canSeeRequest(request, actor))
      expect(ids(statement.all({ actorId: actor.id, serviceId }))).toEqual(ids(expected))
    }
  })

  it('the joined form (professional as a column, as in the daily reminders) pairs each listed professional with what they may see', () => {
    const pairs = db.select({ professionalId: users.id, requestId: serviceRequests.id }).from(users)
      .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
      .innerJoin(serviceRequests, professionalSeesRequestCondition(users.id, professionalProfiles.serviceId))
      .where(and(listedProfessionalCondition())).all()
      .map(pair => `${pair.professionalId}:${pair.requestId}`).sort()
    const expected = people.filter(isListedProfessional).flatMap((person) => {
      const actor: Actor = { id: person.user.id, role: 'professional', serviceId: openRequestsServiceOf(person) }
      return requests.filter(request => canSeeRequest(request, actor)).map(request => `${person.user.id}:${request.id}`)
    }).sort()
    expect(pairs).toEqual(expected)
    expect(pairs.length).toBeGreaterThan(0)
  })
})
