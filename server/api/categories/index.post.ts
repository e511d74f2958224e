import { categorySchema } from '~~/shared/domain/catalogue'

export default defineEventHandler(async (event) => {
  const { name } = await readJsonBody(event, categorySchema)
  await requireRole(event, 'admin')
  const category = await createCategory(name)
  setResponseStatus(event, 201)
  return { category }
})
