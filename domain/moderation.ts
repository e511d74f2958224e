import { z } from 'zod'
import { approvalStates, roles, userStatuses } from '../db/schema'
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
