type Counter = { count: number, resetAt: number }

const memoryCounters = new Map<string, Counter>()

function sweepMemory(now: number) {
  if (memoryCounters.size < 10_000) return
  for (const [key, counter] of memoryCounters) if (counter.resetAt <= now) memoryCounters.delete(key)
}

/**
 * Fixed-window failure counters. In Redis when configured, so every instance shares the count;
 * in this process's memory otherwise.
 */
export function createFailureCounter(name: string, windowSeconds: number) {
  const keyOf = (subject: string) => `ratelimit:${name}:${subject}`

  return {
    /** Seconds until the window resets if `subject` has reached `limit`, else 0. */
    async blockedFor(subject: string, limit: number) {
      const redis = useRedis()
      if (redis) {
        const [count, ttl] = await redis.multi().get(keyOf(subject)).pttl(keyOf(subject)).exec() as [[null, string | null], [null, number]]
        return Number(count[1] ?? 0) >= limit ? Math.max(1, Math.ceil(ttl[1] / 1000)) : 0
      }
      const counter = memoryCounters.get(keyOf(subject))
      const now = Date.now()
      if (!counter || counter.resetAt <= now || counter.count < limit) return 0
      return Math.max(1, Math.ceil((counter.resetAt - now) / 1000))
    },

    async hit(subject: string) {
      const redis = useRedis()
      if (redis) {
        await redis.multi().incr(keyOf(subject)).expire(keyOf(subject), windowSeconds, 'NX').exec()
        return
      }
      const now = Date.now()
      sweepMemory(now)
      const counter = memoryCounters.get(keyOf(subject))
      if (!counter || counter.resetAt <= now) memoryCounters.set(keyOf(subject), { count: 1, resetAt: now + windowSeconds * 1000 })
      else counter.count++
    },

    async reset(subject: string) {
      const redis = useRedis()
      if (redis) await redis.del(keyOf(subject))
      else memoryCounters.delete(keyOf(subject))
    },
  }
}

export function tooManyRequests(retryAfterSeconds: number, message: string): never {
  throw createError({ statusCode: 429, message, data: { retryAfter: retryAfterSeconds } })
}
