import { defineTask } from 'nitropack/runtime'
import { JOBS, runScheduledJob, serializeJobRun, startJobRun } from '~~/server/utils/jobs'

// Scheduled ticks come with a `tick` (the lock key); `npx nuxt task run jobs:monthly-report` runs it at once.
export default defineTask({
  meta: { name: 'jobs:monthly-report', description: JOBS['monthly-report'].description },
  async run({ payload }) {
    const tick = typeof payload?.tick === 'string' ? new Date(payload.tick) : null
    const result = tick ? await runScheduledJob('monthly-report', tick) : serializeJobRun(startJobRun('monthly-report', 'admin'))
    return { result }
  },
})
