import { z } from 'zod'
import { addressSchema, idSchema, pincodeSchema } from './fields'

// Form-side schemas for the marketplace screens. The catalogue forms use the API's own schemas;
// the request and moderation ones repeat the rules of domain/requests.ts and domain/moderation.ts,
// because those import db/schema and would ship drizzle to the browser. Date fields here take the
// `datetime-local` text a person types, which the form turns into the ISO time the API reads.
export { categorySchema as categoryFormSchema, serviceCreateSchema as serviceFormSchema } from './catalogue'
export { DOCUMENT_MAX_BYTES } from './professionals'

const remarksSchema = z.string().trim().max(1000, 'Remarks must be at most 1000 characters')

/** A `datetime-local` value, read as India Standard Time, that lies in the future. */
export const scheduleInputSchema = z.string()
  .min(1, 'Choose a date and time')
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose a date and time')
  .refine(value => new Date(`${value}:00+05:30`).getTime() > Date.now(), 'Choose a time in the future')

export const bookingFormSchema = z.object({
  professionalId: idSchema.nullable().optional(),
  scheduledFor: scheduleInputSchema,
  remarks: remarksSchema.optional(),
  address: addressSchema,
  pincode: pincodeSchema,
})

export const requestEditFormSchema = z.object({
  scheduledFor: scheduleInputSchema,
  remarks: remarksSchema.optional(),
})

export const reviewFormSchema = z.object({
  rating: z.number({ error: 'Choose a rating from 1 to 5 stars' }).int().min(1, 'Choose a rating from 1 to 5 stars').max(5),
  comment: z.string().trim().max(2000, 'Comment must be at most 2000 characters').optional(),
})

export const reasonFormSchema = z.object({
  reason: z.string().trim().max(500, 'Reason must be at most 500 characters').optional(),
})

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
