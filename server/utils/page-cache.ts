import { createBoundedMap } from '~~/shared/utils/bounded-map'
import { randomUUID } from 'node:crypto'
import type { H3Event } from 'h3'

/**
 * Rendered HTML of the anonymous pages, keyed by the catalogue version and the URL, in this
 * process. A catalogue write moves the version on (on every instance, see catalogue-cache.ts),
 * so a changed page is rendered afresh at once. Only anonymous renders are stored and served:
 * a page rendered for nobody holds nothing of anybody. An entry also ages out after
 * `PAGE_CACHE_SECONDS` (default 60): what no catalogue write announces, such as a professional's
 * rating after a new review, shows within that time.
 */
const CACHEABLE_PAGES = [/^\/$/, /^\/services\/?$/, /^\/services\/\d+\/?$/, /^\/professionals\/\d+\/?$/, /^\/login\/?$/, /^\/register(?:\/[\w-]+)?\/?$/]
const MAX_PAGES = 300
const MAX_PAGE_BYTES = 512 * 1024
// Stands for the script nonce in a stored page; every response gets a fresh nonce in its place.
const NONCE_PLACEHOLDER = `nonce-placeholder-${randomUUID()}`

const pages = createBoundedMap<{ html: string, expiresAt: number }>(MAX_PAGES)

export function isCacheablePage(event: H3Event) {
  if (event.method !== 'GET' && event.method !== 'HEAD') return false
  return CACHEABLE_PAGES.some(pattern => pattern.test(event.path.split('?')[0]!))
}

/** The stored page for this URL with a fresh nonce, or null. */
export function readCachedPage(key: string, nonce: string) {
  const page = pages.get(key)
  return page && page.expiresAt > Date.now() ? page.html.replaceAll(NONCE_PLACEHOLDER, nonce) : null
}

export function storeCachedPage(key: string, html: string, nonce: string) {
  const maxAgeSeconds = useServerConfig().pageCacheSeconds
  if (!maxAgeSeconds || html.length > MAX_PAGE_BYTES || !nonce || !html.includes(`nonce="${nonce}"`)) return
  pages.set(key, { html: html.replaceAll(`nonce="${nonce}"`, `nonce="${NONCE_PLACEHOLDER}"`), expiresAt: Date.now() + maxAgeSeconds * 1000 })
}

export function pageCacheKey(version: string, event: H3Event) {
  return `${version} ${event.path}`
}
