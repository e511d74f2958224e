import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { count } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase } from '../../db/client'
import { categories } from '../../db/schema'

const locked: string[] = []
afterEach(() => {
  for (const file of locked.splice(0)) execFileSync('chattr', ['-i', file])
})

describe('a write the database cannot commit', () => {
  it('throws from `.returning().get()` instead of answering with a row that was never stored', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hs-unit-db-')), 'app.db')
    const db = openDatabase(path)
    migrateDatabase(db)
    expect(db.insert(categories).values({ name: 'Stored' }).returning().get()).toMatchObject({ id: 1, name: 'Stored' })

    // The file and its write-ahead log refuse writes (immutable: root included); reads still work.
    for (const file of [path, `${path}-wal`]) {
      execFileSync('chattr', ['+i', file])
      locked.push(file)
    }
    expect(() => db.insert(categories).values({ name: 'Lost' }).returning().get()).toThrow(expect.objectContaining({ code: 'SQLITE_IOERR_WRITE' }))
    expect(db.select({ value: count() }).from(categories).get()!.value).toBe(1)
  })
})
