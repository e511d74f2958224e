import { defineDriver } from 'unstorage'
import { CATALOGUE_VERSION_KEY } from '~~/server/utils/catalogue-cache'

const PREFIX = 'cache:'
const DEFAULT_TTL_SECONDS = 600

/**
 * The `cache` storage on the app's one Redis connection (server/utils/redis.ts): every command
 * has a short time limit and fails at once while Redis is down, and the callers fall back to the
 * database. Nitro's in-memory cache when REDIS_URL is unset.
 */
const redisCache = defineDriver(() => ({
  name: 'app-redis',
  hasItem: async key => (await withRedis(redis => redis.exists(PREFIX + key))) === 1,
  getItem: key => withRedis(redis => redis.get(PREFIX + key)),
  setItem: async (key, value, options?: { ttl?: number }) => {
    await withRedis(redis => redis.set(PREFIX + key, value, 'EX', options?.ttl ?? DEFAULT_TTL_SECONDS))
  },
  removeItem: async (key) => {
    await withRedis(redis => redis.del(PREFIX + key))
  },
  getKeys: base => withRedis(async (redis) => {
    // SCAN patterns and results carry the client's key prefix; keys handed back must not.
    const strip = `${redis.options.keyPrefix ?? ''}${PREFIX}`
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${strip}${base ?? ''}*`, 'COUNT', 500)
      cursor = next
      keys.push(...found.map(key => key.slice(strip.length)))
    } while (cursor !== '0')
    return keys
  }),
}))

export default defineNitroPlugin(() => {
  if (!useRedisClient()) return
  const storage = useStorage()
  storage.unmount('cache')
  storage.mount('cache', redisCache({}))
  // A catalogue change made while Redis was down could not move the version on: start a new one.
  onRedisReturn(redis => redis.del(PREFIX + CATALOGUE_VERSION_KEY))
})
