import { createReadStream, existsSync } from 'node:fs'
import { idParam } from '~~/shared/domain/fields'
import { documentTypes, type DocumentMime } from '~~/shared/domain/professionals'

// Streams the verification document with the type detected at upload; nothing from the request reaches the path.
export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParam)
  await requireRole(event, 'admin')
  const profile = findProfessionalProfile(id)
  const mime = profile?.documentMime as DocumentMime | undefined
  if (!profile?.documentPath || !mime || !(mime in documentTypes) || !existsSync(documentFile(profile.documentPath))) {
    throw createError({ statusCode: 404, message: 'This professional has no document' })
  }
  setResponseHeaders(event, {
    'Content-Type': mime,
    'Content-Disposition': `inline; filename="professional-${id}-document.${documentTypes[mime]}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': 'default-src \'none\'; img-src \'self\'; plugin-types application/pdf; sandbox',
  })
  return sendStream(event, createReadStream(documentFile(profile.documentPath)))
})
