import { serviceCreateSchema } from '~~/shared/domain/catalogue'

export default defineEventHandler(async (event) => {
  const input = await readJsonBody(event, serviceCreateSchema)
  await requireRole(event, 'admin')
  const service = await createService(input)
  setResponseStatus(event, 201)
  return { service }
})
