/** How many of the caller's requests are in each status, for tab labels: one request (GET /api/requests/counts). */
export function useRequestCounts(key: string) {
  return useFetch('/api/requests/counts', { key, transform: answer => answer.counts })
}
