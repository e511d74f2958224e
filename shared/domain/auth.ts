import { z } from './zod'
import { addressSchema, emailSchema, idSchema, nameSchema, passwordSchema, phoneSchema, pincodeSchema, wholeNumberSchema } from './fields'

const accountFields = {
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  phone: phoneSchema,
  address: addressSchema,
  pincode: pincodeSchema,
}

export const customerRegistrationSchema = z.object({
  role: z.literal('customer'),
  ...accountFields,
})

export const professionalRegistrationSchema = z.object({
  role: z.literal('professional'),
  ...accountFields,
  serviceId: idSchema,
  experienceYears: wholeNumberSchema(0, 70, 'Experience is a whole number of years from 0 to 70'),
  description: z.string().trim().max(2000, 'Description must be at most 2000 characters').default(''),
})

// The admin is created from the environment only: role "admin" is not a valid option here.
export const registrationSchema = z.discriminatedUnion('role', [customerRegistrationSchema, professionalRegistrationSchema], {
  error: 'Role must be "customer" or "professional"',
})

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Password is required').max(1024),
})

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Current password is required').max(1024),
  newPassword: passwordSchema,
})

export type Registration = z.infer<typeof registrationSchema>
