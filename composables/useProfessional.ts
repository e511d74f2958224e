import type { ProfessionalDashboard } from '~~/shared/types/api'
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES } from '~~/shared/domain/forms'

export function useProfessionalDashboard() {
  return useFetch<ProfessionalDashboard>('/api/professional/dashboard', { key: 'professional:dashboard' })
}

/** Checks a verification document as the server will (type and size), then uploads it. */
export function useDocumentUpload(approvedNow: MaybeRefOrGetter<boolean> = false) {
  const { run, pending } = useAction()

  function problemWith(file: File) {
    if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return 'Choose a PDF, PNG or JPEG file'
    if (file.size > DOCUMENT_MAX_BYTES) return 'The file must be at most 5 MB'
    return null
  }

  function upload(file: File) {
    const approved = toValue(approvedNow)
    const body = new FormData()
    body.append('file', file)
    return run(() => $fetch('/api/professional/document', { method: 'POST', body }).then(() => true), {
      success: 'Document uploaded',
      description: approved ? 'It replaces the one on file; you stay approved.' : 'The admin will review it and decide on your application.',
      failure: 'Could not upload the document',
    })
  }

  return { upload, problemWith, pending }
}
