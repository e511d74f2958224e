import { createBoundedMap } from '~~/shared/utils/bounded-map'
import { createHash, randomUUID } from 'node:crypto'
import type Redis from 'ioredis'

/**
 * The read-through cache of the app (createReadThroughCache, also used for slots in scheduling.ts),
 * cached catalogue reads (search, category list), their one invalidator, and the catalogue
 * version that also keys the rendered anonymous pages (server/utils/page-cache.ts).
 *
 * Entries live in the `cache` storage (Redis when REDIS_URL is set) under
 * `catalogue:<name>:<version>:<hash of the parameters>` for CATALOGUE_MAX_AGE_SECONDS, and in a
 * bounded in-process copy in front of it. Every write that changes an answer calls
 * invalidateCatalogue(), which moves `catalogue:version` on and publishes the new version on a
 * Redis channel. Each instance keeps the version in memory while it is subscribed to that
 * channel, so a hit costs no network round trip; while the subscription is down (Redis
 * unreachable, or reconnecting and possibly having missed a message) reads go to the database.
 */
export const CATALOGUE_VERSION_KEY = 'catalogue:version'
export const CATALOGUE_CHANNEL = 'catalogue:version-changed'
export const CATALOGUE_MAX_AGE_SECONDS = 300
const VERSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
// Answers embed ratings, which change on reviews without a catalogue write: bound how stale they get.
const LOCAL_MAX_AGE_MS = 30_000
const LOCAL_MAX_ENTRIES = 1000

const cacheStorage = () => useStorage('cache')

/** The version this instance may use without asking Redis; undefined when it must ask. */
let trustedVersion: string | undefined
// Moves on with every change of what is known, so a read started before a change cannot overwrite it.
let generation = 0
let subscriber: Redis | null | undefined
let subscribed = false
// A change this instance could not announce (Redis was down): announced as soon as Redis is back.
let unannouncedChange = false

function forgetVersion() {
  generation++
  trustedVersion = undefined
}

/**
 * Subscribes (once) to the version channel on a connection of its own (a subscribed connection can
 * do nothing else). Called at start, so the subscription is up before the first request.
 */
export function watchCatalogueVersion() {
  if (subscriber !== undefined) return
  // The client whatever its state (useRedis() answers null until it is up, and this runs at start).
  const redis = useRedisClient()
  subscriber = redis ? redis.duplicate({ autoResubscribe: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }) : null
  if (!subscriber) return
  const connection = subscriber
  connection.on('error', () => undefined) // the shared client already logs Redis errors
  connection.on('ready', () => {
    connection.subscribe(CATALOGUE_CHANNEL).then(() => {
      subscribed = true
      forgetVersion() // messages may have been missed while disconnected: read the version once more
    }, () => undefined)
  })
  connection.on('close', () => {
    subscribed = false
    forgetVersion()
  })
  connection.on('message', (_channel: string, version: string) => {
    generation++
    trustedVersion = version
  })
}

/** Stops listening for catalogue changes (at shutdown). */
export async function stopWatchingCatalogue() {
  const connection = subscriber
  subscriber = undefined
  subscribed = false
  await connection?.quit().catch(() => connection.disconnect())
}

async function readOrStartVersion() {
  const stored = await cacheStorage().getItem<string | number>(CATALOGUE_VERSION_KEY)
  if (stored !== null && stored !== undefined && stored !== '') return String(stored)
  // First read, or the version expired: start a fresh one (entries of any earlier one are unreachable).
  const version = randomUUID().slice(0, 8)
  await cacheStorage().setItem(CATALOGUE_VERSION_KEY, version, { ttl: VERSION_MAX_AGE_SECONDS })
  // Instances still holding the version that went away (expired, or dropped after an outage) move on too.
  await withRedis(redis => redis.publish(CATALOGUE_CHANNEL, version)).catch(() => undefined)
  return version
}

/**
 * The catalogue's current version, or null when it cannot be known (Redis configured but not
 * reachable): then nothing cached may be used.
 */
export async function catalogueVersion(): Promise<string | null> {
  watchCatalogueVersion()
  if (subscriber && !subscribed) return null
  if (trustedVersion) return trustedVersion
  const started = generation
  try {
    const version = await readOrStartVersion()
    if (started === generation) trustedVersion = version
    return version
  }
  catch (error) {
    console.error('[cache] catalogue version unavailable:', (error as Error).message)
    return null
  }
}

/** A short digest of a read's parameters, for cache keys. */
export const parametersDigest = (params: unknown) => createHash('sha1').update(JSON.stringify(params)).digest('hex').slice(0, 20)

