import { z } from 'zod'

const feedParam = z.object({ file: z.string().regex(/^[\w-]{43}\.ics$/, 'No such calendar') })

// The secret in the address is the only credential: a wrong or rotated one is a 404.
export default defineEventHandler((event) => {
  const parsed = feedParam.safeParse(getRouterParams(event, { decode: true }))
  const feed = parsed.success ? calendarFeed(parsed.data.file.slice(0, -'.ics'.length)) : null
  if (!feed) throw createError({ statusCode: 404, message: 'No such calendar' })
  setResponseHeaders(event, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store' })
  return feed
})
