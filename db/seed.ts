/**
 * Demo data: `npm run seed` (or `npm start`, which seeds an empty database).
 *   --if-empty      do nothing when the catalogue already has services
 *   --print-logins  print the demo sign-ins (also after an earlier seed)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { count, eq } from 'drizzle-orm'
import { openDatabase, migrateDatabase } from './client'
import { DEFAULT_WEEKLY } from '../shared/domain/scheduling'
import { addDays, weekdayOf, zonedTimeToInstant, zonedToday } from '../shared/domain/slots'
import { availabilityWindows, categories, professionalProfiles, reviews, serviceRequests, services, users, type RequestStatus } from './schema'
import { useServerConfig } from '../server/utils/config'
import { hashPassword } from '../server/utils/password'

export const DEMO_PASSWORD = 'demo-password'

const catalogue: Record<string, [name: string, description: string, rupees: number, minutes: number][]> = {
  'Plumbing': [
    ['Tap and mixer repair', 'Fix leaking taps, mixers and shower heads; replace washers and cartridges.', 299, 45],
    ['Pipe leakage repair', 'Find and fix leaking pipes under sinks, in walls and on terraces.', 499, 90],
    ['Toilet repair', 'Flush tanks, seats, jet sprays and blockages in western and Indian toilets.', 399, 60],
    ['Water tank cleaning', 'Drain, scrub and disinfect overhead and underground water tanks.', 899, 120],
  ],
  'Electrical': [
    ['Switch and socket repair', 'Replace faulty switches, sockets and switchboards safely.', 199, 30],
    ['Fan installation', 'Install or replace ceiling, wall and exhaust fans, including regulators.', 249, 45],
    ['Wiring inspection', 'Whole-home electrical safety check with a written report.', 699, 90],
    ['Inverter installation', 'Install an inverter and battery and wire it to chosen circuits.', 999, 120],
  ],
  'Cleaning': [
    ['Full home deep cleaning', 'Top-to-bottom cleaning of every room, kitchen and bathrooms.', 3499, 360],
    ['Bathroom cleaning', 'Descaling, tiles, fittings and drains of one bathroom.', 499, 60],
    ['Kitchen cleaning', 'Degreasing of chimney, hob, tiles, cabinets and sink.', 1299, 180],
    ['Sofa shampooing', 'Foam shampoo and vacuum for fabric sofas, priced per seat set.', 799, 90],
  ],
  'Appliance Repair': [
    ['AC service', 'Jet cleaning of filters and coils, gas pressure check for split and window ACs.', 599, 60],
    ['Washing machine repair', 'Diagnose and repair top- and front-load washing machines.', 449, 60],
    ['Refrigerator repair', 'Cooling problems, gas refill, thermostat and compressor repairs.', 499, 75],
    ['Microwave repair', 'Heating, turntable and panel repairs for solo and convection ovens.', 349, 45],
  ],
  'Carpentry': [
    ['Furniture assembly', 'Assemble beds, wardrobes, tables and shelves from flat packs.', 499, 90],
    ['Door and lock repair', 'Fix sagging doors, hinges, handles and install new locks.', 299, 45],
  ],
  'Painting': [
    ['Room painting', 'Two coats of interior emulsion for one room, walls and ceiling.', 4999, 480],
    ['Wall texture and stencil', 'Decorative textures and stencils for a feature wall.', 2499, 240],
  ],
}

const professionals = [
  { name: 'Ravi Kumar', service: 'Tap and mixer repair', pincode: '560001', years: 8, approval: 'approved' },
  { name: 'Suresh Patil', service: 'Pipe leakage repair', pincode: '560034', years: 12, approval: 'approved' },
  { name: 'Imran Sheikh', service: 'Switch and socket repair', pincode: '560001', years: 6, approval: 'approved' },
  { name: 'Anita Desai', service: 'Full home deep cleaning', pincode: '400001', years: 5, approval: 'approved' },
  { name: 'Joseph Mathew', service: 'AC service', pincode: '560001', years: 10, approval: 'approved' },
  { name: 'Farhan Ali', service: 'AC service', pincode: '110001', years: 4, approval: 'approved' },
  { name: 'Lakshmi Iyer', service: 'Bathroom cleaning', pincode: '560034', years: 3, approval: 'approved' },
  { name: 'Gurpreet Singh', service: 'Furniture assembly', pincode: '110001', years: 9, approval: 'approved' },
  { name: 'Deepak Verma', service: 'Fan installation', pincode: '400001', years: 2, approval: 'pending' },
  { name: 'Meena Joshi', service: 'Kitchen cleaning', pincode: '560001', years: 7, approval: 'pending' },
  { name: 'Karan Mehta', service: 'Room painting', pincode: '560034', years: 1, approval: 'rejected' },
] as const

const customers = [
  { name: 'Priya Sharma', pincode: '560001' },
  { name: 'Arjun Nair', pincode: '560034' },
  { name: 'Neha Gupta', pincode: '400001' },
  { name: 'Vikram Rao', pincode: '110001' },
  { name: 'Sara Thomas', pincode: '560001' },
  { name: 'Rohit Bansal', pincode: '560001' },
]

const emailOf = (role: 'customer' | 'pro', index: number) => `${role}${index + 1}@example.com`

// The smallest valid PDF, so the admin can open a demo verification document.
const demoPdf = (name: string) => `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
4 0 obj<</Length 60>>stream
BT /F1 16 Tf 30 120 Td (Verification document: ${name}) Tj ET
endstream endobj
5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj
trailer<</Root 1 0 R>>
%%EOF
`

const DAY = 24 * 60 * 60 * 1000
const TIMEZONE = process.env.APP_TIMEZONE || 'Asia/Kolkata'

/** 10:00 in the platform's zone on the day of `time`, or the Monday after a Sunday: inside the default hours. */
function visitAt(time: number) {
  const date = zonedToday(time, TIMEZONE)
  return zonedTimeToInstant(weekdayOf(date) === 7 ? addDays(date, 1) : date, 10 * 60, TIMEZONE)
}

