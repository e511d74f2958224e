import { serviceUpdateSchema } from '~~/shared/domain/catalogue'
import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const changes = await readJsonBody(event, serviceUpdateSchema)
  await requireRole(event, 'admin')
  return { service: await updateService(id, changes) }
})
