import { defineTask } from 'nitropack/runtime'
import { isJobName } from '../shared/domain/jobs'
import { serializeJobRun, startJobRun } from '../server/utils/jobs'

// One Nitro task module for every job, registered under `jobs:<name>` in nuxt.config:
// `npx nuxt task run jobs:daily-reminders` (in development) queues a run like the admin's "Run now".
export default defineTask({
  meta: { description: 'Queues a run of the job this task is named after' },
  run({ name }) {
    const job = name.replace(/^jobs:/, '')
    if (!isJobName(job)) throw new Error(`No job named ${job}`)
    return { result: serializeJobRun(startJobRun(job, 'admin')) }
  },
})
