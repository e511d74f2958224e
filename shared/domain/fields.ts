import { z } from './zod'

// Field rules shared by the API handlers and the forms that post to them.

/**
 * A whole number written in decimal digits (a JSON number, or a string of digits from a path or a
 * query) within [min, max]. `0x1`, `1e0`, `+1`, `1.5`, `true` and `[1]` are refused rather than
 * read as 1, which `z.coerce.number()` would do.
 */
export function wholeNumberSchema(min: number, max: number, message: string) {
  return z.union([z.number(), z.string()], { error: message }).transform((value, context) => {
    const number = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      context.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return number
  })
}

export const idSchema = wholeNumberSchema(1, Number.MAX_SAFE_INTEGER, 'Must be a positive whole number in decimal digits')
export const idParam = z.object({ id: idSchema })

export const MAX_YEAR = 2100
const TIME_FORMAT = 'Give an ISO 8601 time with its zone, e.g. 2026-12-01T10:00:00Z'
const yearWithinRange = (value: string) => Number(value.slice(0, 4)) <= MAX_YEAR && new Date(value).getUTCFullYear() <= MAX_YEAR

/**
 * The one way a time comes in: ISO 8601 with `Z` or `±hh:mm`, a real calendar date (zod checks the
 * days of each month and leap years), a year up to 2100. Anything else is refused, never moved.
 */
export const timeTextSchema = z.iso.datetime({ offset: true, error: TIME_FORMAT })
  .refine(yearWithinRange, `The year must be at most ${MAX_YEAR}`)
export const timeSchema = timeTextSchema.transform(value => new Date(value))

/** A calendar day `YYYY-MM-DD` that exists, up to 2100. */
export const calendarDateSchema = z.iso.date({ error: 'Give a real calendar date as YYYY-MM-DD' })
  .refine(yearWithinRange, `The year must be at most ${MAX_YEAR}`)

// C0/C1 controls (NUL, line breaks…) and the marks that reorder text (U+202E shows "exe.txt" as "txt.exe").
const CONTROL_OR_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u
export const hasControlCharacters = (value: string) => CONTROL_OR_BIDI.test(value)

/** A one-line display text (names): trimmed, 1..max characters, no control or direction characters. */
export function displayNameSchema(max: number, label = 'Name') {
  return z.string().trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`)
    .refine(value => !hasControlCharacters(value), `${label} cannot contain control or text-direction characters`)
}

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'Enter a valid email address' }))
export const passwordSchema = z.string()
  .min(8, 'Password must be at least 8 characters')
  .max(128, 'Password must be at most 128 characters')
export const nameSchema = displayNameSchema(100)
export const phoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{6,18}[0-9]$/, 'Enter a phone number of 8 to 20 digits')
export const addressSchema = z.string().trim().min(1, 'Address is required').max(300, 'Address must be at most 300 characters')
export const pincodeSchema = z.string().trim().regex(/^\d{6}$/, 'Pincode must be exactly 6 digits')

export const pagingSchema = z.object({
  page: wholeNumberSchema(1, 1_000_000, 'Page is a whole number from 1').default(1),
  pageSize: wholeNumberSchema(1, 100, 'Page size is a whole number from 1 to 100').default(20),
})

export type FieldIssue = { path: string, message: string }

/** Zod issues in the contract's shape: one entry per field, dotted paths. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>()
  const issues: FieldIssue[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body'
    if (seen.has(path)) continue
    seen.add(path)
    issues.push({ path, message: issue.message })
  }
  return issues
}
