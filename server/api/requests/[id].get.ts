import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const user = await requireUser(event)
  return { request: getRequest(id, requestActor(user)) }
})
