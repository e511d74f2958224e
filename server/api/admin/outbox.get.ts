import { z } from 'zod'

const query = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  to: z.string().trim().email().optional(),
})

export default defineEventHandler(async (event) => {
  const { page, pageSize, to } = readQuery(event, query)
  await requireRole(event, 'admin')
  return listOutbox(page, pageSize, to)
})
