import type { Statement } from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { categories, professionalProfiles, serviceRequests, services } from '~~/db/schema'
import type { ServiceChanges, ServiceInput } from '~~/domain/catalogue'
import { paiseToRupees, rupeesToPaise } from '~~/domain/money'
import { averageRating } from '~~/domain/ratings'
import { matchesEveryPrefix, searchWords, toFullTextQuery } from '~~/domain/search'

export type ServiceRow = {
  id: number
  name: string
  description: string
  base_price_paise: number
  time_required_minutes: number
  category_id: number
  category_name: string
  active: number
}

export function serializeService(row: ServiceRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    basePrice: paiseToRupees(row.base_price_paise),
    timeRequiredMinutes: row.time_required_minutes,
    categoryId: row.category_id,
    category: { id: row.category_id, name: row.category_name },
    active: Boolean(row.active),
  }
}

export type ServiceSearch = { q?: string, categoryId?: number, pincode?: string, includeInactive?: boolean, page: number, pageSize: number }

const statements = new Map<string, { list: Statement, count: Statement }>()

/** One prepared pair of statements per shape of filter, built on first use. */
function searchStatements(hasText: boolean, hasCategory: boolean, hasPincode: boolean, includeInactive: boolean) {
  const key = `${hasText}${hasCategory}${hasPincode}${includeInactive}`
  let pair = statements.get(key)
  if (pair) return pair
  const where = [includeInactive ? '1 = 1' : 's.active = 1']
  if (hasCategory) where.push('s.category_id = @categoryId')
  if (hasPincode) {
    where.push(`EXISTS (SELECT 1 FROM professional_profiles p JOIN users u ON u.id = p.user_id
      WHERE p.service_id = s.id AND p.approval = 'approved' AND u.status = 'active' AND u.pincode = @pincode)`)
  }
  // Text matches the service's words (ranked by bm25, name ten times description) or, failing that, its
  // category's name ("plumb" finds the Plumbing services), ranked after. The full-text match is computed
  // once (MATERIALIZED): as a joined subquery SQLite re-ran it for every service, seconds at 10k services.
  const matches = `WITH fts AS MATERIALIZED (SELECT rowid AS id, bm25(services_fts, 10.0, 1.0) AS rank FROM services_fts WHERE services_fts MATCH @match),
    m AS (SELECT id, min(rank) AS rank FROM (SELECT id, rank FROM fts
      UNION ALL SELECT id, 0 AS rank FROM services WHERE category_id IN (SELECT value FROM json_each(@categoryIds))) GROUP BY id)`
  const from = hasText
    ? `${matches} SELECT %COLUMNS% FROM m JOIN services s ON s.id = m.id JOIN categories c ON c.id = s.category_id`
    : 'SELECT %COLUMNS% FROM services s JOIN categories c ON c.id = s.category_id'
  const order = hasText ? 'm.rank, s.name, s.id' : 's.name, s.id'
  const columns = 's.id, s.name, s.description, s.base_price_paise, s.time_required_minutes, s.category_id, c.name AS category_name, s.active'
  const sqlite = useDb().sqlite
  pair = {
    list: sqlite.prepare(`${from.replace('%COLUMNS%', columns)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit OFFSET @offset`),
    count: sqlite.prepare(`${from.replace('%COLUMNS%', 'count(*) AS total')} WHERE ${where.join(' AND ')}`).pluck(),
  }
  statements.set(key, pair)
  return pair
}

export function searchServices({ q, categoryId, pincode, includeInactive = false, page, pageSize }: ServiceSearch) {
  const match = q?.trim() ? toFullTextQuery(q) : undefined
  if (match === null) return { items: [], total: 0, page, pageSize }
  const { list, count } = searchStatements(Boolean(match), Boolean(categoryId), Boolean(pincode), includeInactive)
  const words = match ? searchWords(q!) : []
  const categoryIds = match ? categoryNames().filter(category => matchesEveryPrefix(category.name, words)).map(category => category.id) : []
  const params = { match, categoryIds: JSON.stringify(categoryIds), categoryId, pincode, limit: pageSize, offset: (page - 1) * pageSize }
  const rows = list.all(params) as ServiceRow[]
  const ratings = serviceRatings(rows.map(row => row.id))
  const items = rows.map(row => ({ ...serializeService(row), ...(ratings.get(row.id) ?? { rating: null, reviewCount: 0 }) }))
  return { items, total: count.get(params) as number, page, pageSize }
}

