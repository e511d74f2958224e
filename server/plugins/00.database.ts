import { migrateDatabase } from '~~/db/client'

// Start-up: apply pending migrations (synchronously: a failure stops the server), then make sure
// the admin exists. Nothing else is created here; demo data comes from the seed command.
export default defineNitroPlugin(() => {
  guardLogStreams()
  assertWritableStorage()
  migrateDatabase(useDb())
  useJwtSecret()
  startAdminBootstrap().then((admin) => {
    if (!admin.created) return
    if (admin.generatedPassword) {
      console.log(`[setup] Created the admin ${admin.email} with the generated password: ${admin.generatedPassword}`)
      console.log('[setup] It is shown only this once: set ADMIN_PASSWORD, or change it after signing in.')
    }
    else {
      console.log(`[setup] Created the admin ${admin.email}`)
    }
  }).catch((error) => {
    console.error('[setup] Could not create the admin:', error)
    process.exitCode = 1
  })
})
