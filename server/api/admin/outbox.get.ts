import { z } from 'zod'
import { pagingSchema } from '~~/shared/domain/fields'

const query = pagingSchema.extend({
  to: z.string().trim().email().optional(),
})

export default defineEventHandler(async (event) => {
  const { page, pageSize, to } = readQuery(event, query)
  await requireRole(event, 'admin')
  return listOutbox(page, pageSize, to)
})