const entryKey = (name: string, version: string, params: unknown) => `catalogue:${name}:${version}:${parametersDigest(params)}`

/**
 * A read-through cache: a bounded in-process copy in front of the shared `cache` storage (Redis when
 * configured), in front of `read()`. Concurrent misses of one key share one load instead of each
 * running the query (a cold key under load). `expiresAt` may shorten an entry's life by its value.
 * Keys carry a version, so an entry is never deleted on a change: it is simply no longer asked for.
 */
export function createReadThroughCache(options: { maxEntries: number, maxAgeSeconds: number, localMaxAgeMs: number }) {
  const local = createBoundedMap<{ value: unknown, expiresAt: number }>(options.maxEntries)
  const inFlight = new Map<string, Promise<unknown>>()

  async function load<T>(key: string, read: () => T, expiresAt?: (value: T) => number) {
    // Without Redis the `cache` storage is an unbounded in-memory map that ignores TTLs: every
    // distinct query would stay in it. The bounded local layer is then the only cache.
    const shared = useRedis() ? cacheStorage() : null
    let value = await shared?.getItem(key).catch(() => null) as T | null | undefined
    const now = Date.now()
    const fresh = value === null || value === undefined
    if (fresh) value = read()
    const until = Math.min(expiresAt ? expiresAt(value as T) : Infinity, now + options.maxAgeSeconds * 1000)
    if (until > now) {
      if (fresh) await shared?.setItem(key, value as object, { ttl: Math.ceil((until - now) / 1000) }).catch(() => undefined)
      local.set(key, { value, expiresAt: Math.min(until, now + options.localMaxAgeMs) })
    }
    return { value: value as T, hit: !fresh }
  }

  return {
    /** The value under `key` and whether it came from the cache. */
    async read<T>(key: string, read: () => T, expiresAt?: (value: T) => number): Promise<{ value: T, hit: boolean }> {
      const hot = local.get(key)
      if (hot && hot.expiresAt > Date.now()) return { value: hot.value as T, hit: true }
      let loading = inFlight.get(key) as Promise<{ value: T, hit: boolean }> | undefined
      if (!loading) {
        loading = load(key, read, expiresAt).finally(() => inFlight.delete(key))
        inFlight.set(key, loading)
      }
      return loading
    },
    clear: () => local.clear(),
  }
}

const catalogueEntries = createReadThroughCache({ maxEntries: LOCAL_MAX_ENTRIES, maxAgeSeconds: CATALOGUE_MAX_AGE_SECONDS, localMaxAgeMs: LOCAL_MAX_AGE_MS })

/** Answers `read()` from the cache when the catalogue has not changed since it was stored. */
export async function cachedCatalogueRead<T>(name: string, params: unknown, read: () => T): Promise<T> {
  const version = await catalogueVersion()
  // Without the version nothing cached can be trusted: answer from the database.
  if (version === null) return read()
  return (await catalogueEntries.read(entryKey(name, version, params), read)).value
}

/** Call after every committed write that changes what a catalogue read would answer. */
export async function invalidateCatalogue() {
  catalogueEntries.clear()
  const version = randomUUID().slice(0, 8)
  // This instance sees the change at once, whatever Redis does next.
  generation++
  trustedVersion = version
  const storage = cacheStorage()
  unannouncedChange = false
  try {
    await storage.setItem(CATALOGUE_VERSION_KEY, version, { ttl: VERSION_MAX_AGE_SECONDS })
    if (useRedisClient()) await withRedis(redis => redis.publish(CATALOGUE_CHANNEL, version))
    // The in-memory driver ignores TTLs: drop the old entries there instead of letting them pile up.
    else {
      const keys = await storage.getKeys('catalogue')
      await Promise.all(keys.filter(key => key !== CATALOGUE_VERSION_KEY).map(key => storage.removeItem(key)))
    }
  }
  catch (error) {
    // The write itself is committed; answering 500 would only invite a retry. Other instances
    // miss the message only while Redis is unreachable, and then they skip the cache anyway; a
    // Redis that comes back with its old data learns of the change on reconnect.
    forgetVersion()
    unannouncedChange = true
    retryAnnouncement()
    console.error('[cache] could not invalidate the catalogue:', (error as Error).message)
  }
}

let retrying: NodeJS.Timeout | undefined

/** Tries again, every second while Redis is down, to announce a change made during the outage. */
function retryAnnouncement() {
  retrying ??= setInterval(() => {
    if (!unannouncedChange) {
      clearInterval(retrying)
      retrying = undefined
    }
    else if (isRedisUp()) {
      void invalidateCatalogue()
    }
  }, 1000).unref()
}
