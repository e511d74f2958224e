import { openDatabase, type AppDatabase } from '../../db/client'
import { useServerConfig } from './config'

let database: AppDatabase | undefined

/** The one database handle of this process. */
export function useDb() {
  database ??= openDatabase(useServerConfig().databasePath)
  return database
}

/** A write transaction's handle: the same query builder as `useDb()`, inside `db.transaction`. */
export type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0]

/**
 * A statement built and prepared on first use, then kept for the process: on the hot paths
 * building and preparing a join cost more than running it.
 */
export function preparedOnce<T>(prepare: () => T): () => T {
  let statement: T | undefined
  return () => (statement ??= prepare())
}

/** `preparedOnce` for each shape of filter (the arguments): one set of statements per shape, built on first use. */
export function preparedPerShape<Shape extends (string | boolean)[], T>(prepare: (...shape: Shape) => T): (...shape: Shape) => T {
  const statements = new Map<string, T>()
  return (...shape) => {
    const key = shape.join(':')
    let prepared = statements.get(key)
    if (!prepared) statements.set(key, prepared = prepare(...shape))
    return prepared
  }
}
