// The scheduled jobs: their names, what they do and when they run by default. The server validates
// names and schedules from this list; tasks/jobs/index.ts maps each name to its body.
export const JOBS = {
  'daily-reminders': { description: 'Professionals with requests awaiting their answer', cronVariable: 'REMINDER_CRON', defaultCron: '0 18 * * *' },
  'monthly-report': { description: 'Customers with activity last month', cronVariable: 'REPORT_CRON', defaultCron: '0 6 1 * *' },
  'inactive-reminders': { description: 'Customers who have not signed in for a while', cronVariable: 'INACTIVE_CRON', defaultCron: '0 10 * * *' },
  'visit-reminders': { description: 'Both sides of every assigned visit starting within 24 hours', cronVariable: 'VISIT_REMINDER_CRON', defaultCron: '0 * * * *' },
} as const satisfies Record<string, { description: string, cronVariable: string, defaultCron: string }>

export type JobName = keyof typeof JOBS
export const JOB_NAMES = Object.keys(JOBS) as [JobName, ...JobName[]]
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name)

export const DAY_MS = 24 * 60 * 60 * 1000

/** Periods and months are UTC, like every time the API returns. */
export const dayKey = (date: Date) => date.toISOString().slice(0, 10)
export const monthKey = (date: Date) => date.toISOString().slice(0, 7)

export function previousMonth(now: Date) {
  return monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)))
}

/** [start, end) of a YYYY-MM month in UTC. */
export function monthRange(month: string) {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number]
  return { start: new Date(Date.UTC(year, monthIndex - 1, 1)), end: new Date(Date.UTC(year, monthIndex, 1)) }
}

/** What an admin may do with a run or an export in a given state. */
export const canCancel = (status: string) => status === 'queued' || status === 'running'
export const canRunAgain = (status: string) => status === 'done' || status === 'failed'

/**
 * Leases on queued and running work: the owning instance renews them every HEARTBEAT; once one
 * has not been renewed for LEASE (or its owner's process is gone), another instance takes over.
 */
export const LEASE_MS = 30_000
export const HEARTBEAT_MS = 10_000
export const SWEEP_MS = 15_000
