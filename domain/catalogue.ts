import { z } from 'zod'
import { idSchema, pagingSchema, pincodeSchema } from './fields'
import { hasAtMostTwoDecimals } from './money'

export const serviceSearchSchema = pagingSchema.extend({
  q: z.string().max(200, 'Search text must be at most 200 characters').optional(),
  categoryId: idSchema.optional(),
  pincode: pincodeSchema.optional(),
  // Admin only: also list deactivated services (for the catalogue management screen).
  includeInactive: z.enum(['true', 'false', '1', '0']).transform(value => value === 'true' || value === '1').optional(),
})

export const categorySchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(80, 'Name must be at most 80 characters'),
})

export const basePriceSchema = z.number({ error: 'Base price must be a number of rupees' })
  .min(0, 'Base price cannot be negative')
  .max(10_000_000, 'Base price must be at most 1,00,00,000 rupees')
  .refine(hasAtMostTwoDecimals, 'Base price has at most two decimals (paise)')

export const serviceCreateSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120, 'Name must be at most 120 characters'),
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
