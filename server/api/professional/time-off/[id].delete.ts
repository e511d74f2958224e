import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const user = await requireRole(event, 'professional')
  removeTimeOff(user.id, id)
  setResponseStatus(event, 204)
  return null
})
