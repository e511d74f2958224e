import { registrationSchema } from '~~/shared/domain/auth'

export default defineEventHandler(async (event) => {
  const input = await readJsonBody(event, registrationSchema)
  const user = await registerAccount(event, input)
  setResponseStatus(event, 201)
  return { user }
})
