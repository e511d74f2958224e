import { createReadStream, existsSync } from 'node:fs'
import { idParam } from '~~/shared/domain/fields'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  await requireRole(event, 'admin')
  const row = findExport(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such export' })
  if (row.status !== 'done') throw createError({ statusCode: 409, message: `Export #${id} is ${row.status}, not ready yet` })
  const file = exportFilePath(row)
  if (!file || !existsSync(file)) throw createError({ statusCode: 410, message: 'The export file is gone: export again' })
  setResponseHeaders(event, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="requests-${row.filterStatus}-${id}.csv"`,
    'cache-control': 'private, no-store',
  })
  return sendStream(event, createReadStream(file))
})
