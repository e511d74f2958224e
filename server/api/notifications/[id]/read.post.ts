import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const user = await requireUser(event)
  markNotificationRead(user.id, id)
  setResponseStatus(event, 204)
  return null
})
