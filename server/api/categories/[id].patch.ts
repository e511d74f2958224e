import { categorySchema } from '~~/shared/domain/catalogue'
import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const { name } = await readJsonBody(event, categorySchema)
  await requireRole(event, 'admin')
  return { category: await renameCategory(id, name) }
})
