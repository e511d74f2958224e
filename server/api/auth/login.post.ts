import { loginSchema } from '~~/shared/domain/auth'

export default defineEventHandler(async (event) => {
  const { email, password } = await readJsonBody(event, loginSchema)
  const { token, user } = await signIn(event, email, password)
  setSessionCookie(event, token)
  return { token, user }
})
