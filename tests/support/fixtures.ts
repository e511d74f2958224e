import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { openDatabase, type AppDatabase } from '../../db/client'
import { categories, jobRuns, outboxMails, professionalProfiles, reviews, serviceRequests, services, users, type ApprovalState, type RequestStatus } from '../../db/schema'

/**
 * Rows written straight into a server's SQLite file (WAL lets the test and the server share it),
 * for states the API cannot make quickly: a customer away for 40 days, a request from last month.
 */
export function openTestDatabase(path: string) {
  return openDatabase(path)
}

const tag = () => randomBytes(4).toString('hex')
// Not a real argon2 hash: these users never sign in.
const NO_PASSWORD = '!fixture'

export function insertService(db: AppDatabase, name = `Fixture service ${tag()}`, basePricePaise = 49_900) {
  const category = db.insert(categories).values({ name: `Fixture category ${tag()}` }).returning().get()
  return db.insert(services).values({ name, description: 'A service made by a test.', basePricePaise, timeRequiredMinutes: 60, categoryId: category.id }).returning().get()
}

type UserFixture = { name?: string, status?: 'active' | 'blocked', pincode?: string, lastSignInAt?: Date | null, createdAt?: Date }

export function insertCustomer(db: AppDatabase, options: UserFixture = {}) {
  const id = tag()
  return db.insert(users).values({
    email: `fixture-customer-${id}@test.example`, passwordHash: NO_PASSWORD, name: options.name ?? `Customer ${id}`, role: 'customer',
    status: options.status ?? 'active', pincode: options.pincode ?? '560001', address: '1 Fixture Road',
    lastSignInAt: options.lastSignInAt === undefined ? new Date() : options.lastSignInAt, createdAt: options.createdAt ?? new Date(Date.now() - 365 * 86_400_000),
  }).returning().get()
}

export function insertProfessional(db: AppDatabase, serviceId: number, options: UserFixture & { approval?: ApprovalState } = {}) {
  const id = tag()
  const user = db.insert(users).values({
    email: `fixture-pro-${id}@test.example`, passwordHash: NO_PASSWORD, name: options.name ?? `Professional ${id}`, role: 'professional',
    status: options.status ?? 'active', pincode: options.pincode ?? '560001', lastSignInAt: new Date(),
  }).returning().get()
  db.insert(professionalProfiles).values({ userId: user.id, serviceId, approval: options.approval ?? 'approved' }).run()
  return user
}

type RequestFixture = {
  customerId: number
  serviceId: number
  professionalId?: number | null
  status?: RequestStatus
  createdAt?: Date
  scheduledFor?: Date
  completedAt?: Date | null
  closedAt?: Date | null
  remarks?: string
  pricePaise?: number
  pincode?: string
}

// Default starts two hours apart, so that requests holding one professional never overlap (the database refuses that).
let defaultStarts = 0

export function insertRequest(db: AppDatabase, fixture: RequestFixture) {
  const createdAt = fixture.createdAt ?? new Date()
  const holds = Boolean(fixture.professionalId) && ['requested', 'assigned', undefined].includes(fixture.status)
  const scheduledFor = fixture.scheduledFor ?? new Date(createdAt.getTime() + 2 * 86_400_000 + (holds ? (defaultStarts++) * 2 * 3_600_000 : 0))
  return db.insert(serviceRequests).values({
    status: fixture.status ?? 'requested', serviceId: fixture.serviceId, customerId: fixture.customerId, professionalId: fixture.professionalId ?? null,
    scheduledFor, endsAt: new Date(scheduledFor.getTime() + 60 * 60_000), address: '1 Fixture Road', pincode: fixture.pincode ?? '560001',
    remarks: fixture.remarks ?? '', pricePaise: fixture.pricePaise ?? 49_900, createdAt, updatedAt: createdAt,
    acceptedAt: fixture.status && ['assigned', 'completed', 'closed'].includes(fixture.status) ? createdAt : null,
    completedAt: fixture.completedAt ?? null, closedAt: fixture.closedAt ?? null,
  }).returning().get()
}

export function insertReview(db: AppDatabase, request: { id: number, customerId: number, professionalId: number | null }, rating: number, comment = '', createdAt = new Date()) {
  return db.insert(reviews).values({ requestId: request.id, customerId: request.customerId, professionalId: request.professionalId!, rating, comment, createdAt }).returning().get()
}

export function mailsTo(db: AppDatabase, email: string) {
  return db.select().from(outboxMails).where(eq(outboxMails.to, email)).all()
}

export function findRun(db: AppDatabase, id: number) {
  return db.select().from(jobRuns).where(eq(jobRuns.id, id)).get()
}
