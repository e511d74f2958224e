import cron from 'node-cron'
import { JOB_NAMES } from '~~/shared/domain/jobs'

/**
 * The scheduled jobs, with node-cron, from crons read from the environment at start
 * (REMINDER_CRON…; Nitro's scheduledTasks would fix them at build time). Every instance
 * schedules; startScheduledRun's unique (job, tick) row lets one of them run each tick.
 * SCHEDULER=off schedules nothing in this instance.
 */
export default defineNitroPlugin((nitroApp) => {
  const { scheduler, crons } = useServerConfig()
  if (!scheduler || import.meta.prerender) return
  const tasks = JOB_NAMES.flatMap((name) => {
    const pattern = crons[name]
    if (!cron.validate(pattern)) {
      console.error(`[scheduler] Invalid cron "${pattern}" for ${name}: not scheduled`)
      return []
    }
    return [cron.schedule(pattern, ({ date }) => {
      try {
        startScheduledRun(name, date)
      }
      catch (error) {
        console.error(`[scheduler] ${name}:`, (error as Error).message)
      }
    }, { name, noOverlap: true })]
  })
  console.log(`[scheduler] ${JOB_NAMES.map(name => `${name} "${crons[name]}"`).join(', ')}`)
  nitroApp.hooks.hook('close', () => Promise.all(tasks.map(task => task.destroy())).then(() => undefined))
})
