import Redis from 'ioredis'
import { useServerConfig } from './config'

/**
 * Redis is an accelerator, never a dependency: commands fail within COMMAND_TIMEOUT_MS and never
 * queue while the connection is down, and callers ask redisOrNull() and use their fallback
 * (SQLite reads, the instance's memory) when it answers null. The state follows the connection:
 * down on close or on a timed-out command, up again when a reconnect or a probe succeeds.
 */
const COMMAND_TIMEOUT_MS = 300
const CONNECT_TIMEOUT_MS = 500
const PROBE_INTERVAL_MS = 1000

export type RedisStatus = 'memory' | 'ok' | 'down'

let client: Redis | null | undefined
let up = false
let reportedDown = false
let probe: NodeJS.Timeout | undefined
const returnListeners: ((redis: Redis) => unknown)[] = []

function markDown(why: string) {
  up = false
  if (reportedDown) return
  reportedDown = true
  console.error(`[redis] unavailable (${why}): using the database and this instance's memory until it returns`)
  // A frozen server keeps the socket open and never reconnects: probe it instead.
  probe ??= setInterval(() => {
    client?.ping().then(markUp, () => undefined)
  }, PROBE_INTERVAL_MS).unref()
}

let recovering: Promise<void> | undefined

function markUp() {
  if (probe) clearInterval(probe)
  probe = undefined
  if (!reportedDown) {
    up = true
    return
  }
  // Back after an outage: drop what may have gone stale meanwhile before anyone reads it again.
  recovering ??= Promise.allSettled(returnListeners.map(listener => Promise.resolve().then(() => listener(client!)))).then((results) => {
    recovering = undefined
    const failed = results.find(result => result.status === 'rejected')
    if (failed) return markDown(`recovery: ${(failed as PromiseRejectedResult).reason?.message}`)
    reportedDown = false
    up = true
    console.log('[redis] available again')
  })
}

function connect(url: string) {
  const redis = new Redis(url, {
    keyPrefix: 'hs:',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Keep trying in the background, never more than a second apart.
    retryStrategy: times => Math.min(times * 100, 1000),
  })
  redis.on('ready', markUp)
  redis.on('close', () => markDown('connection closed'))
  redis.on('error', error => markDown(error.message))
  return redis
}

/** The Redis client when REDIS_URL is set, whatever its state (start-up connects through this). */
export function useRedisClient() {
  if (client !== undefined) return client
  const { redisUrl } = useServerConfig()
  client = redisUrl ? connect(redisUrl) : null
  return client
}

/** The Redis client when it is configured and answering, otherwise null: use the fallback then. */
export function redisOrNull() {
  const redis = useRedisClient()
  return redis && up ? redis : null
}

/** Kept for existing callers: the same as redisOrNull(). */
export const useRedis = redisOrNull

export const isRedisUp = () => redisOrNull() !== null

/** `memory` without REDIS_URL; `ok` or `down` with it. */
export function redisStatus(): RedisStatus {
  if (!useRedisClient()) return 'memory'
  return up ? 'ok' : 'down'
}

/**
 * Runs a Redis command, marking Redis down when it times out or fails for want of a connection,
 * so that the next callers skip it at once instead of each waiting for the timeout.
 */
export async function withRedis<T>(command: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = redisOrNull()
  if (!redis) throw new Error('Redis is unavailable')
  try {
    return await command(redis)
  }
  catch (error) {
    const message = (error as Error).message ?? ''
    if (/timed out|Stream isn't writeable|Connection is closed|ECONNRE|EPIPE/i.test(message)) markDown(message)
    throw error
  }
}

/**
 * Runs `listener` each time Redis comes back after an outage, before anyone else uses it again:
 * the place to drop entries that writes made during the outage could not invalidate.
 */
export function onRedisReturn(listener: (redis: Redis) => unknown) {
  returnListeners.push(listener)
}
