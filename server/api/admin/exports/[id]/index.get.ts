import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  await requireRole(event, 'admin')
  const row = findExport(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such export' })
  return { export: serializeExport(row) }
})
