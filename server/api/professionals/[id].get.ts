import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler((event) => {
  const { id } = readParams(event, idParam)
  const professional = findPublicProfessional(id)
  if (!professional) throw createError({ statusCode: 404, message: 'No such professional' })
  return { professional }
})
