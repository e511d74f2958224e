import { createBoundedMap } from '~~/shared/utils/bounded-map'
import { randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'
import { eq, lt, sql } from 'drizzle-orm'
import { jwtVerify, SignJWT } from 'jose'
import { revokedSessions, type Role, type User } from '~~/db/schema'

/** Over HTTPS the cookie takes the `__Host-` prefix: Secure, no Domain, path / (a sibling subdomain cannot plant it). */
export const SESSION_COOKIE = 'hs_session'
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`
const cookieName = (event: H3Event) => (isSecureRequest(event) ? SECURE_SESSION_COOKIE : SESSION_COOKIE)

/** A token for a new session of `user`: its `jti` names the session, so logout can end that one alone. */
export async function startSession(user: Pick<User, 'id' | 'role' | 'tokenVersion'>) {
  const { sessionDays } = useServerConfig()
  return new SignJWT({ role: user.role, tv: user.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${sessionDays}d`)
    .sign(useJwtSecret())
}

export function setSessionCookie(event: H3Event, token: string) {
  setCookie(event, cookieName(event), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(event),
    path: '/',
    maxAge: useServerConfig().sessionDays * 24 * 60 * 60,
  })
}

export function clearSessionCookie(event: H3Event) {
  deleteCookie(event, cookieName(event), { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(event), path: '/' })
}

/** Whether the request carries a session (cookie or bearer), valid or not. */
export function hasSessionCredentials(event: H3Event) {
  return Boolean(readToken(event))
}

function readToken(event: H3Event) {
  const header = getRequestHeader(event, 'authorization')
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
  return getCookie(event, cookieName(event))
}

type SessionClaims = { sub: string, jti: string, exp: number, tv?: unknown }

// Tokens whose signature has been checked, with their claims: a page render asks the API several
// times with the same cookie, and each HMAC check cost more than the query it guarded. Only the
// signature is remembered; expiry is checked on every use and revocation, the user's status and
// token version are read from the database every time (getSessionUser).
const verified = createBoundedMap<SessionClaims>(1000)

/** The claims of a token we signed that has not expired; a token without `exp`, `sub` or `jti` is not one of ours. */
async function verifySessionToken(token: string): Promise<SessionClaims> {
  const known = verified.get(token)
  if (known && known.exp * 1000 > Date.now()) return known
  try {
    const { payload } = await jwtVerify(token, useJwtSecret(), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'jti'] })
    verified.set(token, payload as SessionClaims)
    return payload as SessionClaims
  }
  catch {
    throw createError({ statusCode: 401, message: 'Your session is invalid or has expired. Please sign in again.' })
  }
}

const findRevocation = () => useDb().select({ id: revokedSessions.id }).from(revokedSessions).where(eq(revokedSessions.id, sql.placeholder('id'))).limit(1).prepare()
let revocationById: ReturnType<typeof findRevocation> | undefined

/**
 * The signed-in user, or null. A token is honoured only while the user exists, is active, still
 * has the token version it was issued under (blocking and password changes bump it), and its
 * session was not ended by logout.
 */
export async function getSessionUser(event: H3Event): Promise<User | null> {
  if (event.context.user !== undefined) return event.context.user
  event.context.user = null
  const token = readToken(event)
  if (token === undefined) return null
  if (!token) throw createError({ statusCode: 401, message: 'Malformed Authorization header: use "Bearer <token>"' })
  const claims = await verifySessionToken(token)
  revocationById ??= findRevocation()
  const user = findUserById(Number(claims.sub))
  if (!user || user.status !== 'active' || user.tokenVersion !== claims.tv || revocationById.get({ id: claims.jti })) {
    throw createError({ statusCode: 401, message: 'Your session has been revoked. Please sign in again.' })
  }
  event.context.user = user
  return user
}

/** Ends the session of the request's token (cookie or bearer), if it carries a valid one; other sessions go on. */
export async function endSession(event: H3Event) {
  const token = readToken(event)
  const claims = token ? await verifySessionToken(token).catch(() => null) : null
  if (!claims) return
  const db = useDb()
  db.transaction((tx) => {
    // Revocations of tokens that have expired anyway are no longer needed.
    tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date())).run()
    tx.insert(revokedSessions).values({ id: claims.jti, userId: Number(claims.sub), expiresAt: new Date(claims.exp * 1000) }).onConflictDoNothing().run()
  })
}

export async function requireUser(event: H3Event) {
  const user = await getSessionUser(event)
  if (!user) throw createError({ statusCode: 401, message: 'Sign in to continue' })
  return user
}

export async function requireRole(event: H3Event, ...allowed: Role[]) {
  const user = await requireUser(event)
  if (!allowed.includes(user.role)) throw createError({ statusCode: 403, message: `Only ${allowed.join(' or ')} accounts can do this` })
  return user
}

declare module 'h3' {
  interface H3EventContext {
    user?: User | null
  }
}
