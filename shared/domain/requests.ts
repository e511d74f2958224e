import { z } from './zod'
import type { RequestStatus, Role } from './enums'
import { RuleError } from './errors'
import { idSchema, pagingSchema, pincodeSchema, addressSchema, timeSchema } from './fields'
import { requestStatuses } from './enums'

/** What can happen to a request after it exists (creating one is not a move). */
export type RequestAction = 'edit' | 'cancel' | 'accept' | 'reject' | 'complete' | 'close' | 'reschedule' | 'release'

type Party = 'customer' | 'professional'

/**
 * The contract's status table, and nothing else: from which statuses each action may start,
 * who may take it, and where it leads.
 */
export const transitions: Record<RequestAction, { from: readonly RequestStatus[], by: Party, to: RequestStatus | 'unchanged' }> = {
  edit: { from: ['requested'], by: 'customer', to: 'requested' },
  cancel: { from: ['requested', 'assigned'], by: 'customer', to: 'cancelled' },
  accept: { from: ['requested'], by: 'professional', to: 'assigned' },
  reject: { from: ['requested'], by: 'professional', to: 'rejected' },
  complete: { from: ['assigned'], by: 'professional', to: 'completed' },
  close: { from: ['assigned', 'completed'], by: 'customer', to: 'closed' },
  reschedule: { from: ['requested', 'assigned'], by: 'customer', to: 'unchanged' },
  release: { from: ['assigned'], by: 'professional', to: 'requested' },
}

export type RequestFacts = { status: RequestStatus, customerId: number, professionalId: number | null, serviceId: number }
export type Actor = { id: number, role: Role, serviceId?: number | null }

/** The request rules' refusal; the same class as every rule's (`RuleError`). */
export { RuleError as RequestRuleError }

/** An open request names no professional: every approved professional of its service may take it. */
export function isOpenFor(request: RequestFacts, actor: Actor) {
  return request.status === 'requested' && request.professionalId === null && actor.serviceId === request.serviceId
}

/** Who may see a request: the admin; its customer; the professional it names; professionals of its service while it is open. */
export function canSeeRequest(request: RequestFacts, actor: Actor) {
  if (actor.role === 'admin') return true
  if (actor.role === 'customer') return request.customerId === actor.id
  return request.professionalId === actor.id || isOpenFor(request, actor)
}

/** Customer contact details go to a professional only once the request is theirs (accepted by them). */
export function canSeeCustomerContact(request: RequestFacts & { acceptedAt: unknown }, actor: Actor) {
  if (actor.role !== 'professional') return canSeeRequest(request, actor)
  return request.professionalId === actor.id && Boolean(request.acceptedAt)
}

const currently = (status: RequestStatus) => `This request is ${status}`

function allowedFromMessage(action: RequestAction, status: RequestStatus) {
  const from = transitions[action].from.join(' or ')
  if (status === 'requested' && action === 'complete') return `${currently(status)}: it must be accepted before it can be completed`
  if (status === 'requested' && action === 'close') return `${currently(status)}: it can be closed only once a professional has taken it`
  if (status === 'assigned' && action === 'accept') return `${currently(status)}: it has already been accepted`
  return `${currently(status)}: only a request that is ${from} can be ${pastTense[action]}`
}

const pastTense: Record<RequestAction, string> = {
  edit: 'edited', cancel: 'cancelled', accept: 'accepted', reject: 'rejected', complete: 'completed', close: 'closed',
  reschedule: 'rescheduled', release: 'released',
}

/**
 * Decides whether `actor` may take `action` on `request`: 404 if they may not even see it,
 * 403 if it is not theirs to take, 409 if its status forbids it. Returns the status it moves to.
 */
export function planTransition(action: RequestAction, request: RequestFacts, actor: Actor): RequestStatus {
  if (!canSeeRequest(request, actor)) {
    // The loser of an accept race no longer sees the request it just saw open: say it is taken.
    if (action === 'accept' && actor.role === 'professional' && actor.serviceId === request.serviceId && request.status !== 'requested') {
      throw new RuleError(409, 'Another professional has already accepted this request')
    }
    throw new RuleError(404, 'No such request')
  }
  const rule = transitions[action]
  if (actor.role !== rule.by) throw new RuleError(403, `Only the ${rule.by} of a request can do this`)
  if (rule.by === 'professional' && action !== 'accept' && request.professionalId !== actor.id) {
    // Visible but open: nobody to reject or complete for yet.
    throw new RuleError(409, action === 'reject'
      ? 'This request is open to every professional of the service: there is nothing to reject, just leave it'
      : `Accept this request before it can be ${pastTense[action]}`)
  }
  if (!rule.from.includes(request.status)) throw new RuleError(409, allowedFromMessage(action, request.status))
  return rule.to === 'unchanged' ? request.status : rule.to
}

/** Actions the actor could take now, for clients that show only the allowed buttons. */
export function allowedActions(request: RequestFacts, actor: Actor): RequestAction[] {
  return (Object.keys(transitions) as RequestAction[]).filter((action) => {
    try {
      planTransition(action, request, actor)
      return true
    }
    catch {
      return false
    }
  })
}

const futureDate = timeSchema
  .refine(date => date.getTime() > Date.now(), 'The date must be in the future')
const remarksSchema = z.string().trim().max(1000, 'Remarks must be at most 1000 characters')

export const requestCreateSchema = z.object({
  serviceId: idSchema,
  professionalId: idSchema.nullish(),
  scheduledFor: futureDate,
  remarks: remarksSchema.default(''),
  address: addressSchema.optional(),
  pincode: pincodeSchema.optional(),
})

export const requestUpdateSchema = z.object({
  scheduledFor: futureDate.optional(),
  remarks: remarksSchema.optional(),
})

export const requestCloseSchema = z.object({
  rating: z.number({ error: 'Rating is a whole number from 1 to 5' }).int('Rating is a whole number from 1 to 5').min(1, 'Rating is a whole number from 1 to 5').max(5, 'Rating is a whole number from 1 to 5'),
  comment: z.string().trim().max(2000, 'Comment must be at most 2000 characters').default(''),
})

export const requestListSchema = pagingSchema.extend({
  status: z.enum(requestStatuses, { error: `Status is one of ${requestStatuses.join(', ')}` }).optional(),
  q: z.string().trim().max(200, 'Search text must be at most 200 characters').optional(),
  // The visit window [scheduledFor, endsAt) overlaps [from, to): a week view asks for its week.
  from: timeSchema.optional(),
  to: timeSchema.optional(),
}).superRefine(({ from, to }, context) => {
  if (from && to && to.getTime() <= from.getTime()) context.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' })
})

export type RequestCreate = z.output<typeof requestCreateSchema>
export type RequestList = z.output<typeof requestListSchema>
