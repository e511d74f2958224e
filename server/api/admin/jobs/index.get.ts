import { z } from 'zod'
import { wholeNumberSchema } from '~~/shared/domain/fields'
import { JOB_NAMES } from '~~/shared/domain/jobs'

const query = z.object({
  name: z.enum(JOB_NAMES).optional(),
  limit: wholeNumberSchema(1, 200, 'Limit is a whole number from 1 to 200').default(50),
})

export default defineEventHandler(async (event) => {
  const { name, limit } = readQuery(event, query)
  await requireRole(event, 'admin')
  return { items: listJobRuns(limit, name) }
})
