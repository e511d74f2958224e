import { idParam } from '~~/shared/domain/fields'
import { requestCloseSchema } from '~~/shared/domain/requests'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const review = await readJsonBody(event, requestCloseSchema)
  const user = await requireUser(event)
  return { request: closeRequest(id, requestActor(user), review) }
})
