import { eq, sql } from 'drizzle-orm'
import { professionalProfiles, users, type ProfessionalProfile, type User } from '~~/db/schema'
import { averageRating } from '~~/shared/domain/ratings'

/** The contract's `user` object: never the password hash or the token version. */
export function serializeUser(user: User, profile?: ProfessionalProfile | null) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    phone: user.phone,
    address: user.address,
    pincode: user.pincode,
    createdAt: user.createdAt.toISOString(),
    ...(user.role === 'professional' && profile
      ? {
          professional: {
            serviceId: profile.serviceId,
            experienceYears: profile.experienceYears,
            description: profile.description,
            approval: profile.approval,
            rating: averageRating(profile.ratingSum, profile.reviewCount),
            reviewCount: profile.reviewCount,
            hasDocument: Boolean(profile.documentPath),
          },
        }
      : {}),
  }
}

const profileByUserId = preparedOnce(() => useDb().select().from(professionalProfiles).where(eq(professionalProfiles.userId, sql.placeholder('userId'))).prepare())

export function findProfessionalProfile(userId: number) {
  return profileByUserId().get({ userId }) ?? null
}

const userById = preparedOnce(() => useDb().select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare())

/** Every read of a user by id, the session's included (once per signed-in request). */
export function findUserById(id: number) {
  return userById().get({ id }) ?? null
}

export function serializeUserById(id: number) {
  const user = findUserById(id)
  return user ? serializeUser(user, user.role === 'professional' ? findProfessionalProfile(user.id) : null) : null
}

/** A professional may act on requests only once approved; pending ones can still sign in and see their status. */
export async function requireApprovedProfessional(event: Parameters<typeof requireRole>[0]) {
  const user = await requireRole(event, 'professional')
  const profile = findProfessionalProfile(user.id)
  if (profile?.approval !== 'approved') {
    throw createError({ statusCode: 403, message: profile?.approval === 'rejected' ? 'Your registration was not approved' : 'Your registration is awaiting approval by the admin' })
  }
  return { user, profile }
}
