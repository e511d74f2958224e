import type { JobRun, CustomerMonthlyReport, OutboxMail, RequestExport } from '~~/shared/types/admin'

/** The admin's background jobs: recent runs (watched while the page is open) and "Run now". */
export function useJobRuns() {
  const runs = useFetch<{ items: JobRun[] }>('/api/admin/jobs', { key: 'admin:jobs', query: { limit: 100 } })
  usePolling(runs.refresh)
  const { run, pending } = useAction()
  const start = (name: string) =>
    run(() => $fetch(`/api/admin/jobs/${name}/run`, { method: 'POST' }).then(() => runs.refresh()).then(() => true), { success: `${jobLabel(name)} started`, failure: `Could not start ${jobLabel(name).toLowerCase()}` })
  return { runs, start, pending }
}

/** CSV exports of requests: the list (watched while the page is open) and starting a new one. */
export function useRequestExports() {
  const exports = useFetch<{ items: RequestExport[] }>('/api/admin/exports', { key: 'admin:exports' })
  usePolling(exports.refresh, 2000)
  const { run, pending } = useAction()
  const start = (body: { status: string, from?: string, to?: string }, form?: Parameters<typeof run>[2]) =>
    run(() => $fetch('/api/admin/exports', { method: 'POST', body }).then(() => exports.refresh()).then(() => true), { success: 'Export started', description: 'It appears below when ready; you also get an alert and an e-mail.', failure: 'Could not start the export' }, form)
  return { exports, start, pending }
}

export function useOutbox(page: Ref<number>, pageSize = 20) {
  return useFetch<{ items: OutboxMail[], total: number }>('/api/admin/outbox', { key: 'admin:outbox', query: { page, pageSize } })
}

/** The customer's own report for a past month (`YYYY-MM`): the same data as the monthly e-mail. */
export function useMonthlyReport(month: Ref<string>) {
  return useFetch<{ report: CustomerMonthlyReport }>('/api/reports/monthly', { key: 'customer:monthly-report', query: { month } })
}
