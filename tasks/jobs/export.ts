import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type Database from 'better-sqlite3'
import Papa from 'papaparse'
import type { ExportFilters } from '../../server/utils/exports'
import { neutraliseRow } from '../../shared/domain/csv'

/** The contract's columns, in order. */
export const EXPORT_COLUMNS = [
  'request_id', 'service_id', 'service_name', 'customer_id', 'customer_name', 'professional_id', 'professional_name',
  'date_of_request', 'scheduled_for', 'date_of_completion', 'status', 'remarks', 'rating', 'review_comment',
  'cancelled_late', 'cancellation_fee',
] as const

const CHUNK_ROWS = 500

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString())

/** Dates filter on the date of request (created_at); `to` is exclusive. */
const EXPORT_SQL = `
  select r.id, r.service_id, s.name as service_name, r.customer_id, c.name as customer_name,
         r.professional_id, p.name as professional_name, r.created_at, r.scheduled_for, r.completed_at,
         r.status, r.remarks, v.rating, v.comment, r.cancelled_late, r.cancellation_fee_paise
  from service_requests r
  join services s on s.id = r.service_id
  join users c on c.id = r.customer_id
  left join users p on p.id = r.professional_id
  left join reviews v on v.request_id = r.id
  where r.status = @status and (@from is null or r.created_at >= @from) and (@to is null or r.created_at < @to)
  order by r.id`

type Row = {
  id: number
  service_id: number
  service_name: string
  customer_id: number
  customer_name: string
  professional_id: number | null
  professional_name: string | null
  created_at: number
  scheduled_for: number
  completed_at: number | null
  status: string
  remarks: string
  rating: number | null
  comment: string | null
  cancelled_late: number
  cancellation_fee_paise: number
}

function toRecord(row: Row) {
  return [row.id, row.service_id, row.service_name, row.customer_id, row.customer_name, row.professional_id ?? '', row.professional_name ?? '',
    iso(row.created_at), iso(row.scheduled_for), iso(row.completed_at), row.status, row.remarks, row.rating ?? '', row.comment ?? '',
    // Only a cancelled request has cancellation terms; the fee in rupees with two decimals.
    row.status === 'cancelled' ? String(row.cancelled_late === 1) : '', row.status === 'cancelled' ? (row.cancellation_fee_paise / 100).toFixed(2) : '']
}

/** RFC 4180 CSV (CRLF, quotes doubled); text a spreadsheet would run as a formula gets a leading ' (neutraliseRow). */
export const toCsv = (records: unknown[][]) => Papa.unparse(records.map(neutraliseRow), { header: false, newline: '\r\n' })

/**
 * Streams the matching requests into a CSV file, CHUNK_ROWS at a time: the statement is iterated,
 * never loaded whole, and writes wait for the file stream to drain, so memory stays flat.
 * Pass a connection of its own (read-only is enough): an open iterator keeps its connection busy,
 * and other requests keep using the app's connection while this awaits the disk.
 */
export async function writeRequestsCsv(sqlite: Database.Database, filters: ExportFilters, filePath: string, onProgress?: (rows: number) => unknown) {
  const out = createWriteStream(filePath, { flags: 'wx', mode: 0o600 })
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  let rows = 0
  try {
    await write(toCsv([[...EXPORT_COLUMNS]]) + '\r\n')
    let chunk: unknown[][] = []
    const statement = sqlite.prepare(EXPORT_SQL)
    for (const row of statement.iterate({ status: filters.status, from: filters.from?.getTime() ?? null, to: filters.to?.getTime() ?? null }) as IterableIterator<Row>) {
      chunk.push(toRecord(row))
      if (chunk.length === CHUNK_ROWS) {
        rows += chunk.length
        await write(toCsv(chunk) + '\r\n')
        chunk = []
        await onProgress?.(rows)
      }
    }
    if (chunk.length) {
      rows += chunk.length
      await write(toCsv(chunk) + '\r\n')
    }
    out.end()
    await once(out, 'finish')
    return rows
  }
  catch (error) {
    out.destroy()
    throw error
  }
}
