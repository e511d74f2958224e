import { z } from 'zod'
import { idSchema, pagingSchema, pincodeSchema } from './fields'

export const serviceSearchSchema = pagingSchema.extend({
  q: z.string().max(200, 'Search text must be at most 200 characters').optional(),
  categoryId: idSchema.optional(),
  pincode: pincodeSchema.optional(),
})
