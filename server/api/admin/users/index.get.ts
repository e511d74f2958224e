import { userListSchema } from '~~/shared/domain/moderation'

export default defineEventHandler(async (event) => {
  const query = readQuery(event, userListSchema)
  await requireRole(event, 'admin')
  return listUsers(query)
})
