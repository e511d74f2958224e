import { defineTask } from 'nitropack/runtime'
import { JOBS, runScheduledJob, serializeJobRun, startJobRun } from '~~/server/utils/jobs'

// Scheduled ticks come with a `tick` (the lock key); `npx nuxt task run jobs:inactive-reminders` runs it at once.
export default defineTask({
  meta: { name: 'jobs:inactive-reminders', description: JOBS['inactive-reminders'].description },
  async run({ payload }) {
    const tick = typeof payload?.tick === 'string' ? new Date(payload.tick) : null
    const result = tick ? await runScheduledJob('inactive-reminders', tick) : serializeJobRun(startJobRun('inactive-reminders', 'admin'))
    return { result }
  },
})
