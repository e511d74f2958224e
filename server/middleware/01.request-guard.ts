import type { H3Event } from 'h3'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const UPLOAD_LIMIT = 5 * 1024 * 1024 + 64 * 1024 // a 5 MB file plus multipart framing
const UPLOAD_PATHS = new Set(['/api/professional/document'])
const LINGER_MS = 2000

/**
 * Before any API handler: refuse state changes sent from a foreign origin (the session cookie
 * would otherwise ride along), and read the body here, counting bytes as they arrive, so a body
 * over the limit is refused whatever its transfer encoding (chunked included) before it is held.
 * h3's readers then take the body from `event._requestBody`.
 */
export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/api/') || !UNSAFE_METHODS.has(event.method)) return
  refuseForeignOrigin(event)

  const { req } = event.node
  const declared = getRequestHeader(event, 'content-length')
  if (!declared && !getRequestHeader(event, 'transfer-encoding')) return
  const limit = UPLOAD_PATHS.has(event.path.split('?')[0]!) ? UPLOAD_LIMIT : JSON_BODY_LIMIT
  if (Number(declared ?? 0) > limit) refuseTooLarge(event, limit)
  const body = await readWithin(req, limit).catch((error: unknown) => {
    if (error === TOO_LARGE) refuseTooLarge(event, limit)
    throw createError({ statusCode: 400, message: 'The request body could not be read' })
  })
  // h3 takes a Buffer here as it is (its type says BodyInit, which a Node Buffer is at run time).
  event._requestBody = body as unknown as BodyInit
})

function refuseForeignOrigin(event: H3Event) {
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
}

const TOO_LARGE = Symbol('too large')

/** The body, as long as it stays within `limit` bytes; past that, rejects at once and stops reading. */
function readWithin(req: H3Event['node']['req'], limit: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        stop()
        req.pause()
        chunks.length = 0
        return reject(TOO_LARGE)
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks, size))
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    req.on('data', onData).on('end', onEnd).on('error', onError)
  })
}

/**
 * 413 with `Connection: close`. Node would destroy the socket as soon as the answer is written, and a
 * reset while the client is still sending can wipe the answer before the client reads it. So, like
 * nginx's lingering close: half-close, discard (never keep) what still arrives for LINGER_MS, then cut.
 */
function refuseTooLarge(event: H3Event, limit: number): never {
  const { req, res } = event.node
  const socket = req.socket
  setResponseHeader(event, 'Connection', 'close')
  socket.destroySoon = () => {
    socket.end()
    setTimeout(() => socket.destroy(), LINGER_MS).unref()
  }
  res.once('finish', () => req.resume())
  throw createError({ statusCode: 413, message: `Body larger than ${limit} bytes` })
}
