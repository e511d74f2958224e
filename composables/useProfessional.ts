import type { Paged, ProfessionalDashboard, Review } from '~~/shared/types/api'
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES } from '~~/shared/domain/forms'

export function useProfessionalDashboard() {
  return useFetch<ProfessionalDashboard>('/api/professional/dashboard', { key: 'professional:dashboard' })
}

export function useProfessionalReviews(professionalId: MaybeRefOrGetter<number | undefined>, page: MaybeRefOrGetter<number> = 1, { pageSize = 10, server = true } = {}) {
  return useFetch<Paged<Review>>(() => `/api/professionals/${toValue(professionalId)}/reviews`, {
    key: `reviews:${toValue(professionalId)}:${pageSize}`,
    query: computed(() => ({ page: toValue(page), pageSize })),
    immediate: toValue(professionalId) !== undefined,
    server,
  })
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
