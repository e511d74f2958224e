import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { seedDatabase, startRedis, startServer, temporaryDirectory } from './processes'

import { ADMIN_PASSWORD } from './constants'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    redisUrl: string
    databasePath: string
    dataDir: string
  }
}

/** One real server for the API and browser tests: a fresh SQLite file with the demo data, and a private Redis. */
export default async function setup(project: TestProject) {
  const redis = await startRedis()
  const dataDir = temporaryDirectory('suite')
  const databasePath = join(dataDir, 'app.db')
  const env = { DATABASE_PATH: databasePath, DATA_DIR: dataDir, ADMIN_PASSWORD, REDIS_URL: redis.url, TRUST_PROXY: '1' }
  await seedDatabase(env)
  const server = await startServer(env)
  project.provide('baseURL', server.url)
  project.provide('redisUrl', redis.url)
  project.provide('databasePath', databasePath)
  project.provide('dataDir', dataDir)
  return async () => {
    await server.stop()
    await redis.stop()
  }
}
