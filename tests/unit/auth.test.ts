import { describe, expect, it } from 'vitest'
import argon2 from 'argon2'
import { loginSchema, registrationSchema } from '../../shared/domain/auth'
import { toFieldIssues } from '../../shared/domain/fields'
import { hashPassword, verifyPassword } from '../../server/utils/password'

const customer = { role: 'customer', email: ' Asha@Example.COM ', password: 'long enough', name: ' Asha ', phone: '+91 98450 12345', address: '12 MG Road', pincode: '560001' }

describe('password hashing', () => {
  it('uses argon2id with at least the OWASP minimum (19 MiB, t=2, p=1)', async () => {
    const hash = await hashPassword('correct horse')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
    expect(argon2.needsRehash(hash, { memoryCost: 19456, timeCost: 2, parallelism: 1 })).toBe(false)
  })

  it('verifies the right password only, and salts every hash', async () => {
    const hash = await hashPassword('correct horse')
    expect(await verifyPassword(hash, 'correct horse')).toBe(true)
    expect(await verifyPassword(hash, 'Correct horse')).toBe(false)
    expect(await hashPassword('correct horse')).not.toBe(hash)
  })

  it('answers false without a stored hash, and for a corrupt one, without throwing', async () => {
    expect(await verifyPassword(undefined, 'anything')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false)
  })
})

describe('registration schema', () => {
  it('normalises email and trims text', () => {
    const parsed = registrationSchema.parse(customer)
    expect(parsed.email).toBe('asha@example.com')
    expect(parsed.name).toBe('Asha')
  })

  it('requires the professional fields only of professionals', () => {
    expect(registrationSchema.safeParse(customer).success).toBe(true)
    const professional = registrationSchema.safeParse({ ...customer, role: 'professional' })
    expect(professional.success).toBe(false)
    expect(toFieldIssues(professional.error!).map(issue => issue.path)).toEqual(['serviceId', 'experienceYears'])
    expect(registrationSchema.safeParse({ ...customer, role: 'professional', serviceId: 3, experienceYears: 2 }).success).toBe(true)
  })

  it('never accepts the admin role', () => {
    const result = registrationSchema.safeParse({ ...customer, role: 'admin' })
    expect(result.success).toBe(false)
    expect(toFieldIssues(result.error!)).toEqual([{ path: 'role', message: 'Role must be "customer" or "professional"' }])
  })

  it.each([
    ['pincode', '5600011'], ['pincode', '56OO01'], ['phone', '12'], ['email', 'asha@'], ['password', 'x'.repeat(129)],
  ])('rejects a bad %s (%s)', (field, value) => {
    const result = registrationSchema.safeParse({ ...customer, [field]: value })
    expect(result.success).toBe(false)
    expect(toFieldIssues(result.error!).map(issue => issue.path)).toEqual([field])
  })

  it('requires both login fields', () => {
    const result = loginSchema.safeParse({})
    expect(toFieldIssues(result.error!).map(issue => issue.path)).toEqual(['email', 'password'])
  })
})
