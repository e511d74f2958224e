// The admin's background work as the API answers it (shared/API.md: jobs, exports, outbox), and
// the customer's monthly report.

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

export type JobRun = { id: number, name: string, status: JobStatus, trigger: string, createdAt: string, startedAt: string | null, finishedAt: string | null, sent: number, error: string | null }

export type RequestExport = {
  id: number
  status: JobStatus
  rowCount: number
  createdAt: string
  finishedAt: string | null
  error: string | null
  downloadUrl: string | null
  filters: { status: string, from: string | null, to: string | null }
}

export type OutboxMail = { id: number, to: string, subject: string, html: string, text: string | null, createdAt: string }

export type CustomerMonthlyReport = {
  month: string
  byStatus: Record<string, number>
  services: { name: string, requests: number }[]
  professionals: { name: string, requests: number }[]
  requests: { id: number, service: string, professional: string | null, status: string, createdAt: string, scheduledFor: string, completedAt: string | null, price: number }[]
  ratings: { requestId: number, service: string, professional: string, rating: number, comment: string, createdAt: string }[]
  amountSpent: number
}
