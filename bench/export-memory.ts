// Export memory check: `npx tsx bench/export-memory.ts [rows]`. Fills a temporary database with closed
// requests, streams them to CSV as the export job does, and prints the peak heap while writing:
// it should stay about the same whatever the row count.
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { migrateDatabase, openDatabase } from '../db/client'
import { writeRequestsCsv } from '../tasks/jobs/export'

const rows = Number(process.argv[2] ?? 200_000)
const dir = mkdtempSync(join(tmpdir(), 'hs-bench-export-'))
const db = openDatabase(join(dir, 'app.db'))
migrateDatabase(db)
const now = Date.now()
db.sqlite.exec(`
  insert into categories (name, created_at, updated_at) values ('Bench', ${now}, ${now});
  insert into services (name, base_price_paise, time_required_minutes, category_id, created_at, updated_at) values ('Bench service', 49900, 60, 1, ${now}, ${now});
  insert into users (email, password_hash, name, role, created_at, updated_at) values ('c@bench', '!', 'Bench Customer', 'customer', ${now}, ${now});
  insert into users (email, password_hash, name, role, created_at, updated_at) values ('p@bench', '!', 'Bench Pro', 'professional', ${now}, ${now});`)
const insert = db.sqlite.prepare(`insert into service_requests (status, service_id, customer_id, professional_id, scheduled_for, address, pincode, remarks, price_paise, completed_at, closed_at, created_at, updated_at)
  values ('closed', 1, 1, 2, @t, 'Somewhere', '560001', @remarks, 49900, @t, @t, @t, @t)`)
db.sqlite.transaction(() => {
  for (let i = 0; i < rows; i++) insert.run({ t: now - i * 1000, remarks: `Visit ${i}, gate "B"\nring twice` })
})()

global.gc?.()
const before = process.memoryUsage().heapUsed
let peak = before
const samplePeak = () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed)
}
const timer = setInterval(samplePeak, 5)
const started = performance.now()
const file = join(dir, 'out.csv')
const written = await writeRequestsCsv(new Database(join(dir, 'app.db'), { readonly: true }), { status: 'closed', from: null, to: null }, file, samplePeak)
clearInterval(timer)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
console.log(`${written} rows, ${mb(statSync(file).size)} of CSV in ${((performance.now() - started) / 1000).toFixed(1)} s; heap before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)})`)
