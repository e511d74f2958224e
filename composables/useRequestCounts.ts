import type { Paged, RequestStatus, ServiceRequest } from '~~/shared/types/api'

/** How many of the caller's requests are in each status (the list's `total` per status), for tab labels. */
export function useRequestCounts(statuses: RequestStatus[], key: string) {
  const requestFetch = useRequestFetch()
  return useAsyncData(key, async () => {
    const totals = await Promise.all(statuses.map(status =>
      requestFetch<Paged<ServiceRequest>>('/api/requests', { query: { status, pageSize: 1 } }).then(answer => answer.total)))
    return Object.fromEntries(statuses.map((status, index) => [status, totals[index]!])) as Record<RequestStatus, number>
  })
}
