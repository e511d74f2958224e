import type { JobName } from '../../shared/domain/jobs'
import { dailyReminders } from './daily-reminders'
import { inactiveReminders } from './inactive-reminders'
import { monthlyReport } from './monthly-report'
import { visitReminders } from './visit-reminders'
import type { JobDefinition } from './types'

/** The body of each job named in shared/domain/jobs.ts: a new job is one entry there and one here. */
export const JOB_DEFINITIONS: Record<JobName, JobDefinition> = {
  'daily-reminders': dailyReminders,
  'monthly-report': monthlyReport,
  'inactive-reminders': inactiveReminders,
  'visit-reminders': visitReminders,
}
