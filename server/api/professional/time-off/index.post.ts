import { timeOffCreateSchema } from '~~/shared/domain/scheduling'

export default defineEventHandler(async (event) => {
  const input = await readJsonBody(event, timeOffCreateSchema)
  const user = await requireRole(event, 'professional')
  const created = addTimeOff(user.id, input)
  setResponseStatus(event, 201)
  return { timeOff: created }
})
