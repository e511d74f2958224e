import { idParam } from '~~/shared/domain/fields'
import { rescheduleSchema } from '~~/shared/domain/scheduling'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const { scheduledFor } = await readJsonBody(event, rescheduleSchema)
  const user = await requireUser(event)
  return { request: moveRequestWindow(id, requestActor(user), scheduledFor, 'reschedule') }
})
