import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { and, eq } from 'drizzle-orm'
import { exports as exportsTable, users } from '../db/schema'
import { useServerConfig } from '../server/utils/config'
import { exportsDir } from '../server/utils/exports'
import { renderExportReady } from '../server/utils/mail-templates'
import { insertOutboxMails, sendMail, useMailDriver } from '../server/utils/mail'
import { notify } from '../server/utils/notifications'
import { writeRequestsCsv } from './jobs/export'
import type { RunControl } from './run-job'

class ExportStopped extends Error {}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/**
 * Writes a queued export's CSV in this (worker) thread, then alerts the admin who asked. A cancel
 * or a shutdown stops it between chunks and removes the partial file; a shutdown queues it again.
 */
export async function executeExport(id: number, control: RunControl) {
  const { db, owner } = control
  const fileName = `${randomBytes(16).toString('hex')}.csv`
  const row = db.update(exportsTable).set({ status: 'running', startedAt: new Date(), owner, filePath: fileName, rowCount: 0 })
    .where(and(eq(exportsTable.id, id), eq(exportsTable.status, 'queued'))).returning().get()
  if (!row) return
  const { databasePath, publicUrl, jobBatchPauseMs } = useServerConfig()
  mkdirSync(exportsDir(), { recursive: true })
  const filePath = join(exportsDir(), fileName)
  const mine = and(eq(exportsTable.id, id), eq(exportsTable.status, 'running'), eq(exportsTable.owner, owner))
  // A read-only connection of its own: the open iterator keeps it busy while chunks are written.
  const reader = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    const rowCount = await writeRequestsCsv(reader, { status: row.filterStatus, from: row.filterFrom, to: row.filterTo }, filePath, async (rows) => {
      if (control.stopping() || db.update(exportsTable).set({ rowCount: rows }).where(mine).run().changes === 0) throw new ExportStopped()
      await sleep(jobBatchPauseMs)
    })
    const message = `Export #${id} is ready: ${rowCount} ${row.filterStatus} request${rowCount === 1 ? '' : 's'}.`
    const admin = db.select({ email: users.email }).from(users).where(eq(users.id, row.requestedBy)).get()
    const mail = admin && { to: admin.email, ...renderExportReady(id, message, publicUrl) }
    const outbox = useMailDriver().name === 'outbox'
    // Done, the in-app alert and (outbox) the mail land together: a crash cannot alert twice or never.
    const finished = db.transaction((tx) => {
      if (tx.update(exportsTable).set({ status: 'done', rowCount, finishedAt: new Date(), owner: null, leaseExpiresAt: null }).where(mine).run().changes === 0) return false
      notify(row.requestedBy, 'export.ready', message, '/admin/exports', tx)
      if (mail && outbox) insertOutboxMails([mail], tx)
      return true
    })
    if (!finished) throw new ExportStopped()
    if (mail && !outbox) await sendMail(mail, { idempotencyKey: `export/${id}` }).catch(error => console.error(`[exports] could not mail export ${id}:`, error))
  }
  catch (error) {
    rmSync(filePath, { force: true })
    if (!(error instanceof ExportStopped)) {
      console.error(`[exports] export ${id} failed:`, error)
      db.update(exportsTable).set({ status: 'failed', filePath: null, error: (error as Error).message?.slice(0, 300) || 'Export failed', finishedAt: new Date(), owner: null, leaseExpiresAt: null }).where(mine).run()
    }
    else if (control.stopping()) {
      db.update(exportsTable).set({ status: 'queued', filePath: null, rowCount: 0, owner: null, leaseExpiresAt: null }).where(mine).run()
      console.log(`[exports] export ${id}: stopped for shutdown, queued again`)
    }
  }
  finally {
    reader.close()
  }
}
