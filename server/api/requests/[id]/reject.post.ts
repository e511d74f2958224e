import { idParam } from '~~/shared/domain/fields'

// Only approved professionals act on requests: others get 403 before anything else is looked at.
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const { user, profile } = await requireApprovedProfessional(event)
  return { request: rejectRequest(id, requestActor(user, profile)) }
})
