import { z } from 'zod'
import { requestStatuses } from '~~/db/schema'
import { calendarDateSchema, timeTextSchema } from '~~/shared/domain/fields'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const date = z.union([calendarDateSchema, timeTextSchema], { error: 'Use a real date (YYYY-MM-DD) or an ISO 8601 time with its zone, year up to 2100' })

// `from` and `to` bound the date of request; a plain date as `to` includes that whole day (UTC).
const body = z.object({
  status: z.enum(requestStatuses).default('closed'),
  from: date.nullish(),
  to: date.nullish(),
}).transform(({ status, from, to }) => ({
  status,
  from: from ? new Date(from) : null,
  to: to ? new Date(Date.parse(to) + (DATE_ONLY.test(to) ? 24 * 60 * 60 * 1000 : 0)) : null,
})).refine(({ from, to }) => !from || !to || from < to, { message: '`to` must be after `from`', path: ['to'] })

export default defineEventHandler(async (event) => {
  const filters = await readJsonBody(event, body)
  const admin = await requireRole(event, 'admin')
  const row = createExport(admin.id, filters)
  setResponseStatus(event, 202)
  return { export: serializeExport(row) }
})
