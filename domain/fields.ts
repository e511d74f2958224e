import { z } from 'zod'

// Field rules shared by the API handlers and the forms that post to them.

export const idSchema = z.coerce.number().int().positive()
export const idParam = z.object({ id: idSchema })

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'Enter a valid email address' }))
export const passwordSchema = z.string()
  .min(8, 'Password must be at least 8 characters')
  .max(128, 'Password must be at most 128 characters')
export const nameSchema = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters')
export const phoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{6,18}[0-9]$/, 'Enter a phone number of 8 to 20 digits')
export const addressSchema = z.string().trim().min(1, 'Address is required').max(300, 'Address must be at most 300 characters')
export const pincodeSchema = z.string().trim().regex(/^\d{6}$/, 'Pincode must be exactly 6 digits')

export const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
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
