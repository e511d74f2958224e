import { idParam, pagingSchema } from '~~/shared/domain/fields'

export default defineEventHandler((event) => {
  const { id } = readParams(event, idParam)
  const paging = readQuery(event, pagingSchema)
  if (!findPublicProfessional(id)) throw createError({ statusCode: 404, message: 'No such professional' })
  return listProfessionalReviews(id, paging)
})
