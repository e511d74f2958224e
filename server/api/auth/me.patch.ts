import { profileEditSchema } from '~~/shared/domain/professionals'

export default defineEventHandler(async (event) => {
  const edit = await readJsonBody(event, profileEditSchema)
  const user = await requireUser(event)
  return { user: await updateOwnProfile(user, edit) }
})
