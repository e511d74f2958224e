import { idParam } from '~~/shared/domain/fields'

/** "Run again": a new export with the filters of export {id}. */
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const admin = await requireRole(event, 'admin')
  const row = rerunExport(id, admin.id)
  setResponseStatus(event, 202)
  return { export: serializeExport(row) }
})
