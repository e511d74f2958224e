/**
 * A large, deterministic data set for the benchmark, written straight into a fresh SQLite file
 * with prepared statements in one transaction per table.
 */
import { openDatabase, migrateDatabase } from '../db/client'
import { hashPassword } from '../server/utils/password'

export type BenchSize = { categories: number, services: number, professionals: number, pincodes: number, customers: number, requests: number, reviews: number }

export const FULL_SIZE: BenchSize = { categories: 50, services: 10_000, professionals: 5_000, pincodes: 200, customers: 50_000, requests: 200_000, reviews: 100_000 }
export const SMOKE_SIZE: BenchSize = { categories: 5, services: 200, professionals: 100, pincodes: 10, customers: 500, requests: 2_000, reviews: 1_000 }

export const BENCH_PASSWORD = 'bench-password'

/** mulberry32: the same seed gives the same data on every machine. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const SERVICE_WORDS = ['plumbing', 'electrical', 'cleaning', 'painting', 'carpentry', 'appliance', 'geyser', 'refrigerator', 'washing', 'kitchen', 'bathroom', 'sofa', 'garden', 'pest', 'roof', 'window', 'door', 'inverter', 'chimney', 'water']
const SERVICE_KINDS = ['repair', 'installation', 'service', 'deep clean', 'inspection', 'replacement', 'maintenance', 'setup']
const DESCRIPTION_WORDS = ['quick', 'certified', 'safe', 'warranty', 'same-day', 'tidy', 'trained', 'insured', 'genuine', 'parts', 'tools', 'experienced', 'affordable', 'on-time', 'checked']
const STATUSES = ['requested', 'assigned', 'completed', 'closed', 'rejected', 'cancelled'] as const

const DAY = 86_400_000

export async function generateBenchData(databasePath: string, size: BenchSize, now = Date.now()) {
  const started = performance.now()
  const db = openDatabase(databasePath)
  migrateDatabase(db)
  const sqlite = db.sqlite
  sqlite.pragma('synchronous = OFF')
  const next = random(20261121)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const pincodes = Array.from({ length: size.pincodes }, (_, index) => String(560000 + index))

  const serviceMinutes: number[] = []
  sqlite.transaction(() => {
    const category = sqlite.prepare('INSERT INTO categories (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
    for (let id = 1; id <= size.categories; id++) category.run(id, `Category ${id}`, now, now)

    const service = sqlite.prepare('INSERT INTO services (id, name, description, base_price_paise, time_required_minutes, category_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)')
    for (let id = 1; id <= size.services; id++) {
      const word = pick(SERVICE_WORDS)
      const name = `${word[0]!.toUpperCase()}${word.slice(1)} ${pick(SERVICE_KINDS)} ${id}`
      const description = Array.from({ length: 12 }, () => pick(DESCRIPTION_WORDS)).join(' ')
      serviceMinutes[id] = 30 + Math.floor(next() * 16) * 30
      service.run(id, name, description, (99 + Math.floor(next() * 9900)) * 100, serviceMinutes[id], 1 + (id % size.categories), now, now)
    }
  })()

  const user = sqlite.prepare('INSERT INTO users (id, email, password_hash, name, role, status, phone, address, pincode, token_version, last_sign_in_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, \'active\', ?, ?, ?, 0, ?, ?, ?)')
  const professionalIds: number[] = []
  const professionalService = new Map<number, number>()
  const approvedByService = new Map<number, number[]>()
  sqlite.transaction(() => {
    const profile = sqlite.prepare('INSERT INTO professional_profiles (user_id, service_id, experience_years, description, approval, rating_sum, review_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)')
    // The last ones all offer service 1, approved: the crowded service of S7 (50 professionals in the full set).
    // (The first ones sign in for S4 and S6: their lists stay as they were.)
    const crowded = Math.min(50, Math.floor(size.professionals / 10))
    for (let index = 0; index < size.professionals; index++) {
      const id = 2 + index // 1 is the admin
      // Drawn for everyone, so that the other professionals are drawn as before.
      const drawnService = 1 + Math.floor(next() * size.services)
      const roll = next()
      const isCrowded = index >= size.professionals - crowded
      const serviceId = isCrowded ? 1 : drawnService
      const approval = isCrowded || roll < 0.9 ? 'approved' : roll < 0.97 ? 'pending' : 'rejected'
      user.run(id, `pro${index + 1}@bench.example`, passwordHash, `Professional ${index + 1}`, 'professional', '+91 90000 00000', `${index} Work Street`, pick(pincodes), now - Math.floor(next() * 10) * DAY, now - 400 * DAY, now)
      profile.run(id, serviceId, Math.floor(next() * 25), 'Experienced and careful.', approval, now, now)
      professionalIds.push(id)
      professionalService.set(id, serviceId)
      if (approval === 'approved') approvedByService.set(serviceId, [...(approvedByService.get(serviceId) ?? []), id])
    }
    // Everyone works the default hours, Monday–Saturday 09:00–18:00 (issue 13).
    sqlite.prepare(`INSERT INTO availability_windows (professional_id, weekday, start_minute, end_minute)
      SELECT u.id, d.value, 540, 1080 FROM users u, json_each('[1,2,3,4,5,6]') d WHERE u.role = 'professional'`).run()
  })()

  const firstCustomerId = 2 + size.professionals
  sqlite.transaction(() => {
    for (let index = 0; index < size.customers; index++) {
      user.run(firstCustomerId + index, `customer${index + 1}@bench.example`, passwordHash, `Customer ${index + 1}`, 'customer', '+91 91111 11111', `${index} Home Road`, pick(pincodes), now - Math.floor(next() * 60) * DAY, now - 400 * DAY, now)
    }
  })()

  // Requests go to approved professionals; half of them are closed and every closed one has a review.
  const approved = [...approvedByService.values()].flat()
  const ratings = new Map<number, { sum: number, count: number }>()
  sqlite.transaction(() => {
    const request = sqlite.prepare(`INSERT INTO service_requests (id, status, service_id, customer_id, professional_id, scheduled_for, ends_at, address, pincode, remarks, price_paise,
      accepted_at, rejected_at, completed_at, closed_at, cancelled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    // A professional's held visits follow one another (the database refuses overlaps), from tomorrow on a half-hour.
    const nextFree = new Map<number, number>()
    const firstStart = Math.ceil((now + DAY) / (30 * 60_000)) * 30 * 60_000
    const review = sqlite.prepare('INSERT INTO reviews (request_id, customer_id, professional_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    // Exactly `reviews` closed requests, the rest spread evenly over the other statuses, shuffled.
    const others = STATUSES.filter(status => status !== 'closed')
    const statuses: (typeof STATUSES)[number][] = Array.from({ length: size.requests }, (_, index) => (index < size.reviews ? 'closed' : others[index % others.length]!))
    for (let index = statuses.length - 1; index > 0; index--) {
      const swap = Math.floor(next() * (index + 1));
      [statuses[index], statuses[swap]] = [statuses[swap]!, statuses[index]!]
    }
    for (let id = 1; id <= size.requests; id++) {
      const status = statuses[id - 1]!
      const professionalId = pick(approved)
      const open = status === 'requested' && next() < 0.3
      const customerId = firstCustomerId + Math.floor(next() * size.customers)
      const createdAt = now - Math.floor(next() * 180 * DAY)
      const future = status === 'requested' || status === 'assigned'
      const minutes = serviceMinutes[professionalService.get(professionalId)!]!
      let scheduledFor = future ? now + Math.floor(1 + next() * 20) * DAY : createdAt + 2 * DAY
      if (future && !open) {
        scheduledFor = nextFree.get(professionalId) ?? firstStart
        nextFree.set(professionalId, scheduledFor + (minutes + 30) * 60_000)
      }
      const done = status === 'completed' || status === 'closed'
      request.run(id, status, professionalService.get(professionalId), customerId, open ? null : professionalId, scheduledFor, scheduledFor + minutes * 60_000, `${customerId} Home Road`, pick(pincodes),
        next() < 0.1 ? 'Gate code 1234, "please" call, thanks' : '', 49900,
        ['assigned', 'completed', 'closed'].includes(status) ? createdAt + DAY / 4 : null, status === 'rejected' ? createdAt + DAY / 4 : null,
        done ? scheduledFor + DAY / 8 : null, status === 'closed' ? scheduledFor + DAY / 2 : null, status === 'cancelled' ? createdAt + DAY / 4 : null, createdAt, createdAt)
      if (status === 'closed') {
        const rating = 1 + Math.floor(next() * 5)
        review.run(id, customerId, professionalId, rating, next() < 0.5 ? 'Good work, would book again.' : '', scheduledFor + DAY / 2, scheduledFor + DAY / 2)
        const aggregate = ratings.get(professionalId) ?? { sum: 0, count: 0 }
        aggregate.sum += rating
        aggregate.count++
        ratings.set(professionalId, aggregate)
      }
    }
    const profile = sqlite.prepare('UPDATE professional_profiles SET rating_sum = ?, review_count = ? WHERE user_id = ?')
    for (const [professionalId, { sum, count }] of ratings) profile.run(sum, count, professionalId)
  })()

  sqlite.pragma('synchronous = NORMAL')
  sqlite.exec('ANALYZE')
  const counts = sqlite.prepare(`SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM users WHERE role = 'professional') AS professionals,
    (SELECT count(*) FROM users WHERE role = 'customer') AS customers, (SELECT count(*) FROM service_requests) AS requests, (SELECT count(*) FROM reviews) AS reviews,
    (SELECT count(*) FROM service_requests WHERE status = 'closed') AS closed`).get() as Record<string, number>
  const servicesWithProfessionals = [...approvedByService.keys()]
  sqlite.close()
  return { counts, seconds: (performance.now() - started) / 1000, servicesWithProfessionals, firstCustomerId, professionalIds }
}
