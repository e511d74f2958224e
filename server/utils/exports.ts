import { basename, join } from 'node:path'
import { and, desc, eq, inArray } from 'drizzle-orm'
import { exports as exportsTable, type RequestStatus } from '../../db/schema'
import { canCancel, canRunAgain } from '../../shared/domain/jobs'
import { dispatchBackground, newLease } from './background'
import { useServerConfig } from './config'
import { useDb } from './db'

type ExportRow = typeof exportsTable.$inferSelect
export type ExportFilters = { status: RequestStatus, from: Date | null, to: Date | null }

export function serializeExport(row: ExportRow) {
  return {
    id: row.id, status: row.status, rowCount: row.rowCount,
    filters: { status: row.filterStatus, from: row.filterFrom?.toISOString() ?? null, to: row.filterTo?.toISOString() ?? null },
    createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error, rerunOf: row.rerunOf,
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

/** Records the export and hands it to the background worker (tasks/run-export.ts). */
export function createExport(requestedBy: number, filters: ExportFilters, rerunOf?: number) {
  const row = useDb().insert(exportsTable).values({ requestedBy, filterStatus: filters.status, filterFrom: filters.from, filterTo: filters.to, rerunOf: rerunOf ?? null, ...newLease() }).returning().get()
  dispatchBackground('export', row.id)
  return row
}

export function cancelExport(id: number, by: string) {
  const row = findExport(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such export' })
  if (!canCancel(row.status)) throw createError({ statusCode: 409, message: `Export #${id} is ${row.status}: only a queued or running export can be cancelled` })
  // The worker sees the change at its next chunk and removes the partial file.
  const cancelled = useDb().update(exportsTable).set({ status: 'failed', error: `Cancelled by ${by}.`, finishedAt: new Date(), owner: null, leaseExpiresAt: null })
    .where(and(eq(exportsTable.id, id), inArray(exportsTable.status, ['queued', 'running']))).returning().get()
  if (!cancelled) throw createError({ statusCode: 409, message: `Export #${id} has just ended` })
  return cancelled
}

/** "Run again": a new export with the same filters. */
export function rerunExport(id: number, requestedBy: number) {
  const row = findExport(id)
  if (!row) throw createError({ statusCode: 404, message: 'No such export' })
  if (!canRunAgain(row.status)) throw createError({ statusCode: 409, message: `Export #${id} is ${row.status}: wait for it to end or cancel it` })
  return createExport(requestedBy, { status: row.filterStatus, from: row.filterFrom, to: row.filterTo }, row.id)
}
