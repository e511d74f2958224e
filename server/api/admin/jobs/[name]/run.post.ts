import { z } from 'zod'
import { isJobName } from '~~/shared/domain/jobs'

const params = z.object({ name: z.string().max(100) })

export default defineEventHandler(async (event) => {
  const { name } = readParams(event, params)
  await requireRole(event, 'admin')
  if (!isJobName(name)) throw createError({ statusCode: 404, message: `No job named ${name}` })
  const run = startJobRun(name, 'admin')
  setResponseStatus(event, 202)
  return { run: serializeJobRun(run) }
})
