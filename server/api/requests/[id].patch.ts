import { idParam } from '~~/shared/domain/fields'
import { requestUpdateSchema } from '~~/shared/domain/requests'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const changes = await readJsonBody(event, requestUpdateSchema)
  const user = await requireUser(event)
  return { request: editRequest(id, requestActor(user), changes) }
})
