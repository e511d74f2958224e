import type { Paged, RequestStatus, ServiceRequest } from '~~/shared/types/api'

export type RequestQuery = { status?: RequestStatus, q?: string, page?: number, pageSize?: number }

/** A page of the caller's requests (the API decides which: own, naming them or open, or all). */
export function useRequestList(query: MaybeRefOrGetter<RequestQuery>, key = 'requests') {
  return useFetch<Paged<ServiceRequest>>('/api/requests', {
    key,
    query: computed(() => {
      const value = toValue(query)
      return { status: value.status || undefined, q: value.q || undefined, page: value.page ?? 1, pageSize: value.pageSize ?? 20 }
    }),
  })
}

type Answer = { request: ServiceRequest }

/** Every move of a request's life, as the contract names them. */
export function useRequestActions() {
  const { run, pending } = useAction()
  const post = (id: number, action: string, body?: object) => $fetch<Answer>(`/api/requests/${id}/${action}`, { method: 'POST', body })

  return {
    pending,
    create: (body: { serviceId: number, professionalId?: number | null, scheduledFor: string, remarks?: string, address?: string, pincode?: string }, form?: Parameters<typeof run>[2]) =>
      run(() => $fetch<Answer>('/api/requests', { method: 'POST', body }), { success: 'Request sent', description: 'We will let you know when a professional accepts it.', failure: 'Could not book this service' }, form),
    update: (id: number, body: { scheduledFor?: string, remarks?: string }, form?: Parameters<typeof run>[2]) =>
      run(() => $fetch<Answer>(`/api/requests/${id}`, { method: 'PATCH', body }), { success: 'Request updated', failure: 'Could not update the request' }, form),
    cancel: (id: number) => run(() => post(id, 'cancel'), { success: 'Request cancelled', failure: 'Could not cancel the request' }),
    accept: (id: number) => run(() => post(id, 'accept'), { success: 'Request accepted', description: 'The customer\'s contact details are now visible.', failure: 'Could not accept the request' }),
    reject: (id: number) => run(() => post(id, 'reject'), { success: 'Request declined', failure: 'Could not decline the request' }),
    complete: (id: number) => run(() => post(id, 'complete'), { success: 'Marked as completed', failure: 'Could not mark the request completed' }),
    reschedule: (id: number, scheduledFor: string, form?: Parameters<typeof run>[2]) =>
      run(() => post(id, 'reschedule', { scheduledFor }), { success: 'Visit moved', description: 'The professional has been told.', failure: 'Could not move the visit' }, form),
    release: (id: number) =>
      run(() => post(id, 'release'), { success: 'Visit released', description: 'It is open to the other professionals of this service again.', failure: 'Could not release the visit' }),
    close: (id: number, body: { rating: number, comment?: string }, form?: Parameters<typeof run>[2]) =>
      run(() => post(id, 'close', body), { success: 'Thank you for your review', failure: 'Could not close the request' }, form),
  }
}

/** One request, for its own page (the links in notifications lead there). */
export function useRequest(id: MaybeRefOrGetter<number>) {
  return useFetch<{ request: ServiceRequest }>(() => `/api/requests/${toValue(id)}`, { key: `request:${toValue(id)}` })
}
