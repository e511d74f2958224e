import { serviceSearchSchema } from '~~/domain/catalogue'

export default defineEventHandler((event) => {
  const query = readQuery(event, serviceSearchSchema)
  return searchServices(query)
})
