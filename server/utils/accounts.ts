import type { H3Event } from 'h3'
import { and, eq, sql } from 'drizzle-orm'
import { professionalProfiles, services, users, type User } from '~~/db/schema'
import type { Registration } from '~~/domain/auth'

export function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** Creates a customer or a (pending) professional in one transaction. */
export async function registerAccount(input: Registration) {
  const db = useDb()
  if (input.role === 'professional') {
    const service = db.select({ id: services.id }).from(services).where(and(eq(services.id, input.serviceId), eq(services.active, true))).get()
    if (!service) invalidInput([{ path: 'serviceId', message: 'No such service is offered' }])
  }
  const passwordHash = await hashPassword(input.password)
  try {
    const user = db.transaction((tx) => {
      const created = tx.insert(users).values({
        email: input.email,
        passwordHash,
        name: input.name,
        role: input.role,
        phone: input.phone,
        address: input.address,
        pincode: input.pincode,
      }).returning().get()
      if (input.role === 'professional') {
        tx.insert(professionalProfiles).values({
          userId: created.id,
          serviceId: input.serviceId,
          experienceYears: input.experienceYears,
          description: input.description,
        }).run()
      }
      return created
    })
    return serializeUser(user, input.role === 'professional' ? findProfessionalProfile(user.id) : null)
  }
  catch (error) {
    if (isUniqueViolation(error)) throw createError({ statusCode: 409, message: 'An account with this email already exists' })
    throw error
  }
}

function clientAddress(event: H3Event) {
  return getRequestIP(event, { xForwardedFor: useServerConfig().trustProxy }) ?? 'unknown'
}

let loginFailures: ReturnType<typeof createFailureCounter> | undefined

/** Checks the credentials under per-account and per-address failure limits. */
export async function signIn(event: H3Event, email: string, password: string) {
  const { loginLimits } = useServerConfig()
  loginFailures ??= createFailureCounter('login', loginLimits.windowSeconds)
  const address = clientAddress(event)
  const waitSeconds = Math.max(
    await loginFailures.blockedFor(`account:${email}`, loginLimits.perAccount),
    await loginFailures.blockedFor(`address:${address}`, loginLimits.perAddress),
  )
  if (waitSeconds) tooManyRequests(waitSeconds, `Too many failed sign-in attempts. Try again in ${Math.ceil(waitSeconds / 60)} minute(s).`)

  const user = useDb().select().from(users).where(eq(users.email, email)).get()
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await Promise.all([loginFailures.hit(`account:${email}`), loginFailures.hit(`address:${address}`)])
    throw createError({ statusCode: 401, message: 'Incorrect email or password' })
  }
  await loginFailures.reset(`account:${email}`)
  if (user.status === 'blocked') {
    throw createError({ statusCode: 403, message: user.blockedReason ? `This account is blocked: ${user.blockedReason}` : 'This account is blocked' })
  }
  const signedIn = useDb().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id)).returning().get()
  return { token: await issueToken(signedIn), user: serializeUser(signedIn, user.role === 'professional' ? findProfessionalProfile(user.id) : null) }
}

/** A new password revokes every token issued before it; the caller gets a fresh one. */
export async function changePassword(user: User, currentPassword: string, newPassword: string) {
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    invalidInput([{ path: 'currentPassword', message: 'Current password is incorrect' }])
  }
  const passwordHash = await hashPassword(newPassword)
  const updated = useDb().update(users)
    .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(eq(users.id, user.id)).returning().get()
  return issueToken(updated)
}

/** Creates the one admin from ADMIN_EMAIL / ADMIN_PASSWORD when missing; returns the generated password, if any. */
export async function ensureAdmin() {
  const { adminEmail, adminPassword } = useServerConfig()
  const db = useDb()
  const existing = db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).get()
  if (existing) return { created: false as const }
  const password = adminPassword ?? randomPassword()
  const passwordHash = await hashPassword(password)
  try {
    db.insert(users).values({ email: adminEmail, passwordHash, name: 'Administrator', role: 'admin' }).run()
  }
  catch (error) {
    // Another instance created it meanwhile; an existing non-admin account with that email is a configuration error.
    if (isUniqueViolation(error) && db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).get()) return { created: false as const }
    if (isUniqueViolation(error)) throw new Error(`ADMIN_EMAIL ${adminEmail} belongs to a non-admin account`)
    throw error
  }
  return { created: true as const, email: adminEmail, generatedPassword: adminPassword ? undefined : password }
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function randomPassword() {
  return Array.from(crypto.getRandomValues(new Uint8Array(20)), byte => PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]).join('')
}
