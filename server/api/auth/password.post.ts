import { passwordChangeSchema } from '~~/shared/domain/auth'

export default defineEventHandler(async (event) => {
  const input = await readJsonBody(event, passwordChangeSchema)
  const user = await requireUser(event)
  const token = await changePassword(event, user, input.currentPassword, input.newPassword)
  setSessionCookie(event, token)
  return { token, user: serializeUserById(user.id) }
})
