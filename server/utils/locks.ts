import { randomBytes } from 'node:crypto'

const RELEASE = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end'

/**
 * A lock shared by every instance through Redis (SET NX PX): null when another instance holds it.
 * Without REDIS_URL there is one instance by definition and the lock is always granted.
 */
export async function acquireLock(key: string, ttlMs: number) {
  const redis = useRedis()
  if (!redis) return { release: async () => {} }
  const token = randomBytes(16).toString('hex')
  const granted = await redis.set(`lock:${key}`, token, 'PX', ttlMs, 'NX')
  if (granted !== 'OK') return null
  return {
    release: async () => {
      await redis.eval(RELEASE, 1, `lock:${key}`, token).catch(() => undefined)
    },
  }
}
