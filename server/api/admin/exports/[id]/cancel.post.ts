import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const admin = await requireRole(event, 'admin')
  return { export: serializeExport(cancelExport(id, admin.email)) }
})
