import { requestListSchema } from '~~/shared/domain/requests'

export default defineEventHandler(async (event) => {
  const query = readQuery(event, requestListSchema)
  const user = await requireUser(event)
  return listRequests(requestActor(user), query)
})
