import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const compressWithBrotli = promisify(brotliCompress)
const compressWithGzip = promisify(gzip)
// Below this a compressed body saves less than the headers and the work cost.
const MIN_BYTES = 1024
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|ld\+json)|image\/svg\+xml)/

/**
 * Pages and JSON answers go out with brotli or gzip when the client accepts it (static assets are
 * precompressed at build: nitro.compressPublicAssets). Compression runs on libuv's thread pool,
 * not on the thread that renders pages. Requests the server makes to itself during SSR are
 * left alone.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('beforeResponse', async (event, response) => {
    if ('__unenv__' in event.node.req || event.method === 'HEAD' || getResponseHeader(event, 'content-encoding')) return
    let body = response.body
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && isPlainJson(body)) {
      // What h3 would send for a returned object: serialise it here so it can be compressed.
      body = JSON.stringify(body)
      if (!getResponseHeader(event, 'content-type')) setResponseHeader(event, 'content-type', 'application/json')
    }
    if (typeof body !== 'string' && !Buffer.isBuffer(body)) return
    const type = String(getResponseHeader(event, 'content-type') ?? (typeof body === 'string' ? 'text/html' : ''))
    if (!COMPRESSIBLE.test(type)) return
    appendResponseHeader(event, 'Vary', 'Accept-Encoding')
    if (Buffer.byteLength(body) < MIN_BYTES) return
    const encoding = preferredEncoding(getRequestHeader(event, 'accept-encoding') ?? '')
    if (!encoding) return
    response.body = encoding === 'br'
      ? await compressWithBrotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } })
      : await compressWithGzip(body, { level: 6 })
    setResponseHeader(event, 'Content-Encoding', encoding)
    removeResponseHeader(event, 'content-length')
  })
})

function isPlainJson(body: object) {
  const prototype = Object.getPrototypeOf(body)
  return Array.isArray(body) || prototype === Object.prototype || prototype === null
}

/** br over gzip, honouring q=0 ("not acceptable"). */
function preferredEncoding(header: string) {
  const accepted = new Set(header.toLowerCase().split(',').map(part => part.trim()).filter(part => !/;\s*q=0(?:\.0*)?$/.test(part)).map(part => part.split(';')[0]!.trim()))
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip')) return 'gzip'
  return null
}