const ratingsOfServices = () => useDb().sqlite.prepare(`SELECT p.service_id AS serviceId, sum(p.rating_sum) AS ratingSum, sum(p.review_count) AS reviewCount
  FROM professional_profiles p JOIN users u ON u.id = p.user_id
  WHERE p.service_id IN (SELECT value FROM json_each(?)) AND p.approval = 'approved' AND u.status = 'active' GROUP BY p.service_id`)
let ratingsStatement: ReturnType<typeof ratingsOfServices> | undefined

/**
 * The rating of each service's listed professionals, for one page of results (beyond the contract's
 * `service`: additive fields, so results can be compared at a glance).
 */
function serviceRatings(serviceIds: number[]) {
  ratingsStatement ??= ratingsOfServices()
  const rows = ratingsStatement.all(JSON.stringify(serviceIds)) as { serviceId: number, ratingSum: number, reviewCount: number }[]
  return new Map(rows.map(row => [row.serviceId, { rating: averageRating(row.ratingSum, row.reviewCount), reviewCount: row.reviewCount }]))
}

/** The search, through the catalogue cache (see catalogue-cache.ts for keys, max age and invalidation). */
export function cachedSearchServices(search: ServiceSearch) {
  return cachedCatalogueRead('search', search, () => searchServices(search))
}

export function cachedListCategories() {
  return cachedCatalogueRead('categories', {}, listCategories)
}

const selectCategoryNames = () => useDb().sqlite.prepare('SELECT id, name FROM categories')
let categoryNamesStatement: ReturnType<typeof selectCategoryNames> | undefined

/** Names only, for matching search words (the full list also counts every category's services). */
function categoryNames() {
  categoryNamesStatement ??= selectCategoryNames()
  return categoryNamesStatement.all() as { id: number, name: string }[]
}

export function listCategories() {
  return useDb().sqlite.prepare(`SELECT c.id, c.name, (SELECT count(*) FROM services s WHERE s.category_id = c.id AND s.active = 1) AS serviceCount
    FROM categories c ORDER BY c.name`).all() as { id: number, name: string, serviceCount: number }[]
}

const duplicateCategory = () => createError({ statusCode: 409, message: 'A category with this name already exists' })

export function findCategory(id: number) {
  return (useDb().sqlite.prepare(`SELECT c.id, c.name, (SELECT count(*) FROM services s WHERE s.category_id = c.id AND s.active = 1) AS serviceCount
    FROM categories c WHERE c.id = ?`).get(id) as { id: number, name: string, serviceCount: number } | undefined) ?? null
}

export async function createCategory(name: string) {
  let id: number
  try {
    id = useDb().insert(categories).values({ name }).returning({ id: categories.id }).get().id
  }
  catch (error) {
    if (isUniqueViolation(error)) throw duplicateCategory()
    throw error
  }
  await invalidateCatalogue()
  return findCategory(id)!
}

export async function renameCategory(id: number, name: string) {
  let changed: number
  try {
    changed = useDb().update(categories).set({ name }).where(eq(categories.id, id)).run().changes
  }
  catch (error) {
    if (isUniqueViolation(error)) throw duplicateCategory()
    throw error
  }
  if (!changed) throw createError({ statusCode: 404, message: 'No such category' })
  await invalidateCatalogue()
  return findCategory(id)!
}

