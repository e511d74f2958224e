import { idParam } from '~~/domain/fields'
import { requestUpdateSchema } from '~~/domain/requests'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const changes = await readJsonBody(event, requestUpdateSchema)
  const user = await requireUser(event)
  return { request: editRequest(id, requestActor(user), changes) }
})
