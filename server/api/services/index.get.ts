import { serviceSearchSchema } from '~~/shared/domain/catalogue'

export default defineEventHandler(async (event) => {
  const query = readQuery(event, serviceSearchSchema)
  if (query.includeInactive) await requireRole(event, 'admin')
  return cachedSearchServices(query)
})
