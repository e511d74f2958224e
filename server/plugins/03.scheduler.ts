import { Cron } from 'croner'
import type { JobName } from '~~/server/utils/jobs'

/**
 * The scheduled jobs. Nitro's `scheduledTasks` fixes crons at build time, and the contract wants
 * them from the environment at start (REMINDER_CRON…), so this plugin schedules the Nitro tasks
 * itself with croner (the library Nitro uses). Every instance schedules; runScheduledJob's Redis lock
 * lets one of them work per tick. SCHEDULER=off schedules nothing in this instance.
 */
export default defineNitroPlugin((nitroApp) => {
  const { scheduler, crons } = useServerConfig()
  if (!scheduler || import.meta.prerender) return
  const schedule: Record<JobName, string> = {
    'daily-reminders': crons.dailyReminders,
    'monthly-report': crons.monthlyReport,
    'inactive-reminders': crons.inactiveReminders,
  }
  const jobs = Object.entries(schedule).map(([name, pattern]) => {
    try {
      return new Cron(pattern, { name, protect: true, catch: error => console.error(`[scheduler] ${name}:`, error) }, async (self: Cron) => {
        const tick = self.currentRun() ?? new Date()
        await runTask(`jobs:${name}`, { payload: { tick: tick.toISOString() } })
      })
    }
    catch (error) {
      console.error(`[scheduler] Invalid cron "${pattern}" for ${name}: ${(error as Error).message}`)
      return null
    }
  })
  console.log(`[scheduler] ${Object.entries(schedule).map(([name, pattern]) => `${name} "${pattern}"`).join(', ')}`)
  nitroApp.hooks.hook('close', () => jobs.forEach(job => job?.stop()))
})
