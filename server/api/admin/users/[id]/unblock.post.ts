import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  await requireRole(event, 'admin')
  return { user: await unblockUser(id) }
})
