import type { H3Event } from 'h3'
import { and, eq, sql } from 'drizzle-orm'
import { professionalProfiles, services, users, type User } from '~~/db/schema'
import type { Registration } from '~~/shared/domain/auth'

export function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

let registrations: AttemptLimiter | undefined

/** Creates a customer or a (pending) professional in one transaction, within the per-address limit. */
export async function registerAccount(event: H3Event, input: Registration) {
  const db = useDb()
  if (input.role === 'professional') {
    const service = db.select({ id: services.id }).from(services).where(and(eq(services.id, input.serviceId), eq(services.active, true))).get()
    if (!service) invalidInput([{ path: 'serviceId', message: 'No such service is offered' }])
  }
  const { registrationLimits } = useServerConfig()
  registrations ??= createAttemptLimiter('register', registrationLimits.windowSeconds)
  const waitSeconds = await registrations.take(`address:${clientAddress(event)}`, registrationLimits.perAddress)
  if (waitSeconds) tooManyRequests(waitSeconds, `Too many registrations from your network. ${retryHint(waitSeconds)}`)
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
        insertDefaultAvailability(tx, created.id)
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

let loginAttempts: AttemptLimiter | undefined

/**
 * Checks the credentials under per-account and per-address failure limits. The attempt is counted
 * before the password is hashed and stays counted if it fails; a success forgives the account's
 * failures and hands the address its attempt back.
 */
export async function signIn(event: H3Event, email: string, password: string) {
  await adminReady
  const { loginLimits } = useServerConfig()
  loginAttempts ??= createAttemptLimiter('login', loginLimits.windowSeconds)
  const account = `account:${email}`
  const address = `address:${clientAddress(event)}`
  const waitSeconds = await takeAttempts(loginAttempts, [{ subject: account, limit: loginLimits.perAccount }, { subject: address, limit: loginLimits.perAddress }])
  if (waitSeconds) tooManyRequests(waitSeconds, `Too many failed sign-in attempts. ${retryHint(waitSeconds)}`)

  const user = useDb().select().from(users).where(eq(users.email, email)).get()
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    throw createError({ statusCode: 401, message: 'Incorrect email or password' })
  }
  await Promise.all([loginAttempts.reset(account), loginAttempts.giveBack(address)])
  if (user.status === 'blocked') {
    throw createError({ statusCode: 403, message: user.blockedReason ? `This account is blocked: ${user.blockedReason}` : 'This account is blocked' })
  }
  const signedIn = useDb().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id)).returning().get()
  return { token: await startSession(signedIn), user: serializeUser(signedIn, user.role === 'professional' ? findProfessionalProfile(user.id) : null) }
}

let passwordChanges: AttemptLimiter | undefined

/**
 * A new password revokes every token issued before it; the caller gets a fresh one. Attempts are
 * limited per address, and wrong current passwords per account (a stolen session cannot guess on).
 */
export async function changePassword(event: H3Event, user: User, currentPassword: string, newPassword: string) {
  const { passwordChangeLimits: limits } = useServerConfig()
  passwordChanges ??= createAttemptLimiter('password', limits.windowSeconds)
  const account = `wrong:${user.id}`
  const waitSeconds = await takeAttempts(passwordChanges, [{ subject: `address:${clientAddress(event)}`, limit: limits.perAddress }, { subject: account, limit: limits.wrongPerAccount }])
  if (waitSeconds) tooManyRequests(waitSeconds, `Too many password change attempts. ${retryHint(waitSeconds)}`)
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    invalidInput([{ path: 'currentPassword', message: 'Current password is incorrect' }])
  }
  await passwordChanges.reset(account)
  const passwordHash = await hashPassword(newPassword)
  const updated = useDb().update(users)
    .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(eq(users.id, user.id)).returning().get()
  return startSession(updated)
}

let adminReady: Promise<unknown> = Promise.resolve()

/** Start-up creates the admin in the background (hashing takes a moment); sign-ins wait for it. */
export function startAdminBootstrap() {
  const bootstrap = ensureAdmin()
  adminReady = bootstrap.catch(() => undefined)
  return bootstrap
}

/** Creates the one admin from ADMIN_EMAIL / ADMIN_PASSWORD when missing; returns the generated password, if any. */
async function ensureAdmin() {
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
    if (isUniqueViolation(error)) throw new Error(`ADMIN_EMAIL ${adminEmail} belongs to a non-admin account`, { cause: error })
    throw error
  }
  return { created: true as const, email: adminEmail, generatedPassword: adminPassword ? undefined : password }
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function randomPassword() {
  return Array.from(crypto.getRandomValues(new Uint8Array(20)), byte => PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]).join('')
}
