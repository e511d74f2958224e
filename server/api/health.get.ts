import { sql } from 'drizzle-orm'

export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store')
  useDb().get(sql`select 1`)
  const redis = useRedis()
  if (!redis) return { status: 'ok', db: 'ok', cache: 'memory' }
  try {
    await redis.ping()
    return { status: 'ok', db: 'ok', cache: 'ok' }
  }
  catch {
    setResponseStatus(event, 503)
    return { status: 'degraded', db: 'ok', cache: 'unavailable' }
  }
})
