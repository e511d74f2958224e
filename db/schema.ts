import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { approvalStates, cancellationParties, requestStatuses, roles, runStatuses, userStatuses } from '../shared/domain/enums'

export * from '../shared/domain/enums'

// Times are stored as epoch milliseconds and turned into ISO strings at the API edge.
const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()).$onUpdateFn(() => new Date()),
}

// Background work (job runs, exports) is owned by one instance while it is queued or running; the
// owner renews the lease, and any instance takes over or fails what an expired lease left behind.
const lease = {
  owner: text('owner'),
  leaseExpiresAt: integer('lease_expires_at', { mode: 'timestamp_ms' }),
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
  // The secret of the user's calendar feed URL; made on first use, replaced on rotation.
  calendarSecret: text('calendar_secret'),
  ...timestamps,
}, t => [
  uniqueIndex('users_email_unique').on(t.email),
  uniqueIndex('users_calendar_secret_unique').on(t.calendarSecret),
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
  // The window [scheduledFor, endsAt): the service's time at booking, kept when the service changes.
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
  rescheduleCount: integer('reschedule_count').notNull().default(0),
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
  cancelledBy: text('cancelled_by', { enum: cancellationParties }),
  cancelledLate: integer('cancelled_late', { mode: 'boolean' }).notNull().default(false),
  cancellationFeePaise: integer('cancellation_fee_paise').notNull().default(0),
  ...timestamps,
}, t => [
  index('requests_customer_idx').on(t.customerId, t.status, t.createdAt),
  index('requests_professional_idx').on(t.professionalId, t.status, t.createdAt),
  index('requests_service_status_idx').on(t.serviceId, t.status, t.createdAt),
  index('requests_status_created_idx').on(t.status, t.createdAt),
  index('requests_closed_at_idx').on(t.status, t.closedAt),
  // The inactive nudge counts recent requests per pincode and service in one covering scan.
  index('requests_created_pincode_idx').on(t.createdAt, t.pincode, t.serviceId),
])

// A professional's weekly hours in APP_TIMEZONE, as minutes of the day: [startMinute, endMinute).
export const availabilityWindows = sqliteTable('availability_windows', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  professionalId: integer('professional_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  weekday: integer('weekday').notNull(), // 1 = Monday … 7 = Sunday
  startMinute: integer('start_minute').notNull(),
  endMinute: integer('end_minute').notNull(),
}, t => [
  index('availability_professional_idx').on(t.professionalId, t.weekday),
  check('availability_weekday_range', sql`${t.weekday} between 1 and 7`),
  check('availability_minutes_range', sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
])

export const timeOff = sqliteTable('time_off', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  professionalId: integer('professional_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
  reason: text('reason').notNull().default(''),
  ...timestamps,
}, t => [
  index('time_off_professional_idx').on(t.professionalId, t.startsAt),
  check('time_off_window_positive', sql`${t.endsAt} > ${t.startsAt}`),
])

/**
 * Every window [startsAt, endsAt) a professional is held for: their assigned requests, the requested
 * ones naming them, and their time off. Triggers (migration 0004) keep it in step with those tables
 * and refuse a hold that overlaps another of the same professional: the shape of a PostgreSQL
 * `EXCLUDE USING gist (professional_id WITH =, tsrange(starts_at, ends_at) WITH &&)`.
 */
export const professionalHolds = sqliteTable('professional_holds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  professionalId: integer('professional_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
  requestId: integer('request_id').references(() => serviceRequests.id, { onDelete: 'cascade' }),
  timeOffId: integer('time_off_id').references(() => timeOff.id, { onDelete: 'cascade' }),
}, t => [
  index('holds_professional_idx').on(t.professionalId, t.startsAt, t.endsAt),
  uniqueIndex('holds_request_unique').on(t.requestId),
  uniqueIndex('holds_time_off_unique').on(t.timeOffId),
  check('holds_one_source', sql`(${t.requestId} IS NULL) <> (${t.timeOffId} IS NULL)`),
])

/**
 * A counter per service that moves on with every committed change of its free time (holds, hours,
 * who is listed, the service itself), kept by triggers (migration 0005) so that no write path can
 * forget it, in any process. The cached slots of a service are keyed by it.
 */
export const slotVersions = sqliteTable('slot_versions', {
  serviceId: integer('service_id').primaryKey().references(() => services.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(0),
})

// Each time a professional hands an assigned visit back to the pool (their dashboard counts them).
export const requestReleases = sqliteTable('request_releases', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => serviceRequests.id, { onDelete: 'cascade' }),
  professionalId: integer('professional_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  ...timestamps,
}, t => [index('request_releases_professional_idx').on(t.professionalId)])

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
  // JSON list of { filename, contentType, content } (text content, e.g. an .ics invitation).
  attachments: text('attachments'),
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
  // The instant the job selects at: its period (day, month) comes from it, and a rerun keeps it.
  asOf: integer('as_of', { mode: 'timestamp_ms' }),
  // A scheduled run's tick: one run per (job, tick) whichever instance fires first.
  tick: integer('tick', { mode: 'timestamp_ms' }),
  rerunOf: integer('rerun_of'),
  ...lease,
  ...timestamps,
}, t => [
  index('job_runs_name_created_idx').on(t.name, t.createdAt),
  uniqueIndex('job_runs_tick_unique').on(t.name, t.tick),
  index('job_runs_lease_idx').on(t.status, t.leaseExpiresAt),
])

// One row per message a job may send: the unique key (job, recipient, period) makes reruns harmless.
export const jobDeliveries = sqliteTable('job_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  job: text('job').notNull(),
  recipientId: integer('recipient_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  period: text('period').notNull(),
  runId: integer('run_id').references(() => jobRuns.id, { onDelete: 'set null' }),
  // Null while the claim is pending (sent through Resend, not yet acknowledged): a rerun resends
  // it, from the stored mail, under the same idempotency key.
  sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  idempotencyKey: text('idempotency_key'),
  mail: text('mail', { mode: 'json' }).$type<{ to: string, subject: string, html: string, text?: string, chatText?: string, alert?: { kind: 'visit.reminder', message: string, link: string } }>(),
  ...timestamps,
}, t => [
  uniqueIndex('job_deliveries_unique').on(t.job, t.recipientId, t.period),
  index('job_deliveries_pending_idx').on(t.job, t.period, t.sentAt),
])

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
  rerunOf: integer('rerun_of'),
  ...lease,
  ...timestamps,
}, t => [index('exports_created_idx').on(t.createdAt), index('exports_lease_idx').on(t.status, t.leaseExpiresAt)])

// Sessions ended by logout before their token expires: the token's `jti`, kept until it would expire anyway.
export const revokedSessions = sqliteTable('revoked_sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
}, t => [index('revoked_sessions_expires_idx').on(t.expiresAt)])

export type User = typeof users.$inferSelect
export type Service = typeof services.$inferSelect
export type ServiceRequest = typeof serviceRequests.$inferSelect
export type ProfessionalProfile = typeof professionalProfiles.$inferSelect
export type TimeOff = typeof timeOff.$inferSelect
