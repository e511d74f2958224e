import { and, asc, count, desc, eq, exists, inArray, sql } from 'drizzle-orm'
import { QueryBuilder } from 'drizzle-orm/sqlite-core'
import { categories, professionalProfiles, serviceRequests, services, users } from '~~/db/schema'
import { planCategoryRemoval, planServiceRemoval, type ServiceChanges, type ServiceInput } from '~~/shared/domain/catalogue'
import { paiseToRupees, rupeesToPaise } from '~~/shared/domain/money'
import { averageRating } from '~~/shared/domain/ratings'
import { matchesEveryPrefix, searchWords, toFullTextQuery } from '~~/shared/domain/search'

const placeholder = sql.placeholder

const serviceColumns = {
  id: services.id, name: services.name, description: services.description, basePricePaise: services.basePricePaise,
  timeRequiredMinutes: services.timeRequiredMinutes, categoryId: services.categoryId, categoryName: categories.name, active: services.active,
}

const serviceById = preparedOnce(() => useDb().select(serviceColumns).from(services)
  .innerJoin(categories, eq(categories.id, services.categoryId)).where(eq(services.id, placeholder('id'))).prepare())

type ServiceRow = NonNullable<ReturnType<ReturnType<typeof serviceById>['get']>>

export function serializeService(row: ServiceRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    basePrice: paiseToRupees(row.basePricePaise),
    timeRequiredMinutes: row.timeRequiredMinutes,
    categoryId: row.categoryId,
    category: { id: row.categoryId, name: row.categoryName },
    active: row.active,
  }
}

export type ServiceSearch = { q?: string, categoryId?: number, pincode?: string, includeInactive?: boolean, page: number, pageSize: number }

const builder = new QueryBuilder()

/** Services a listed professional of the pincode offers. */
const offeredInPincode = () => exists(builder.select({ id: professionalProfiles.userId }).from(professionalProfiles)
  .innerJoin(users, eq(users.id, professionalProfiles.userId))
  .where(and(eq(professionalProfiles.serviceId, services.id), listedProfessionalCondition(), eq(users.pincode, placeholder('pincode')))))

/**
 * The list and count statements of one shape of filter. Text matches the service's words (ranked)
 * or, failing that, its category's name ("plumb" finds the Plumbing services), ranked after.
 */
function prepareSearch(hasText: boolean, hasCategory: boolean, hasPincode: boolean, includeInactive: boolean) {
  const db = useDb()
  const where = and(
    includeInactive ? undefined : eq(services.active, true),
    hasCategory ? eq(services.categoryId, placeholder('categoryId')) : undefined,
    hasPincode ? offeredInPincode() : undefined,
  )
  const paging = { limit: placeholder('limit'), offset: placeholder('offset') }
  if (!hasText) {
    return {
      list: db.select(serviceColumns).from(services).innerJoin(categories, eq(categories.id, services.categoryId))
        .where(where).orderBy(asc(services.name), asc(services.id)).limit(paging.limit).offset(paging.offset).prepare(),
      total: db.select({ value: count() }).from(services).where(where).prepare(),
    }
  }
  const matches = matchingServices(placeholder('match'), placeholder('categoryIds'))
  return {
    list: db.select(serviceColumns).from(matches).innerJoin(services, eq(services.id, matches.id)).innerJoin(categories, eq(categories.id, services.categoryId))
      .where(where).orderBy(asc(matches.rank), asc(services.name), asc(services.id)).limit(paging.limit).offset(paging.offset).prepare(),
    total: db.select({ value: count() }).from(matches).innerJoin(services, eq(services.id, matches.id)).where(where).prepare(),
  }
}

/** One prepared pair of statements per shape of filter, built on first use. */
const searchStatements = preparedPerShape(prepareSearch)

export function searchServices({ q, categoryId, pincode, includeInactive = false, page, pageSize }: ServiceSearch) {
  const match = q?.trim() ? toFullTextQuery(q) : undefined
  if (match === null) return { items: [], total: 0, page, pageSize }
  const { list, total } = searchStatements(Boolean(match), Boolean(categoryId), Boolean(pincode), includeInactive)
  const words = match ? searchWords(q!) : []
  const categoryIds = match ? categoryNames().filter(category => matchesEveryPrefix(category.name, words)).map(category => category.id) : []
  const params = { match, categoryIds: JSON.stringify(categoryIds), categoryId, pincode, limit: pageSize, offset: (page - 1) * pageSize }
  const rows = list.all(params)
  const ratings = serviceRatings(rows.map(row => row.id))
  const items = rows.map(row => ({ ...serializeService(row), ...(ratings.get(row.id) ?? { rating: null, reviewCount: 0 }) }))
  return { items, total: pageTotal(rows.length, params, () => total.get(params)!.value), page, pageSize }
}

/**
 * The rating of each service's listed professionals, for one page of results (beyond the contract's
 * `service`: additive fields, so results can be compared at a glance).
 */
