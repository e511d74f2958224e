import { idParam } from '~~/shared/domain/fields'

/** Stops a queued or running run: it ends `failed` with "Cancelled by …"; what it sent stays sent. */
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  const admin = await requireRole(event, 'admin')
  return { run: serializeJobRun(cancelJobRun(id, admin.email)) }
})
