import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type AppDatabase = ReturnType<typeof openDatabase>

/** Opens the SQLite file with the pragmas the app relies on: WAL, foreign keys, a busy timeout. */
export function openDatabase(path: string) {
  mkdirSync(dirname(resolve(path)), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  commitBeforeAnswering(sqlite)
  const db = drizzle(sqlite, { schema })
  return Object.assign(db, { sqlite })
}

/**
 * better-sqlite3's `get()` takes the first row and resets the statement; outside a transaction
 * the commit of a write (`insert … returning … .get()`, Drizzle's `.returning().get()`) happens in
 * that reset, whose error it drops. On a full disk or a file that refuses writes, the caller would
 * get its new row's id for a write that never reached the database: an acknowledged write, lost.
 * A statement that writes runs to the end instead (`all()`), so a failed commit throws.
 */
function commitBeforeAnswering(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    if (!statement.readonly && statement.reader) {
      const all = statement.all.bind(statement)
      statement.get = ((...parameters: unknown[]) => all(...parameters)[0]) as typeof statement.get
    }
    return statement
  }) as typeof sqlite.prepare
}

/**
 * The migrations travel with the build (copied into .output/server/db/migrations), so the
 * server finds them next to its entry script from any working directory; in development and in
 * scripts they are the repository's db/migrations. (Inside the Nitro bundle import.meta.url is
 * not yet set when plugins run, hence the entry script's path first.)
 */
export function findMigrationsFolder() {
  const candidates = [process.env.MIGRATIONS_DIR]
  const starts = [process.argv[1] && dirname(resolve(process.argv[1])), dirname(fileURLToPath(import.meta.url))]
  for (const start of starts) {
    for (let dir = start; dir; dir = dirname(dir) === dir ? '' : dirname(dir)) {
      candidates.push(join(dir, 'db', 'migrations'))
    }
  }
  candidates.push(join(process.cwd(), 'db', 'migrations'))
  const found = candidates.find(dir => dir && existsSync(join(dir, 'meta', '_journal.json')))
  if (!found) throw new Error('Cannot find db/migrations (set MIGRATIONS_DIR)')
  return found
}

export function migrateDatabase(db: AppDatabase, migrationsFolder = findMigrationsFolder()) {
  migrate(db, { migrationsFolder })
}