function serviceRatings(serviceIds: number[]) {
  if (!serviceIds.length) return new Map<number, { rating: number | null, reviewCount: number }>()
  const rows = useDb().select({
    serviceId: professionalProfiles.serviceId,
    ratingSum: sql<number>`sum(${professionalProfiles.ratingSum})`, reviewCount: sql<number>`sum(${professionalProfiles.reviewCount})`,
  }).from(professionalProfiles).innerJoin(users, eq(users.id, professionalProfiles.userId))
    .where(and(inArray(professionalProfiles.serviceId, serviceIds), listedProfessionalCondition())).groupBy(professionalProfiles.serviceId).all()
  return new Map(rows.map(row => [row.serviceId, { rating: averageRating(row.ratingSum, row.reviewCount), reviewCount: row.reviewCount }]))
}

/** The search, through the catalogue cache (see catalogue-cache.ts for keys, max age and invalidation). */
export function cachedSearchServices(search: ServiceSearch) {
  return cachedCatalogueRead('search', search, () => searchServices(search))
}

export function cachedListCategories() {
  return cachedCatalogueRead('categories', {}, listCategories)
}

const selectCategoryNames = preparedOnce(() => useDb().select({ id: categories.id, name: categories.name }).from(categories).prepare())

/** Names only, for matching search words (the full list also counts every category's services). */
function categoryNames() {
  return selectCategoryNames().all()
}

/** Categories with the number of their active services. */
function selectCategories() {
  return useDb().select({ id: categories.id, name: categories.name, serviceCount: count(services.id) }).from(categories)
    .leftJoin(services, and(eq(services.categoryId, categories.id), eq(services.active, true))).groupBy(categories.id)
}

export function listCategories() {
  return selectCategories().orderBy(asc(categories.name)).all()
}

const duplicateCategory = () => createError({ statusCode: 409, message: 'A category with this name already exists' })

export function findCategory(id: number) {
  return selectCategories().where(eq(categories.id, id)).get() ?? null
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

/** Deletes a category, if `planCategoryRemoval` allows it. */
export async function deleteCategory(id: number) {
  useDb().transaction((tx) => {
    const category = tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).get()
    const hasServices = Boolean(tx.select({ id: services.id }).from(services).where(eq(services.categoryId, id)).limit(1).get())
    enforce(() => planCategoryRemoval(category ? { hasServices } : null))
    tx.delete(categories).where(eq(categories.id, id)).run()
  }, { behavior: 'immediate' })
  await invalidateCatalogue()
}

function requireCategory(categoryId: number | undefined) {
  if (categoryId === undefined) return
  if (!useDb().select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get()) {
    invalidInput([{ path: 'categoryId', message: 'No such category' }])
  }
}

/** A service in the contract's shape, active or not; null when there is none. */
export function findService(id: number) {
  const row = serviceById().get({ id })
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

/** Removes or deactivates a service, as `planServiceRemoval` decides from its use. */
export async function deleteService(id: number) {
  const outcome = useDb().transaction((tx) => {
    const service = tx.select({ id: services.id }).from(services).where(eq(services.id, id)).get()
    const used = Boolean(tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.serviceId, id)).limit(1).get()
      ?? tx.select({ id: professionalProfiles.userId }).from(professionalProfiles).where(eq(professionalProfiles.serviceId, id)).limit(1).get())
    const plan = enforce(() => planServiceRemoval(service ? { used } : null))
    if (plan === 'deactivate') tx.update(services).set({ active: false }).where(eq(services.id, id)).run()
    else tx.delete(services).where(eq(services.id, id)).run()
    return plan === 'deactivate' ? 'deactivated' : 'deleted'
  }, { behavior: 'immediate' })
  await invalidateCatalogue()
  return outcome
}

const professionalsOfService = preparedOnce(() => useDb().select({
  id: users.id, name: users.name, experienceYears: professionalProfiles.experienceYears, pincode: users.pincode,
  ratingSum: professionalProfiles.ratingSum, reviewCount: professionalProfiles.reviewCount,
}).from(professionalProfiles).innerJoin(users, eq(users.id, professionalProfiles.userId))
  .where(and(eq(professionalProfiles.serviceId, placeholder('serviceId')), listedProfessionalCondition()))
  .orderBy(
    desc(sql`CASE WHEN ${professionalProfiles.reviewCount} = 0 THEN 0 ELSE 1.0 * ${professionalProfiles.ratingSum} / ${professionalProfiles.reviewCount} END`),
    desc(professionalProfiles.reviewCount), asc(users.id),
  ).prepare())

/** Listed professionals of a service, best rated first. */
export function listServiceProfessionals(serviceId: number) {
  return professionalsOfService().all({ serviceId }).map(({ ratingSum, ...row }) => ({ ...row, rating: averageRating(ratingSum, row.reviewCount) }))
}
