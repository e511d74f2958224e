import { createHash, randomUUID } from 'node:crypto'

/**
 * Cached catalogue reads (search, category list) and their one invalidator.
 *
 * Entries live in the `cache` storage (Redis when REDIS_URL is set) under
 * `catalogue:<name>:<version>:<hash of the parameters>` for CATALOGUE_MAX_AGE_SECONDS.
 * Every write that changes an answer calls invalidateCatalogue(), which moves
 * `catalogue:version` on: every instance reads the version first, so old entries are simply
 * never read again and expire on their own. A small in-process layer in front of Redis keeps
 * hot answers per version, so a hit costs one Redis GET (the version) rather than two.
 */
export const CATALOGUE_VERSION_KEY = 'catalogue:version'
export const CATALOGUE_MAX_AGE_SECONDS = 300
const VERSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
const LOCAL_MAX_AGE_MS = 30_000
const LOCAL_MAX_ENTRIES = 1000

const local = new Map<string, { value: unknown, expiresAt: number }>()
const inFlight = new Map<string, Promise<unknown>>()

const cacheStorage = () => useStorage('cache')

async function currentVersion() {
  const stored = await cacheStorage().getItem<string | number>(CATALOGUE_VERSION_KEY)
  if (stored !== null && stored !== undefined && stored !== '') return String(stored)
  // First read, or the version expired: start a fresh one (entries of any earlier one are unreachable).
  const version = randomUUID().slice(0, 8)
  await cacheStorage().setItem(CATALOGUE_VERSION_KEY, version, { ttl: VERSION_MAX_AGE_SECONDS })
  return version
}

function entryKey(name: string, version: string, params: unknown) {
  const digest = createHash('sha1').update(JSON.stringify(params)).digest('hex').slice(0, 20)
  return `catalogue:${name}:${version}:${digest}`
}

/** Answers `read()` from the cache when the catalogue has not changed since it was stored. */
export async function cachedCatalogueRead<T>(name: string, params: unknown, read: () => T): Promise<T> {
  let key: string
  try {
    key = entryKey(name, await currentVersion(), params)
  }
  catch (error) {
    // Without the version nothing cached can be trusted: answer from the database.
    console.error('[cache] catalogue version unavailable:', (error as Error).message)
    return read()
  }
  const hot = local.get(key)
  if (hot && hot.expiresAt > Date.now()) return hot.value as T
  // Concurrent misses of one key share one load instead of each running the query (a cold key under load).
  let loading = inFlight.get(key) as Promise<T> | undefined
  if (!loading) {
    loading = loadEntry(key, read).finally(() => inFlight.delete(key))
    inFlight.set(key, loading)
  }
  return loading
}

async function loadEntry<T>(key: string, read: () => T) {
  let value = await cacheStorage().getItem(key).catch(() => null) as T | null
  if (value === null || value === undefined) {
    value = read()
    await cacheStorage().setItem(key, value as object, { ttl: CATALOGUE_MAX_AGE_SECONDS }).catch(() => undefined)
  }
  if (local.size >= LOCAL_MAX_ENTRIES) local.clear()
  local.set(key, { value, expiresAt: Date.now() + LOCAL_MAX_AGE_MS })
  return value
}

/** Call after every committed write that changes what a catalogue read would answer. */
export async function invalidateCatalogue() {
  local.clear()
  const storage = cacheStorage()
  try {
    await storage.setItem(CATALOGUE_VERSION_KEY, randomUUID().slice(0, 8), { ttl: VERSION_MAX_AGE_SECONDS })
    // The in-memory driver ignores TTLs: drop the old entries there instead of letting them pile up.
    if (!useRedis()) {
      const keys = await storage.getKeys('catalogue')
      await Promise.all(keys.filter(key => key !== CATALOGUE_VERSION_KEY).map(key => storage.removeItem(key)))
    }
  }
  catch (error) {
    // The write itself is committed; answering 500 would only invite a retry. While Redis is
    // unreachable reads skip the cache anyway (they cannot read the version either).
    console.error('[cache] could not invalidate the catalogue:', (error as Error).message)
  }
}
