type Counter = { count: number, resetAt: number }

// Enough for every address of a large attack in one window; past it the oldest counters go first.
const MEMORY_MAX_KEYS = 100_000
const memoryCounters = new Map<string, Counter>()

/**
 * Counts one attempt and grants it while the window holds fewer than `limit`; a refused attempt
 * is not counted, so the stored count is the attempts granted. One script: INCR and the check
 * cannot be split by another instance's attempt.
 */
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if count > tonumber(ARGV[2]) then
  redis.call('DECR', KEYS[1])
  return redis.call('PTTL', KEYS[1])
end
return 0`

const GIVE_BACK_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`

function takeFromMemory(key: string, limit: number, windowMs: number) {
  const now = Date.now()
  let counter = memoryCounters.get(key)
  if (!counter || counter.resetAt <= now) {
    if (memoryCounters.size >= MEMORY_MAX_KEYS) sweepMemory(now)
    counter = { count: 0, resetAt: now + windowMs }
    memoryCounters.delete(key)
    memoryCounters.set(key, counter)
  }
  if (counter.count >= limit) return counter.resetAt - now
  counter.count++
  return 0
}

function sweepMemory(now: number) {
  for (const [key, counter] of memoryCounters) if (counter.resetAt <= now) memoryCounters.delete(key)
  // Still full: drop the oldest windows (Map keeps insertion order).
  for (const key of memoryCounters.keys()) {
    if (memoryCounters.size < MEMORY_MAX_KEYS * 0.9) break
    memoryCounters.delete(key)
  }
}

/** Runs the Redis form when Redis is configured and answers; this instance's memory otherwise. */
async function withFallback<T>(viaRedis: (redis: NonNullable<ReturnType<typeof useRedis>>) => Promise<T>, inMemory: () => T): Promise<T> {
  const redis = useRedis()
  if (!redis) return inMemory()
  try {
    return await Promise.race([viaRedis(redis), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 500 ms')), 500).unref())])
  }
  catch (error) {
    // Redis down must not turn sign-in into a 500 (contract: Faults); limits hold per instance meanwhile.
    console.error('[rate-limit] Redis unavailable, counting in memory:', (error as Error).message)
    return inMemory()
  }
}

/**
 * Fixed-window attempt limits, shared by every instance through Redis when configured. An attempt
 * is taken (counted) BEFORE the slow work it guards, so parallel requests cannot all pass a check
 * that was read before any of them was counted.
 */
export function createAttemptLimiter(name: string, windowSeconds: number) {
  const keyOf = (subject: string) => `ratelimit:${name}:${subject}`
  const windowMs = windowSeconds * 1000

  return {
    /** Takes one attempt: 0 when granted, else the seconds until the window resets. */
    async take(subject: string, limit: number) {
      const key = keyOf(subject)
      const waitMs = await withFallback(
        async redis => Number(await redis.eval(TAKE_SCRIPT, 1, key, windowMs, limit)),
        () => takeFromMemory(key, limit, windowMs),
      )
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0
    },

    /** Returns a granted attempt that turned out not to count (a successful sign-in from an address). */
    async giveBack(subject: string) {
      const key = keyOf(subject)
      await withFallback(
        async redis => redis.eval(GIVE_BACK_SCRIPT, 1, key),
        () => {
          const counter = memoryCounters.get(key)
          if (counter && counter.count > 0) counter.count--
        },
      )
    },

    async reset(subject: string) {
      const key = keyOf(subject)
      await withFallback(async (redis) => {
        await redis.del(key)
      }, () => {
        memoryCounters.delete(key)
      })
    },
  }
}

export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>

/** Takes one attempt from each subject, all or none: a refusal gives back what the others granted. */
export async function takeAttempts(limiter: AttemptLimiter, subjects: { subject: string, limit: number }[]) {
  const waits = await Promise.all(subjects.map(({ subject, limit }) => limiter.take(subject, limit)))
  const waitSeconds = Math.max(0, ...waits)
  if (waitSeconds) await Promise.all(subjects.filter((_, index) => !waits[index]).map(({ subject }) => limiter.giveBack(subject)))
  return waitSeconds
}

export function tooManyRequests(retryAfterSeconds: number, message: string): never {
  throw createError({ statusCode: 429, message, data: { retryAfter: retryAfterSeconds } })
}

/** "Try again in N minute(s)." for a 429 message. */
export const retryHint = (seconds: number) => `Try again in ${Math.ceil(seconds / 60)} minute(s).`
