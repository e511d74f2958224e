import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'

function positiveInt(value: string | undefined, fallback: number) {
  const parsed = Number.parseInt(value ?? '', 10)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
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
    // Only behind a reverse proxy: take the client address from X-Forwarded-For.
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    loginLimits: {
      windowSeconds: positiveInt(env.LOGIN_WINDOW_SECONDS, 15 * 60),
      perAccount: positiveInt(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, 5),
      perAddress: positiveInt(env.LOGIN_MAX_FAILURES_PER_ADDRESS, 30),
    },
    resendApiKey: env.RESEND_API_KEY || undefined,
    mailFrom: env.MAIL_FROM || 'Household Services <no-reply@household.local>',
    googleChatWebhookUrl: env.GOOGLE_CHAT_WEBHOOK_URL || undefined,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ''),
    scheduler: env.SCHEDULER !== 'off',
    crons: {
      dailyReminders: env.REMINDER_CRON || '0 18 * * *',
      monthlyReport: env.REPORT_CRON || '0 6 1 * *',
      inactiveReminders: env.INACTIVE_CRON || '0 10 * * *',
    },
    inactiveDays: positiveInt(env.INACTIVE_DAYS, 30),
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
