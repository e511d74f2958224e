import { idParam } from '~~/shared/domain/fields'
import { blockSchema } from '~~/shared/domain/moderation'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const { reason } = await readJsonBody(event, blockSchema)
  const admin = await requireRole(event, 'admin')
  return { user: await blockUser(admin, id, reason) }
})
