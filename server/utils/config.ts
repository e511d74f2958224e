import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import type { SchedulingPolicy } from '../../shared/domain/scheduling'
import { isValidTimeZone } from '../../shared/domain/slots'
import { JOB_NAMES, JOBS, type JobName } from '../../shared/domain/jobs'

function positiveInt(value: string | undefined, fallback: number) {
  const parsed = Number.parseInt(value ?? '', 10)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

function nonNegativeInt(value: string | undefined, fallback: number) {
  const parsed = Number.parseInt(value ?? '', 10)
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback
}

function timeZone(value: string | undefined) {
  if (!value) return 'Asia/Kolkata'
  if (isValidTimeZone(value)) return value
  console.warn(`[config] APP_TIMEZONE "${value}" is not a time zone this runtime knows: using Asia/Kolkata`)
  return 'Asia/Kolkata'
}

function readServerConfig() {
  const env = process.env
  const databasePath = resolve(env.DATABASE_PATH || '.data/app.db')
  return {
    databasePath,
    // Files the app writes (documents, exports, the generated secret) live beside the database.
    dataDir: resolve(env.DATA_DIR || dirname(databasePath)),
    redisUrl: env.REDIS_URL || undefined,
    adminEmail: (env.ADMIN_EMAIL || 'admin@example.com').trim().toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    sessionDays: positiveInt(env.SESSION_DAYS, 7),
    // Only behind reverse proxies: how many of them append to X-Forwarded-For (TRUST_PROXY=1 or true: one).
    trustProxy: env.TRUST_PROXY === 'true' || positiveInt(env.TRUST_PROXY, 0) > 0,
    trustedProxyHops: env.TRUST_PROXY === 'true' ? 1 : positiveInt(env.TRUST_PROXY, 0),
    loginLimits: {
      windowSeconds: positiveInt(env.LOGIN_WINDOW_SECONDS, 15 * 60),
      perAccount: positiveInt(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, 5),
      perAddress: positiveInt(env.LOGIN_MAX_FAILURES_PER_ADDRESS, 30),
    },
    // Each registration and password change costs an argon2 hash (19 MiB): limited per address.
    registrationLimits: {
      windowSeconds: positiveInt(env.REGISTER_WINDOW_SECONDS, 60 * 60),
      perAddress: positiveInt(env.REGISTER_MAX_PER_ADDRESS, 10),
    },
    passwordChangeLimits: {
      windowSeconds: positiveInt(env.PASSWORD_WINDOW_SECONDS, 15 * 60),
      perAddress: positiveInt(env.PASSWORD_MAX_PER_ADDRESS, 10),
      wrongPerAccount: positiveInt(env.PASSWORD_MAX_FAILURES_PER_ACCOUNT, 5),
    },
    resendApiKey: env.RESEND_API_KEY || undefined,
    mailFrom: env.MAIL_FROM || 'Household Services <no-reply@household.local>',
    googleChatWebhookUrl: env.GOOGLE_CHAT_WEBHOOK_URL || undefined,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ''),
    scheduler: env.SCHEDULER !== 'off',
    crons: Object.fromEntries(JOB_NAMES.map(name => [name, env[JOBS[name].cronVariable] || JOBS[name].defaultCron])) as Record<JobName, string>,
    scheduling: {
      timezone: timeZone(env.APP_TIMEZONE),
      noticeMinutes: nonNegativeInt(env.BOOKING_NOTICE_MINUTES, 120),
      rescheduleCutoffHours: nonNegativeInt(env.RESCHEDULE_CUTOFF_HOURS, 12),
      cancelCutoffHours: nonNegativeInt(env.CANCEL_CUTOFF_HOURS, 12),
      lateCancelFeePercent: Math.min(nonNegativeInt(env.LATE_CANCEL_FEE_PERCENT, 20), 100),
    } satisfies SchedulingPolicy,
    // How long a service's computed slots may be served from the cache (0: never cached).
    slotsCacheSeconds: Math.min(nonNegativeInt(env.SLOTS_CACHE_SECONDS, 60), 300),
    // How long an anonymous page may be served from the page cache (0: never cached).
    pageCacheSeconds: Math.min(nonNegativeInt(env.PAGE_CACHE_SECONDS, 60), 300),
    inactiveDays: positiveInt(env.INACTIVE_DAYS, 30),
    // Jobs select, claim and send this many messages at a time, pausing this long in between
    // (and exports write this often), so a large run never holds the database for long.
    jobBatchSize: positiveInt(env.JOB_BATCH_SIZE, 100),
    jobBatchPauseMs: Number.parseInt(env.JOB_BATCH_PAUSE_MS ?? '', 10) >= 0 ? Number.parseInt(env.JOB_BATCH_PAUSE_MS!, 10) : 0,
  }
}

let config: ReturnType<typeof readServerConfig> | undefined

/** Configuration from the environment (see README), read once per process. */
export function useServerConfig() {
  config ??= readServerConfig()
  return config
}

let secret: Uint8Array | undefined

/** JWT_SECRET, or one generated at first start and kept under the data directory. */
export function useJwtSecret() {
  if (secret) return secret
  const { jwtSecret, dataDir } = useServerConfig()
  let value = jwtSecret
  if (!value) {
    const file = join(dataDir, 'jwt-secret')
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true })
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' })
    }
    value = readFileSync(file, 'utf8').trim()
    console.warn(`[auth] JWT_SECRET is not set: using the secret generated in ${file}`)
  }
  secret = new TextEncoder().encode(value)
  return secret
}
