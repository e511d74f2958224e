import { sql, type SQLWrapper } from 'drizzle-orm'
import { QueryBuilder } from 'drizzle-orm/sqlite-core'

const builder = new QueryBuilder()

/**
 * Services whose words match an FTS5 query (see `toFullTextQuery`), ranked by bm25 with the name
 * weighing ten times the description; with `categoryIds` (a JSON array), also every service of
 * those categories, ranked after. A subquery with `id` and `rank` to join or filter on.
 *
 * The app's only raw SQL: Drizzle has no FTS5. The match is computed once (MATERIALIZED): as a
 * joined subquery SQLite re-ran it for every service, seconds at 10k services.
 */
export function matchingServices(match: SQLWrapper | string, categoryIds?: SQLWrapper | string) {
  const fullText = sql`WITH fts AS MATERIALIZED (SELECT rowid AS id, bm25(services_fts, 10.0, 1.0) AS rank FROM services_fts WHERE services_fts MATCH ${match})`
  const rows = categoryIds === undefined
    ? sql`${fullText} SELECT id, rank FROM fts`
    : sql`${fullText} SELECT id, min(rank) AS rank FROM (SELECT id, rank FROM fts
        UNION ALL SELECT id, 0 AS rank FROM services WHERE category_id IN (SELECT value FROM json_each(${categoryIds}))) GROUP BY id`
  // Drizzle refers to a subquery's computed columns by their bare alias: the names must be unique in the query.
  return builder.select({ id: sql<number>`id`.as('matched_service_id'), rank: sql<number>`rank`.as('match_rank') })
    .from(sql`(${rows})`).as('matches')
}

/** The ids of `matchingServices`, for an `IN (…)` filter. */
export function matchingServiceIds(match: SQLWrapper | string) {
  const matches = matchingServices(match)
  return builder.select({ id: matches.id }).from(matches)
}
