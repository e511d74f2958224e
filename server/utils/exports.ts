import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { desc, eq } from 'drizzle-orm'
import { exports as exportsTable } from '~~/db/schema'
import { writeRequestsCsv, type ExportFilters } from '~~/tasks/jobs/export'
import { escapeHtml, mailLayout, button } from '~~/tasks/jobs/types'

type ExportRow = typeof exportsTable.$inferSelect

export function serializeExport(row: ExportRow) {
  return {
    id: row.id, status: row.status, rowCount: row.rowCount,
    filters: { status: row.filterStatus, from: row.filterFrom?.toISOString() ?? null, to: row.filterTo?.toISOString() ?? null },
    createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    downloadUrl: row.status === 'done' ? `/api/admin/exports/${row.id}/download` : null,
  }
}

export const exportsDir = () => join(useServerConfig().dataDir, 'exports')

export function findExport(id: number) {
  return useDb().select().from(exportsTable).where(eq(exportsTable.id, id)).get() ?? null
}

export function listExports(limit = 50) {
  return useDb().select().from(exportsTable).orderBy(desc(exportsTable.id)).limit(limit).all().map(serializeExport)
}

/** The file of a finished export: only the stored random name is used, never anything from the request. */
export function exportFilePath(row: ExportRow) {
  return row.filePath ? join(exportsDir(), basename(row.filePath)) : null
}

export async function runExport(id: number) {
  const db = useDb()
  const row = findExport(id)
  if (!row) return
  const { databasePath, publicUrl } = useServerConfig()
  const fileName = `${randomBytes(16).toString('hex')}.csv`
  db.update(exportsTable).set({ status: 'running', startedAt: new Date(), filePath: fileName }).where(eq(exportsTable.id, id)).run()
  mkdirSync(exportsDir(), { recursive: true })
  const filePath = join(exportsDir(), fileName)
  const reader = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    const filters: ExportFilters = { status: row.filterStatus, from: row.filterFrom, to: row.filterTo }
    const rowCount = await writeRequestsCsv(reader, filters, filePath, rows => db.update(exportsTable).set({ rowCount: rows }).where(eq(exportsTable.id, id)).run())
    db.update(exportsTable).set({ status: 'done', rowCount, finishedAt: new Date() }).where(eq(exportsTable.id, id)).run()
  }
  catch (error) {
    console.error(`[exports] export ${id} failed:`, error)
    rmSync(filePath, { force: true })
    db.update(exportsTable).set({ status: 'failed', filePath: null, error: (error as Error).message?.slice(0, 300) ?? 'Export failed', finishedAt: new Date() }).where(eq(exportsTable.id, id)).run()
    return
  }
  finally {
    reader.close()
  }
  await alertExportReady(findExport(id)!, publicUrl)
}

/** In-app alert and e-mail to the admin who asked; a mail failure does not undo the export. */
async function alertExportReady(row: ExportRow, publicUrl: string) {
  const link = '/admin/exports'
  const message = `Export #${row.id} is ready: ${row.rowCount} ${row.filterStatus} request${row.rowCount === 1 ? '' : 's'}.`
  notify(row.requestedBy, 'export.ready', message, link)
  const admin = findUserById(row.requestedBy)
  if (!admin) return
  const download = `${publicUrl}/api/admin/exports/${row.id}/download`
  await sendMail({
    to: admin.email,
    subject: `Export #${row.id} is ready`,
    html: mailLayout(`Export #${row.id} is ready`, `<p style="margin:0 0 16px;">${escapeHtml(message)}</p>${button(download, 'Download the CSV')}`
    + `<p style="margin:16px 0 0;font-size:13px;color:#6b7280;">Or open <a href="${escapeHtml(publicUrl + link)}" style="color:#0f766e;">the exports page</a>. Downloads need an admin sign-in.</p>`, 'Sent because you requested an export.'),
    text: `${message}\nDownload: ${download}\nExports: ${publicUrl}${link}`,
  }, { idempotencyKey: `export/${row.id}` }).catch(error => console.error(`[exports] could not mail export ${row.id}:`, error))
}

export function createExport(requestedBy: number, filters: ExportFilters) {
  const row = useDb().insert(exportsTable).values({ requestedBy, filterStatus: filters.status, filterFrom: filters.from, filterTo: filters.to }).returning().get()
  setImmediate(() => void runExport(row.id).catch(error => console.error('[exports]', error)))
  return row
}
