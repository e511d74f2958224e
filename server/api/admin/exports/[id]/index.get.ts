import { z } from 'zod'

const params = z.object({ id: z.coerce.number().int().positive() })

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, params)
  await requireRole(event, 'admin')
  const row = findExport(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such export' })
  return { export: serializeExport(row) }
})
