import { idParam } from '~~/shared/domain/fields'

/** "Run again": a new run over the same period as run {id}; nobody gets a message twice. */
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  await requireRole(event, 'admin')
  const run = rerunJobRun(id)
  setResponseStatus(event, 202)
  return { run: serializeJobRun(run) }
})
