import { idParam } from '~~/shared/domain/fields'

// Public. A deactivated service is a 404 for everyone but the admin, who still manages it.
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const service = findService(id)
  if (!service || (!service.active && (await getSessionUser(event))?.role !== 'admin')) {
    throw createError({ statusCode: 404, message: 'No such service' })
  }
  return { service, professionals: listServiceProfessionals(id) }
})
