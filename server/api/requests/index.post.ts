import { requestCreateSchema } from '~~/shared/domain/requests'

export default defineEventHandler(async (event) => {
  const input = await readJsonBody(event, requestCreateSchema)
  const customer = await requireRole(event, 'customer')
  const request = createRequest(customer, input)
  setResponseStatus(event, 201)
  return { request }
})
