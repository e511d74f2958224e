/**
 * Liveness and what this instance runs on. Answers at once: the Redis state is the one the
 * connection keeps (no round trip here), and a Redis outage is `degraded`, not an error, since
 * every endpoint keeps answering from the database meanwhile. A database this instance cannot
 * write to (read-only file, full disk) is a 503 with the reason.
 */
export default defineEventHandler((event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store')
  const db = databaseHealth()
  const cache = redisStatus()
  if (db.status !== 'ok') {
    setResponseStatus(event, 503)
    return { status: 'error', db: db.status, cache, reason: db.reason }
  }
  return { status: cache === 'down' ? 'degraded' : 'ok', db: 'ok', cache }
})
