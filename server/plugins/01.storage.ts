import redisDriver from 'unstorage/drivers/redis'

// Hot reads are cached in Redis when REDIS_URL is set, in Nitro's in-memory cache otherwise.
export default defineNitroPlugin(() => {
  const { redisUrl } = useServerConfig()
  if (!redisUrl) return
  const storage = useStorage()
  storage.unmount('cache')
  storage.mount('cache', redisDriver({ url: redisUrl, base: 'hs:cache', ttl: 600 }))
})
