import { z } from './zod'
import type { ApprovalState, Role, UserStatus } from './enums'
import { addressSchema, nameSchema, phoneSchema, pincodeSchema } from './fields'

export type ProfessionalFacts = { user: { role: Role, status: UserStatus }, profile: { approval: ApprovalState, serviceId: number } | null | undefined }

/**
 * Eligibility: an approved, active professional. Only they are listed (search, service page, public
 * profile), can be booked, are told of open requests and see the open requests of their service.
 */
export function isListedProfessional({ user, profile }: ProfessionalFacts) {
  return user.role === 'professional' && user.status === 'active' && profile?.approval === 'approved'
}

/** The service whose open requests a professional sees and may accept: theirs once listed, none before. */
export function openRequestsServiceOf(facts: ProfessionalFacts) {
  return isListedProfessional(facts) ? facts.profile!.serviceId : null
}

export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024

export const documentTypes = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
} as const

export type DocumentMime = keyof typeof documentTypes

/** The media type a file really is, read from its first bytes; the name and declared type are not trusted. */
export function detectDocumentType(bytes: Uint8Array): DocumentMime | null {
  const starts = (signature: number[]) => bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2D])) return 'application/pdf' // %PDF-
  if (starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return 'image/png'
  if (starts([0xFF, 0xD8, 0xFF])) return 'image/jpeg'
  return null
}

/** What a signed-in user may change about themselves; professionals also their experience and description. */
export const profileEditSchema = z.object({
  name: nameSchema.optional(),
  phone: phoneSchema.optional(),
  address: addressSchema.optional(),
  pincode: pincodeSchema.optional(),
  experienceYears: z.number({ error: 'Experience is a whole number of years' }).int('Experience is a whole number of years').min(0).max(70).optional(),
  description: z.string().trim().max(2000, 'Description must be at most 2000 characters').optional(),
})

export type ProfileEdit = z.output<typeof profileEditSchema>
