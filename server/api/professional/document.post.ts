import { DOCUMENT_MAX_BYTES, detectDocumentType } from '~~/shared/domain/professionals'

// Multipart field `file`; its type is read from its first bytes, never from its name or declared type.
export default defineEventHandler(async (event) => {
  const user = await requireRole(event, 'professional')
  if (!/^multipart\/form-data\b/i.test(getRequestHeader(event, 'content-type') ?? '')) {
    throw createError({ statusCode: 415, message: 'Send the document as multipart/form-data in the field "file"' })
  }
  const file = (await readMultipartFormData(event))?.find(part => part.name === 'file' && part.filename !== undefined)
  if (!file || !file.data.length) invalidInput([{ path: 'file', message: 'Choose a PDF, PNG or JPEG file' }])
  if (file.data.length > DOCUMENT_MAX_BYTES) throw createError({ statusCode: 413, message: 'The document must be at most 5 MB' })
  const mime = detectDocumentType(file.data)
  if (!mime) throw createError({ statusCode: 415, message: 'The document must be a PDF, PNG or JPEG file' })
  setResponseStatus(event, 201)
  return { user: saveProfessionalDocument(user, file.data, mime, file.filename) }
})
