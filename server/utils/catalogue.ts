import type { Statement } from 'better-sqlite3'
import { toFullTextQuery } from '~~/domain/search'
import { paiseToRupees } from '~~/domain/money'

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

export type ServiceSearch = { q?: string, categoryId?: number, pincode?: string, page: number, pageSize: number }

const statements = new Map<string, { list: Statement, count: Statement }>()

/** One prepared pair of statements per shape of filter, built on first use. */
function searchStatements(hasText: boolean, hasCategory: boolean, hasPincode: boolean) {
  const key = `${hasText}${hasCategory}${hasPincode}`
  let pair = statements.get(key)
  if (pair) return pair
  const where = ['s.active = 1']
  if (hasText) where.push('services_fts MATCH @match')
  if (hasCategory) where.push('s.category_id = @categoryId')
  if (hasPincode) {
    where.push(`EXISTS (SELECT 1 FROM professional_profiles p JOIN users u ON u.id = p.user_id
      WHERE p.service_id = s.id AND p.approval = 'approved' AND u.status = 'active' AND u.pincode = @pincode)`)
  }
  const from = `FROM services s JOIN categories c ON c.id = s.category_id${hasText ? ' JOIN services_fts ON services_fts.rowid = s.id' : ''}`
  // Name matches weigh ten times description matches.
  const order = hasText ? 'bm25(services_fts, 10.0, 1.0), s.name' : 's.name, s.id'
  const sqlite = useDb().sqlite
  pair = {
    list: sqlite.prepare(`SELECT s.id, s.name, s.description, s.base_price_paise, s.time_required_minutes, s.category_id, c.name AS category_name, s.active
      ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit OFFSET @offset`),
    count: sqlite.prepare(`SELECT count(*) AS total ${from} WHERE ${where.join(' AND ')}`).pluck(),
  }
  statements.set(key, pair)
  return pair
}

export function searchServices({ q, categoryId, pincode, page, pageSize }: ServiceSearch) {
  const match = q?.trim() ? toFullTextQuery(q) : undefined
  if (match === null) return { items: [], total: 0, page, pageSize }
  const { list, count } = searchStatements(Boolean(match), Boolean(categoryId), Boolean(pincode))
  const params = { match, categoryId, pincode, limit: pageSize, offset: (page - 1) * pageSize }
  const items = (list.all(params) as ServiceRow[]).map(serializeService)
  return { items, total: count.get(params) as number, page, pageSize }
}

export function listCategories() {
  return useDb().sqlite.prepare(`SELECT c.id, c.name, (SELECT count(*) FROM services s WHERE s.category_id = c.id AND s.active = 1) AS serviceCount
    FROM categories c ORDER BY c.name`).all() as { id: number, name: string, serviceCount: number }[]
}
