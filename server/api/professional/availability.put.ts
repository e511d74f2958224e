import { availabilityUpdateSchema } from '~~/shared/domain/scheduling'

export default defineEventHandler(async (event) => {
  const update = await readJsonBody(event, availabilityUpdateSchema)
  const user = await requireRole(event, 'professional')
  return replaceAvailability(user.id, update)
})
