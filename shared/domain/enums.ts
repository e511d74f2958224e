// The statuses of the domain, shared by the database schema, the API and the pages.
export const roles = ['admin', 'customer', 'professional'] as const
export const userStatuses = ['active', 'blocked'] as const
export const approvalStates = ['pending', 'approved', 'rejected'] as const
export const requestStatuses = ['requested', 'assigned', 'completed', 'closed', 'rejected', 'cancelled'] as const
export const runStatuses = ['queued', 'running', 'done', 'failed'] as const
export const cancellationParties = ['customer', 'professional', 'admin'] as const

export type Role = typeof roles[number]
export type UserStatus = typeof userStatuses[number]
export type ApprovalState = typeof approvalStates[number]
export type RequestStatus = typeof requestStatuses[number]
export type RunStatus = typeof runStatuses[number]
export type CancellationParty = typeof cancellationParties[number]
