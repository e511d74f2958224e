import { z } from './zod'
import { addressSchema, idSchema, pincodeSchema } from './fields'

// Form-side schemas for the marketplace screens. Date fields here take the `datetime-local` text a
// person types, which the form turns into the ISO time the API reads; booking times come from slots.
export { categorySchema as categoryFormSchema, serviceCreateSchema as serviceFormSchema } from './catalogue'
export { DOCUMENT_MAX_BYTES } from './professionals'

const remarksSchema = z.string().trim().max(1000, 'Remarks must be at most 1000 characters')

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`, read in the platform's zone), as the time-off form takes it. */
export const localDateTimeSchema = z.string()
  .min(1, 'Choose a date and time')
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose a date and time')

/** A time is chosen from the free slots the server lists, never typed: the form only checks one was chosen. */
const chosenSlotSchema = z.string({ error: 'Choose a free time' }).min(1, 'Choose a free time')

export const bookingFormSchema = z.object({
  professionalId: idSchema.nullable().optional(),
  scheduledFor: chosenSlotSchema,
  remarks: remarksSchema.optional(),
  address: addressSchema,
  pincode: pincodeSchema,
})

export const rescheduleFormSchema = z.object({ scheduledFor: chosenSlotSchema })

export const requestEditFormSchema = z.object({
  remarks: remarksSchema.optional(),
})

export const timeOffFormSchema = z.object({
  from: localDateTimeSchema,
  to: localDateTimeSchema,
  reason: z.string().trim().max(200, 'Reason must be at most 200 characters').optional(),
}).refine(value => value.from < value.to, { path: ['to'], message: 'The end must be after the start' })

export const reviewFormSchema = z.object({
  rating: z.number({ error: 'Choose a rating from 1 to 5 stars' }).int().min(1, 'Choose a rating from 1 to 5 stars').max(5),
  comment: z.string().trim().max(2000, 'Comment must be at most 2000 characters').optional(),
})

export const reasonFormSchema = z.object({
  reason: z.string().trim().max(500, 'Reason must be at most 500 characters').optional(),
})

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
