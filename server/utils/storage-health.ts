import { accessSync, constants, existsSync, mkdirSync, statfsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { useServerConfig } from './config'
import { useDb } from './db'

/** Below this much free space the database folder counts as full: writes would start failing. */
const MIN_FREE_BYTES = 16 * 1024 * 1024
const HEALTH_CACHE_MS = 2000

function checkWritable(path: string, what: string) {
  try {
    if (!existsSync(path)) mkdirSync(path, { recursive: true })
    if (!statSync(path).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
    accessSync(path, constants.W_OK)
  }
  catch (error) {
    throw new Error(`The ${what} ${path} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): fix its permissions or point ${what === 'data folder' ? 'DATA_DIR' : 'DATABASE_PATH'} elsewhere.`, { cause: error })
  }
}

/**
 * At start: the database file, its folder (SQLite writes its -wal and -shm files there) and the
 * data folder must be writable. Otherwise say which path and stop, rather than start and answer
 * every write with a 500.
 */
export function assertWritableStorage() {
  const { databasePath, dataDir } = useServerConfig()
  try {
    checkWritable(dirname(databasePath), 'database folder')
    if (existsSync(databasePath)) {
      try {
        accessSync(databasePath, constants.W_OK)
      }
      catch (error) {
        throw new Error(`The database file ${databasePath} is read-only (${(error as NodeJS.ErrnoException).code}): make it writable, or point DATABASE_PATH elsewhere.`, { cause: error })
      }
    }
    checkWritable(dataDir, 'data folder')
  }
  catch (error) {
    console.error(`[storage] ${(error as Error).message}`)
    process.exit(1)
  }
}

/** A log line that cannot be written (full disk, closed pipe) is dropped, never retried or thrown. */
export function guardLogStreams() {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)
}

let lastHealth: { at: number, value: DatabaseHealth } | undefined
export type DatabaseHealth = { status: 'ok' | 'read-only' | 'full' | 'error', reason?: string }

/** Whether this instance can write to its database now; cached for two seconds, so health stays cheap. */
export function databaseHealth(): DatabaseHealth {
  if (lastHealth && Date.now() - lastHealth.at < HEALTH_CACHE_MS) return lastHealth.value
  const { databasePath } = useServerConfig()
  let value: DatabaseHealth = { status: 'ok' }
  try {
    // No lock taken (a job's write transaction must not hold up health): the connection's mode and
    // the file's permissions say whether a write could succeed.
    const sqlite = useDb().sqlite
    sqlite.prepare('select 1').get()
    if (sqlite.readonly) throw Object.assign(new Error('opened read-only'), { code: 'SQLITE_READONLY' })
    // A write lands in the -wal file first: the database cannot be written when either cannot.
    for (const file of [databasePath, `${databasePath}-wal`]) {
      if (file === databasePath || existsSync(file)) accessSync(file, constants.W_OK)
    }
    const { bavail, bsize } = statfsSync(dirname(databasePath))
    if (bavail * bsize < MIN_FREE_BYTES) value = { status: 'full', reason: `The disk holding ${databasePath} is full` }
  }
  catch (error) {
    const code = (error as { code?: string }).code ?? ''
    // EPERM: an immutable file (chattr +i), which stops root too.
    value = code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? { status: 'read-only', reason: `The database ${databasePath} cannot be written` }
      : { status: 'error', reason: `The database ${databasePath} is unavailable: ${(error as Error).message}` }
  }
  lastHealth = { at: Date.now(), value }
  return value
}

/**
 * SQLite errors that mean the storage, not the request, is at fault: 503 with the reason. An I/O
 * error is one too (a file that refuses writes, such as an immutable one, fails as SQLITE_IOERR_WRITE).
 */
export function storageFault(error: unknown) {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'The server\'s disk is full: nothing could be saved. Please try again later.'
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'EROFS') return 'The server cannot write to its database right now. Please try again later.'
  return null
}

const FAULT_LOG_EVERY_MS = 10_000
const faultLoggedAt = new Map<string, number>()

/**
 * Says a storage fault in the log for the operator, at most once per cause every ten seconds: a full
 * disk may hold the log too, and a flood of lines that cannot be written must not become the load.
 */
export function logStorageFault(error: unknown, reason: string) {
  const code = (error as { code?: string } | undefined)?.code ?? 'unknown'
  const now = Date.now()
  if (now - (faultLoggedAt.get(code) ?? 0) < FAULT_LOG_EVERY_MS) return
  faultLoggedAt.set(code, now)
  console.error(`[storage] ${code}: ${reason} (${useServerConfig().databasePath})`)
}
