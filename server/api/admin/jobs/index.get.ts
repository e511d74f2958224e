import { z } from 'zod'
import { JOB_NAMES, type JobName } from '~~/server/utils/jobs'

const query = z.object({
  name: z.enum(JOB_NAMES as [JobName, ...JobName[]]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export default defineEventHandler(async (event) => {
  const { name, limit } = readQuery(event, query)
  await requireRole(event, 'admin')
  return { items: listJobRuns(limit, name) }
})
