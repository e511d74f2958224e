import { defineTask } from 'nitropack/runtime'
import { JOBS, runScheduledJob, serializeJobRun, startJobRun } from '~~/server/utils/jobs'

// Scheduled ticks come with a `tick` (the lock key); `npx nuxt task run jobs:daily-reminders` runs it at once.
export default defineTask({
  meta: { name: 'jobs:daily-reminders', description: JOBS['daily-reminders'].description },
  async run({ payload }) {
    const tick = typeof payload?.tick === 'string' ? new Date(payload.tick) : null
    const result = tick ? await runScheduledJob('daily-reminders', tick) : serializeJobRun(startJobRun('daily-reminders', 'admin'))
    return { result }
  },
})
