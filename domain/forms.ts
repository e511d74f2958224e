import { z } from 'zod'
import { hasAtMostTwoDecimals } from './money'
import { addressSchema, idSchema, pincodeSchema } from './fields'

// Form-side schemas for the marketplace screens. They follow the field rules of the API
// (shared/API.md) and the shared field schemas, so the browser says what the server would.

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
  comment: z.string().trim().max(1000, 'Comment must be at most 1000 characters').optional(),
})

export const categoryFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(80, 'Name must be at most 80 characters'),
})

export const serviceFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120, 'Name must be at most 120 characters'),
  description: z.string().trim().max(2000, 'Description must be at most 2000 characters'),
  basePrice: z.number({ error: 'Enter a price in rupees' }).min(0, 'Price cannot be negative').max(10_000_000).refine(hasAtMostTwoDecimals, 'At most two decimals'),
  timeRequiredMinutes: z.number({ error: 'Enter the time in minutes' }).int('Whole minutes').min(1, 'At least 1 minute').max(24 * 60, 'At most 24 hours'),
  categoryId: idSchema,
})

export const reasonFormSchema = z.object({
  reason: z.string().trim().max(500, 'Reason must be at most 500 characters').optional(),
})

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
