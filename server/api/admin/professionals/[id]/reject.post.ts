import { idParam } from '~~/shared/domain/fields'
import { approvalDecisionSchema } from '~~/shared/domain/moderation'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const { reason } = await readJsonBody(event, approvalDecisionSchema)
  await requireRole(event, 'admin')
  return { user: await decideApproval(id, 'rejected', reason) }
})
