import Redis from 'ioredis'

let client: Redis | null | undefined

/** The shared Redis connection when REDIS_URL is set, otherwise null (in-memory fallbacks). */
export function useRedis() {
  if (client !== undefined) return client
  const { redisUrl } = useServerConfig()
  client = redisUrl
    ? new Redis(redisUrl, { keyPrefix: 'hs:', maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false })
    : null
  client?.on('error', error => console.error('[redis]', error.message))
  return client
}
