import { describe, expect, it } from 'vitest'
import { planCategoryRemoval, planServiceRemoval } from '../../shared/domain/catalogue'
import { RuleError } from '../../shared/domain/errors'
import { planApproval, planBlock, planUnblock } from '../../shared/domain/moderation'

const admin = { id: 1, role: 'admin' as const }
const customer = { id: 2, role: 'customer' as const }
const professional = { id: 3, role: 'professional' as const }

/** The status code a plan refuses with, or its decision. */
function outcome<T>(plan: () => T): T | number {
  try {
    return plan()
  }
  catch (error) {
    expect(error).toBeInstanceOf(RuleError)
    return (error as RuleError).statusCode
  }
}

describe('blocking', () => {
  it('returns a professional\'s requests to the pool and takes them out of the listings', () => {
    expect(planBlock(admin, professional)).toEqual({ releaseRequests: true, cancelRequests: false, refreshListings: true })
  })

  it('cancels a customer\'s requests and leaves the listings alone', () => {
    expect(planBlock(admin, customer)).toEqual({ releaseRequests: false, cancelRequests: true, refreshListings: false })
  })

  it('refuses the admin account and the admin\'s own account (409), and a missing user (404)', () => {
    expect(outcome(() => planBlock(admin, admin))).toBe(409)
    expect(outcome(() => planBlock(admin, { id: 9, role: 'admin' }))).toBe(409)
    expect(outcome(() => planBlock(admin, null))).toBe(404)
    expect(() => planBlock(admin, admin)).toThrow('You cannot block your own account')
  })

  it('unblocking brings only professionals back to the listings', () => {
    expect(planUnblock(professional)).toEqual({ refreshListings: true })
    expect(planUnblock(customer)).toEqual({ refreshListings: false })
    expect(outcome(() => planUnblock(null))).toBe(404)
  })
})

describe('approval', () => {
  it('approves a pending or rejected professional, and tells them with the reason', () => {
    const plan = planApproval(professional, 'pending', 'approved', 'Documents checked')
    expect(plan).toEqual({ from: ['pending', 'rejected'], releaseRequests: false, notice: 'Your registration was approved: you can now take requests. Documents checked' })
    expect(outcome(() => planApproval(professional, 'rejected', 'approved'))).toMatchObject({ releaseRequests: false })
  })

  it('rejecting (or withdrawing an approval) returns their requests to the pool', () => {
    expect(planApproval(professional, 'approved', 'rejected')).toEqual({ from: ['pending', 'approved'], releaseRequests: true, notice: 'Your registration was not approved' })
  })

  it('deciding the same way twice is a 409, as is deciding on a non-professional; a missing user is a 404', () => {
    expect(outcome(() => planApproval(professional, 'approved', 'approved'))).toBe(409)
    expect(outcome(() => planApproval(professional, 'rejected', 'rejected'))).toBe(409)
    expect(outcome(() => planApproval(customer, null, 'approved'))).toBe(409)
    expect(outcome(() => planApproval(null, null, 'rejected'))).toBe(404)
  })
})

describe('catalogue removal', () => {
  it('deletes a service nobody used and deactivates one with requests or professionals', () => {
    expect(planServiceRemoval({ used: false })).toBe('delete')
    expect(planServiceRemoval({ used: true })).toBe('deactivate')
    expect(outcome(() => planServiceRemoval(null))).toBe(404)
  })

  it('keeps a category that still has services (409)', () => {
    expect(planCategoryRemoval({ hasServices: false })).toBe('delete')
    expect(outcome(() => planCategoryRemoval({ hasServices: true }))).toBe(409)
    expect(outcome(() => planCategoryRemoval(null))).toBe(404)
  })
})