export async function seedDemoData(db: ReturnType<typeof openDatabase>, dataDir: string) {
  const passwordHash = await hashPassword(DEMO_PASSWORD) // one hash for every demo account: they share the password
  const now = Date.now()
  const documentsDir = join(dataDir, 'documents')
  mkdirSync(documentsDir, { recursive: true })

  db.transaction((tx) => {
    const serviceIds = new Map<string, { id: number, pricePaise: number, minutes: number }>()
    for (const [categoryName, entries] of Object.entries(catalogue)) {
      const category = tx.insert(categories).values({ name: categoryName }).returning().get()
      for (const [name, description, rupees, minutes] of entries) {
        const service = tx.insert(services).values({ name, description, basePricePaise: rupees * 100, timeRequiredMinutes: minutes, categoryId: category.id }).returning().get()
        serviceIds.set(name, { id: service.id, pricePaise: service.basePricePaise, minutes })
      }
    }

    const professionalIds = professionals.map((professional, index) => {
      const user = tx.insert(users).values({
        email: emailOf('pro', index), passwordHash, name: professional.name, role: 'professional',
        phone: `+91 98450 ${String(10000 + index * 1111).slice(0, 5)}`, address: `${index + 12}, Service Lane`, pincode: professional.pincode,
        lastSignInAt: new Date(now - index * DAY), createdAt: new Date(now - (90 - index) * DAY),
      }).returning().get()
      const documentName = `${user.id}-${randomBytes(8).toString('hex')}.pdf`
      writeFileSync(join(documentsDir, documentName), demoPdf(professional.name))
      tx.insert(professionalProfiles).values({
        userId: user.id, serviceId: serviceIds.get(professional.service)!.id, experienceYears: professional.years,
        description: `${professional.years} years of ${professional.service.toLowerCase()} in and around ${professional.pincode}.`,
        approval: professional.approval, decidedAt: professional.approval === 'pending' ? null : new Date(now - 60 * DAY),
        approvalReason: professional.approval === 'rejected' ? 'The document did not match the name on the application.' : null,
        documentPath: documentName, documentMime: 'application/pdf', documentName: 'id-proof.pdf', documentUploadedAt: new Date(now - 80 * DAY),
      }).run()
      tx.insert(availabilityWindows).values(DEFAULT_WEEKLY.map(window => ({ professionalId: user.id, ...window }))).run()
      return user.id
    })

    const customerIds = customers.map((customer, index) => tx.insert(users).values({
      email: emailOf('customer', index), passwordHash, name: customer.name, role: 'customer',
      phone: `+91 99000 ${String(20000 + index * 1234).slice(0, 5)}`, address: `Flat ${101 + index}, Lakeview Apartments`, pincode: customer.pincode,
      // The last customer has not signed in for six weeks: the inactive nudge has someone to nudge.
      lastSignInAt: new Date(now - (index === customers.length - 1 ? 45 : index) * DAY), createdAt: new Date(now - 120 * DAY),
    }).returning().get().id)

    // Requests in every status, spread over this month and the last two.
    const plan: [status: RequestStatus, customer: number, professional: number | null, daysAgo: number, rating?: number, comment?: string][] = [
      ['requested', 0, 0, 1], ['requested', 1, null, 0], ['requested', 4, 4, 2], ['requested', 3, 5, 1],
      ['assigned', 0, 2, 3], ['assigned', 2, 3, 4],
      ['completed', 1, 1, 8], ['completed', 5, 4, 6],
      ['closed', 0, 0, 20, 5, 'Fixed the leak in twenty minutes. Very tidy.'], ['closed', 1, 6, 35, 4, 'Good work, arrived a little late.'],
      ['closed', 2, 3, 40, 5, 'Spotless home, highly recommended!'], ['closed', 3, 5, 33, 3, 'Cooling is better but not perfect.'],
      ['closed', 4, 4, 45, 5, 'Explained everything, fair price.'], ['closed', 0, 2, 50, 4, 'Quick and safe.'], ['closed', 3, 7, 38, 2, 'Took two visits to finish.'],
      ['rejected', 2, 2, 5], ['cancelled', 1, 1, 9], ['cancelled', 5, null, 2],
    ]
    for (const [status, customerIndex, professionalIndex, daysAgo, rating, comment] of plan) {
      const professional = professionalIndex === null ? null : professionals[professionalIndex]!
      const service = serviceIds.get(professional?.service ?? 'AC service')!
      const createdAt = now - daysAgo * DAY
      const future = status === 'requested' || status === 'assigned'
      const scheduledFor = future ? visitAt(now + (3 + daysAgo) * DAY) : createdAt + 2 * DAY
      const customer = customers[customerIndex]!
      const request = tx.insert(serviceRequests).values({
        status, serviceId: service.id, customerId: customerIds[customerIndex]!,
        professionalId: professionalIndex === null ? null : professionalIds[professionalIndex]!,
        scheduledFor: new Date(scheduledFor), endsAt: new Date(scheduledFor + service.minutes * 60_000), address: `Flat ${101 + customerIndex}, Lakeview Apartments`, pincode: customer.pincode,
        remarks: status === 'requested' ? 'Please call before coming.' : '', pricePaise: service.pricePaise,
        createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
        acceptedAt: ['assigned', 'completed', 'closed'].includes(status) ? new Date(createdAt + DAY / 4) : null,
        completedAt: ['completed', 'closed'].includes(status) ? new Date(scheduledFor + DAY / 8) : null,
        closedAt: status === 'closed' ? new Date(scheduledFor + DAY / 2) : null,
        rejectedAt: status === 'rejected' ? new Date(createdAt + DAY / 4) : null,
        cancelledAt: status === 'cancelled' ? new Date(createdAt + DAY / 4) : null,
      }).returning().get()
      if (status === 'closed' && rating && professionalIndex !== null) {
        tx.insert(reviews).values({ requestId: request.id, customerId: request.customerId, professionalId: request.professionalId!, rating, comment: comment ?? '', createdAt: new Date(scheduledFor + DAY / 2) }).run()
        const profile = tx.select().from(professionalProfiles).where(eq(professionalProfiles.userId, request.professionalId!)).get()!
        tx.update(professionalProfiles).set({ ratingSum: profile.ratingSum + rating, reviewCount: profile.reviewCount + 1 }).where(eq(professionalProfiles.userId, profile.userId)).run()
      }
    }
  })
}