/** A category still holding services (active or not) stays: its services would lose their home. */
export async function deleteCategory(id: number) {
  const db = useDb()
  const outcome = db.transaction((tx) => {
    if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).get()) return 'missing'
    if (tx.select({ id: services.id }).from(services).where(eq(services.categoryId, id)).limit(1).get()) return 'in-use'
    tx.delete(categories).where(eq(categories.id, id)).run()
    return 'deleted'
  }, { behavior: 'immediate' })
  if (outcome === 'missing') throw createError({ statusCode: 404, message: 'No such category' })
  if (outcome === 'in-use') throw createError({ statusCode: 409, message: 'This category still has services: move or delete them first' })
  await invalidateCatalogue()
}

function requireCategory(categoryId: number | undefined) {
  if (categoryId === undefined) return
  if (!useDb().select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get()) {
    invalidInput([{ path: 'categoryId', message: 'No such category' }])
  }
}

const serviceById = () => useDb().sqlite.prepare(`SELECT s.id, s.name, s.description, s.base_price_paise, s.time_required_minutes, s.category_id, c.name AS category_name, s.active
  FROM services s JOIN categories c ON c.id = s.category_id WHERE s.id = ?`)
let serviceStatement: ReturnType<typeof serviceById> | undefined

/** A service in the contract's shape, active or not; null when there is none. */
export function findService(id: number) {
  serviceStatement ??= serviceById()
  const row = serviceStatement.get(id) as ServiceRow | undefined
  return row ? serializeService(row) : null
}

export async function createService(input: ServiceInput) {
  requireCategory(input.categoryId)
  const { basePrice, ...rest } = input
  const id = useDb().insert(services).values({ ...rest, basePricePaise: rupeesToPaise(basePrice) }).returning({ id: services.id }).get().id
  await invalidateCatalogue()
  return findService(id)!
}

export async function updateService(id: number, changes: ServiceChanges) {
  requireCategory(changes.categoryId)
  const { basePrice, ...rest } = changes
  const values = { ...rest, ...(basePrice === undefined ? {} : { basePricePaise: rupeesToPaise(basePrice) }) }
  const db = useDb()
  const changed = Object.keys(values).length
    ? db.update(services).set(values).where(eq(services.id, id)).run().changes
    : Number(Boolean(findService(id)))
  if (!changed) throw createError({ statusCode: 404, message: 'No such service' })
  await invalidateCatalogue()
  return findService(id)!
}

/** Removes a service nobody used; one with requests or professionals is deactivated instead, so history keeps it. */
export async function deleteService(id: number) {
  const outcome = useDb().transaction((tx) => {
    if (!tx.select({ id: services.id }).from(services).where(eq(services.id, id)).get()) return 'missing'
    const used = tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.serviceId, id)).limit(1).get()
      ?? tx.select({ id: professionalProfiles.userId }).from(professionalProfiles).where(eq(professionalProfiles.serviceId, id)).limit(1).get()
    if (used) tx.update(services).set({ active: false }).where(eq(services.id, id)).run()
    else tx.delete(services).where(eq(services.id, id)).run()
    return used ? 'deactivated' : 'deleted'
  }, { behavior: 'immediate' })
  if (outcome === 'missing') throw createError({ statusCode: 404, message: 'No such service' })
  await invalidateCatalogue()
  return outcome
}

/** Approved, active professionals of a service, best rated first. */
export function listServiceProfessionals(serviceId: number) {
  const rows = useDb().sqlite.prepare(`SELECT u.id, u.name, p.experience_years AS experienceYears, u.pincode, p.rating_sum AS ratingSum, p.review_count AS reviewCount
    FROM professional_profiles p JOIN users u ON u.id = p.user_id
    WHERE p.service_id = ? AND p.approval = 'approved' AND u.status = 'active'
    ORDER BY CASE WHEN p.review_count = 0 THEN 0 ELSE 1.0 * p.rating_sum / p.review_count END DESC, p.review_count DESC, u.id`).all(serviceId) as
    { id: number, name: string, experienceYears: number, pincode: string, ratingSum: number, reviewCount: number }[]
  return rows.map(({ ratingSum, ...row }) => ({ ...row, rating: averageRating(ratingSum, row.reviewCount) }))
}
