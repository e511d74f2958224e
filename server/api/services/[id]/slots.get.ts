import { idParam } from '~~/shared/domain/fields'
import { slotsQuerySchema } from '~~/shared/domain/scheduling'

// Public: the free slots of a service, computed from hours, time off and holds at each call.
export default defineEventHandler((event) => {
  const { id } = readParams(event, idParam)
  const query = readQuery(event, slotsQuerySchema)
  return listSlots(id, query)
})
