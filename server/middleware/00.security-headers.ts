import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '~~/server/utils/session'

// Public catalogue reads: the same for everyone, so shared caches may keep them.
const PUBLIC_READS = /^\/api\/(categories|services|professionals)(\/|\?|$)/
const ONE_YEAR = 365 * 24 * 60 * 60

/**
 * Headers that depend on the request (the static ones are route rules in nuxt.config.ts):
 * HSTS once the request came over HTTPS, and `no-store` on every answer that may carry a token or
 * personal data — every API answer but the public catalogue reads, and anything asked for with a session.
 */
export default defineEventHandler((event) => {
  if (isSecureRequest(event)) setResponseHeader(event, 'Strict-Transport-Security', `max-age=${ONE_YEAR}; includeSubDomains`)
  const withSession = Boolean(getRequestHeader(event, 'authorization') || getCookie(event, SESSION_COOKIE) || getCookie(event, SECURE_SESSION_COOKIE))
  const isApi = event.path.startsWith('/api/') || event.path === '/api'
  if (withSession || (isApi && !(event.method === 'GET' && PUBLIC_READS.test(event.path)))) {
    setResponseHeader(event, 'Cache-Control', 'no-store')
  }
})