/** In a demo, the admin gets a generated password kept in .data/admin-password so that every `npm start` can show it. */
async function ensureDemoAdmin(db: ReturnType<typeof openDatabase>, dataDir: string) {
  const { adminEmail, adminPassword } = useServerConfig()
  const file = join(dataDir, 'admin-password')
  const existing = db.select({ email: users.email }).from(users).where(eq(users.role, 'admin')).get()
  if (existing) {
    return { email: existing.email, password: adminPassword ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : '(the one printed when the server first started)') }
  }
  const password = adminPassword ?? randomBytes(12).toString('base64url')
  db.insert(users).values({ email: adminEmail, passwordHash: await hashPassword(password), name: 'Administrator', role: 'admin' }).run()
  if (!adminPassword) writeFileSync(file, password, { mode: 0o600 })
  return { email: adminEmail, password }
}

async function main() {
  const args = new Set(process.argv.slice(2))
  const { databasePath, dataDir } = useServerConfig()
  const db = openDatabase(databasePath)
  migrateDatabase(db)
  const admin = await ensureDemoAdmin(db, dataDir)
  const serviceCount = db.select({ value: count() }).from(services).get()!.value
  if (serviceCount > 0 && args.has('--if-empty')) {
    console.log(`[seed] ${databasePath} already has data: not seeding.`)
  }
  else {
    await seedDemoData(db, dataDir)
    console.log(`[seed] Demo data written to ${databasePath}`)
  }
  if (args.has('--print-logins')) {
    const demoExists = db.select({ id: users.id }).from(users).where(eq(users.email, emailOf('customer', 0))).get()
    console.log('\n  Demo sign-ins')
    console.log(`  admin          ${admin.email} / ${admin.password}`)
    if (demoExists) {
      console.log(`  customer       ${emailOf('customer', 0)} / ${DEMO_PASSWORD}   (customer1…customer${customers.length})`)
      console.log(`  professional   ${emailOf('pro', 0)} / ${DEMO_PASSWORD}        (approved: pro1…pro8, pending: pro9, pro10, rejected: pro11)`)
    }
    console.log()
  }
  db.sqlite.close()
}

if (process.argv[1]?.endsWith('seed.ts')) {
  main().catch((error) => {
    console.error('[seed] failed:', error)
    process.exit(1)
  })
}
