import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const roles = ['admin', 'customer', 'professional'] as const
export const userStatuses = ['active', 'blocked'] as const
export const approvalStates = ['pending', 'approved', 'rejected'] as const
export const requestStatuses = ['requested', 'assigned', 'completed', 'closed', 'rejected', 'cancelled'] as const
export const runStatuses = ['queued', 'running', 'done', 'failed'] as const

export type Role = typeof roles[number]
export type UserStatus = typeof userStatuses[number]
export type ApprovalState = typeof approvalStates[number]
export type RequestStatus = typeof requestStatuses[number]
export type RunStatus = typeof runStatuses[number]

// Times are stored as epoch milliseconds and turned into ISO strings at the API edge.
const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()).$onUpdateFn(() => new Date()),
}

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull(), // stored lower-cased
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  status: text('status', { enum: userStatuses }).notNull().default('active'),
  blockedReason: text('blocked_reason'),
  phone: text('phone').notNull().default(''),
  address: text('address').notNull().default(''),
  // A customer's profile is these contact fields; a professional's pincode is the area they serve.
  pincode: text('pincode').notNull().default(''),
  // Bumped on block and on password change: every token carries the version it was issued under.
  tokenVersion: integer('token_version').notNull().default(0),
  lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
  ...timestamps,
}, t => [
  uniqueIndex('users_email_unique').on(t.email),
  index('users_role_status_idx').on(t.role, t.status),
  index('users_pincode_idx').on(t.pincode),
  index('users_last_sign_in_idx').on(t.role, t.lastSignInAt),
])

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  ...timestamps,
}, t => [uniqueIndex('categories_name_unique').on(sql`lower(${t.name})`)])

export const services = sqliteTable('services', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  // Rupees are kept as integer paise so that 499.99 stays exactly 499.99.
  basePricePaise: integer('base_price_paise').notNull(),
  timeRequiredMinutes: integer('time_required_minutes').notNull(),
  categoryId: integer('category_id').notNull().references(() => categories.id, { onDelete: 'restrict' }),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
}, t => [
  index('services_category_idx').on(t.categoryId, t.active),
  check('services_price_non_negative', sql`${t.basePricePaise} >= 0`),
  check('services_time_positive', sql`${t.timeRequiredMinutes} > 0`),
])

export const professionalProfiles = sqliteTable('professional_profiles', {
  userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  serviceId: integer('service_id').notNull().references(() => services.id, { onDelete: 'restrict' }),
  experienceYears: integer('experience_years').notNull().default(0),
  description: text('description').notNull().default(''),
  approval: text('approval', { enum: approvalStates }).notNull().default('pending'),
  approvalReason: text('approval_reason'),
  decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
  // The document lives under .data/documents/, outside the web root; only its stored name is kept here.
  documentPath: text('document_path'),
  documentMime: text('document_mime'),
  documentName: text('document_name'),
  documentUploadedAt: integer('document_uploaded_at', { mode: 'timestamp_ms' }),
  ratingSum: integer('rating_sum').notNull().default(0),
  reviewCount: integer('review_count').notNull().default(0),
  ...timestamps,
}, t => [
  index('professional_profiles_service_idx').on(t.serviceId, t.approval),
  index('professional_profiles_approval_idx').on(t.approval),
])

export const serviceRequests = sqliteTable('service_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  status: text('status', { enum: requestStatuses }).notNull().default('requested'),
  serviceId: integer('service_id').notNull().references(() => services.id, { onDelete: 'restrict' }),
  customerId: integer('customer_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
  professionalId: integer('professional_id').references(() => users.id, { onDelete: 'restrict' }),
  scheduledFor: integer('scheduled_for', { mode: 'timestamp_ms' }).notNull(),
  address: text('address').notNull(),
  pincode: text('pincode').notNull(),
  remarks: text('remarks').notNull().default(''),
  // Price agreed at booking time, so later price changes do not rewrite history.
  pricePaise: integer('price_paise').notNull(),
  acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
  rejectedAt: integer('rejected_at', { mode: 'timestamp_ms' }),
  completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  ...timestamps,
}, t => [
  index('requests_customer_idx').on(t.customerId, t.status, t.createdAt),
  index('requests_professional_idx').on(t.professionalId, t.status, t.createdAt),
  index('requests_service_status_idx').on(t.serviceId, t.status, t.createdAt),
  index('requests_status_created_idx').on(t.status, t.createdAt),
  index('requests_closed_at_idx').on(t.status, t.closedAt),
])

export const reviews = sqliteTable('reviews', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => serviceRequests.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
  professionalId: integer('professional_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
  rating: integer('rating').notNull(),
  comment: text('comment').notNull().default(''),
  ...timestamps,
}, t => [
  uniqueIndex('reviews_request_unique').on(t.requestId),
  index('reviews_professional_idx').on(t.professionalId, t.createdAt),
  check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
])

export const notifications = sqliteTable('notifications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  link: text('link'),
  readAt: integer('read_at', { mode: 'timestamp_ms' }),
  ...timestamps,
}, t => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)])

export const outboxMails = sqliteTable('outbox_mails', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text'),
  ...timestamps,
}, t => [index('outbox_created_idx').on(t.createdAt)])

export const jobRuns = sqliteTable('job_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  status: text('status', { enum: runStatuses }).notNull().default('queued'),
  trigger: text('trigger', { enum: ['schedule', 'admin'] }).notNull().default('schedule'),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }),
  finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  sent: integer('sent').notNull().default(0),
  error: text('error'),
  ...timestamps,
}, t => [index('job_runs_name_created_idx').on(t.name, t.createdAt)])

// One row per message a job may send: the unique key (job, recipient, period) makes reruns harmless.
export const jobDeliveries = sqliteTable('job_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  job: text('job').notNull(),
  recipientId: integer('recipient_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  period: text('period').notNull(),
  runId: integer('run_id').references(() => jobRuns.id, { onDelete: 'set null' }),
  ...timestamps,
}, t => [uniqueIndex('job_deliveries_unique').on(t.job, t.recipientId, t.period)])

export const exports = sqliteTable('exports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestedBy: integer('requested_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
  status: text('status', { enum: runStatuses }).notNull().default('queued'),
  filterStatus: text('filter_status', { enum: requestStatuses }).notNull().default('closed'),
  filterFrom: integer('filter_from', { mode: 'timestamp_ms' }),
  filterTo: integer('filter_to', { mode: 'timestamp_ms' }),
  rowCount: integer('row_count').notNull().default(0),
  filePath: text('file_path'),
  error: text('error'),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }),
  finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  ...timestamps,
}, t => [index('exports_created_idx').on(t.createdAt)])

export type User = typeof users.$inferSelect
export type Service = typeof services.$inferSelect
export type ServiceRequest = typeof serviceRequests.$inferSelect
export type ProfessionalProfile = typeof professionalProfiles.$inferSelect
