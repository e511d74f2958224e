import { z } from './zod'
import { approvalStates, roles, userStatuses, type ApprovalState, type Role } from './enums'
import { RuleError } from './errors'
import { pagingSchema } from './fields'

export const blockSchema = z.object({
  reason: z.string().trim().max(500, 'Reason must be at most 500 characters').optional(),
})

/** Approve and reject take the same optional reason as block. */
export const approvalDecisionSchema = blockSchema

export const userListSchema = pagingSchema.extend({
  role: z.enum(roles, { error: `Role is one of ${roles.join(', ')}` }).optional(),
  status: z.enum(userStatuses, { error: `Status is one of ${userStatuses.join(', ')}` }).optional(),
  approval: z.enum(approvalStates, { error: `Approval is one of ${approvalStates.join(', ')}` }).optional(),
  q: z.string().trim().max(200, 'Search text must be at most 200 characters').optional(),
})

export type UserList = z.output<typeof userListSchema>

type Account = { id: number, role: Role }

/** What else happens when a user is blocked; the block itself revokes every token they hold. */
export type BlockPlan = {
  /** A professional's requested and assigned requests return to the pool. */
  releaseRequests: boolean
  /** A customer's requested and assigned requests are cancelled: nobody should visit a blocked account. */
  cancelRequests: boolean
  /** A professional leaves listings and search. */
  refreshListings: boolean
}

/** Whether the admin may block `target`, and what follows: 404 no such user, 409 themself or the admin. */
export function planBlock(admin: Pick<Account, 'id'>, target: Account | null): BlockPlan {
  if (target?.id === admin.id) throw new RuleError(409, 'You cannot block your own account')
  if (!target) throw new RuleError(404, 'No such user')
  if (target.role === 'admin') throw new RuleError(409, 'The admin account cannot be blocked')
  return { releaseRequests: target.role === 'professional', cancelRequests: target.role === 'customer', refreshListings: target.role === 'professional' }
}

/** Unblocking brings a professional back to the listings. */
export function planUnblock(target: Account | null) {
  if (!target) throw new RuleError(404, 'No such user')
  return { refreshListings: target.role === 'professional' }
}

export type ApprovalDecision = Exclude<ApprovalState, 'pending'>

/** The states each decision may start from: a rejected professional can be approved later, an approval withdrawn. */
const decidableFrom: Record<ApprovalDecision, ApprovalState[]> = { approved: ['pending', 'rejected'], rejected: ['pending', 'approved'] }

/**
 * The admin's decision on a professional: 404 no such user, 409 not a professional or already so.
 * Says from which states the change may happen (for the conditional update), whether their requests
 * return to the pool, and what they are told.
 */
export function planApproval(target: Account | null, current: ApprovalState | null, decision: ApprovalDecision, reason?: string) {
  if (!target) throw new RuleError(404, 'No such user')
  if (target.role !== 'professional') throw new RuleError(409, 'Only professionals are approved or rejected')
  if (current === decision) throw new RuleError(409, `This professional is already ${decision}`)
  const verdict = decision === 'approved' ? 'Your registration was approved: you can now take requests' : 'Your registration was not approved'
  return {
    from: decidableFrom[decision],
    releaseRequests: decision === 'rejected',
    notice: reason ? `${verdict}. ${reason}` : verdict,
  }
}
