import { idParam } from '~~/shared/domain/fields'
import { slotsQuerySchema } from '~~/shared/domain/scheduling'

// Public: the free slots of a service, from the slots cache while nothing changed its free time.
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const query = readQuery(event, slotsQuerySchema)
  const { slots, cached } = await listSlots(id, query)
  // Free time changes with every booking: no shared HTTP cache may keep it.
  setResponseHeaders(event, { 'Cache-Control': 'no-store', 'X-Slots-Cache': cached ? 'hit' : 'miss' })
  return slots
})
