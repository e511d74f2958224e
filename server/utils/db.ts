import { openDatabase, type AppDatabase } from '~~/db/client'

let database: AppDatabase | undefined

/** The one database handle of this process. */
export function useDb() {
  database ??= openDatabase(useServerConfig().databasePath)
  return database
}
