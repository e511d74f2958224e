import { z } from './zod'
import { RuleError } from './errors'
import { displayNameSchema, idSchema, pagingSchema, pincodeSchema } from './fields'
import { hasAtMostTwoDecimals } from './money'

export const serviceSearchSchema = pagingSchema.extend({
  q: z.string().max(200, 'Search text must be at most 200 characters').optional(),
  categoryId: idSchema.optional(),
  pincode: pincodeSchema.optional(),
  // Admin only: also list deactivated services (for the catalogue management screen).
  includeInactive: z.enum(['true', 'false', '1', '0']).transform(value => value === 'true' || value === '1').optional(),
})

export const categorySchema = z.object({
  name: displayNameSchema(80),
})

export const basePriceSchema = z.number({ error: 'Base price must be a number of rupees' })
  .min(0, 'Base price cannot be negative')
  .max(10_000_000, 'Base price must be at most 1,00,00,000 rupees')
  .refine(hasAtMostTwoDecimals, 'Base price has at most two decimals (paise)')

export const serviceCreateSchema = z.object({
  name: displayNameSchema(120),
  description: z.string().trim().max(2000, 'Description must be at most 2000 characters').default(''),
  basePrice: basePriceSchema,
  timeRequiredMinutes: z.number({ error: 'Time required is a whole number of minutes' }).int('Time required is a whole number of minutes')
    .min(1, 'Time required must be at least 1 minute').max(7 * 24 * 60, 'Time required must be at most a week'),
  categoryId: idSchema,
})

export const serviceUpdateSchema = serviceCreateSchema.partial().extend({
  description: z.string().trim().max(2000, 'Description must be at most 2000 characters').optional(),
  // Lets the admin bring a deactivated service back.
  active: z.boolean({ error: 'Active is true or false' }).optional(),
})

export type ServiceInput = z.output<typeof serviceCreateSchema>
export type ServiceChanges = z.output<typeof serviceUpdateSchema>

/** A service nobody used is removed; one with requests or professionals is deactivated, so history keeps it. */
export function planServiceRemoval(service: { used: boolean } | null): 'delete' | 'deactivate' {
  if (!service) throw new RuleError(404, 'No such service')
  return service.used ? 'deactivate' : 'delete'
}

/** A category still holding services (active or not) stays: its services would lose their home. */
export function planCategoryRemoval(category: { hasServices: boolean } | null): 'delete' {
  if (!category) throw new RuleError(404, 'No such category')
  if (category.hasServices) throw new RuleError(409, 'This category still has services: move or delete them first')
  return 'delete'
}
