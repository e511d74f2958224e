import { defineTask } from 'nitropack/runtime'
import { runExport } from '~~/server/utils/exports'

// Exports are queued by POST /api/admin/exports; this task reruns one by id (payload { id }).
export default defineTask({
  meta: { name: 'jobs:export', description: 'Writes a queued CSV export' },
  async run({ payload }) {
    await runExport(Number(payload?.id))
    return { result: 'done' }
  },
})
