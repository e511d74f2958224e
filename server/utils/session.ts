import type { H3Event } from 'h3'
import { eq, sql } from 'drizzle-orm'
import { jwtVerify, SignJWT } from 'jose'
import { users, type Role, type User } from '~~/db/schema'

export const SESSION_COOKIE = 'hs_session'

export async function issueToken(user: Pick<User, 'id' | 'role' | 'tokenVersion'>) {
  const { sessionDays } = useServerConfig()
  return new SignJWT({ role: user.role, tv: user.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setIssuedAt()
    .setExpirationTime(`${sessionDays}d`)
    .sign(useJwtSecret())
}

function isSecureRequest(event: H3Event) {
  return getRequestProtocol(event, { xForwardedProto: useServerConfig().trustProxy }) === 'https'
}

export function setSessionCookie(event: H3Event, token: string) {
  setCookie(event, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(event),
    path: '/',
    maxAge: useServerConfig().sessionDays * 24 * 60 * 60,
  })
}

export function clearSessionCookie(event: H3Event) {
  deleteCookie(event, SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(event), path: '/' })
}

function readToken(event: H3Event) {
  const header = getRequestHeader(event, 'authorization')
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
  return getCookie(event, SESSION_COOKIE)
}

const findUserById = () => useDb().select().from(users).where(eq(users.id, sql.placeholder('id'))).limit(1).prepare()
let userById: ReturnType<typeof findUserById> | undefined

/**
 * The signed-in user, or null. A token is honoured only while the user exists, is active and
 * still has the token version it was issued under (blocking and password changes bump it).
 */
export async function getSessionUser(event: H3Event): Promise<User | null> {
  if (event.context.user !== undefined) return event.context.user
  event.context.user = null
  const token = readToken(event)
  if (token === undefined) return null
  if (!token) throw createError({ statusCode: 401, message: 'Malformed Authorization header: use "Bearer <token>"' })
  let payload: { sub?: string, tv?: unknown }
  try {
    payload = (await jwtVerify(token, useJwtSecret(), { algorithms: ['HS256'] })).payload
  }
  catch {
    throw createError({ statusCode: 401, message: 'Your session is invalid or has expired. Please sign in again.' })
  }
  userById ??= findUserById()
  const user = userById.get({ id: Number(payload.sub) })
  if (!user || user.status !== 'active' || user.tokenVersion !== payload.tv) {
    throw createError({ statusCode: 401, message: 'Your session has been revoked. Please sign in again.' })
  }
  event.context.user = user
  return user
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
