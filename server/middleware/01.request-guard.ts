const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const UPLOAD_LIMIT = 5 * 1024 * 1024 + 64 * 1024 // a 5 MB file plus multipart framing
const UPLOAD_PATHS = new Set(['/api/professional/document'])

/**
 * Before any API handler: refuse state changes sent from a foreign origin (the session cookie
 * would otherwise ride along), and bodies over the limit before reading them.
 */
export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/') || !UNSAFE_METHODS.has(event.method)) return

  const origin = getRequestHeader(event, 'origin')
  const fetchSite = getRequestHeader(event, 'sec-fetch-site')
  const host = getRequestHost(event, { xForwardedHost: useServerConfig().trustProxy })
  let foreign = fetchSite === 'cross-site'
  if (origin && origin !== 'null') {
    try {
      foreign ||= new URL(origin).host !== host
    }
    catch {
      foreign = true
    }
  }
  else if (origin === 'null') {
    foreign = true
  }
  if (foreign) throw createError({ statusCode: 403, message: 'Cross-origin request refused' })

  const length = Number(getRequestHeader(event, 'content-length') ?? 0)
  const limit = UPLOAD_PATHS.has(event.path.split('?')[0]!) ? UPLOAD_LIMIT : JSON_BODY_LIMIT
  if (length > limit) throw createError({ statusCode: 413, message: `Body larger than ${limit} bytes` })
})
