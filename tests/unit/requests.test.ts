import { describe, expect, it } from 'vitest'
import { requestStatuses, type RequestStatus } from '../../db/schema'
import { RequestRuleError, allowedActions, canSeeCustomerContact, canSeeRequest, planTransition, transitions, type Actor, type RequestAction } from '../../shared/domain/requests'

const customer: Actor = { id: 1, role: 'customer' }
const otherCustomer: Actor = { id: 2, role: 'customer' }
const named: Actor = { id: 10, role: 'professional', serviceId: 5 }
const colleague: Actor = { id: 11, role: 'professional', serviceId: 5 }
const otherService: Actor = { id: 12, role: 'professional', serviceId: 6 }
const admin: Actor = { id: 99, role: 'admin' }

const request = (status: RequestStatus, professionalId: number | null = 10) => ({ status, customerId: 1, professionalId, serviceId: 5 })

function outcome(action: RequestAction, status: RequestStatus, actor: Actor, professionalId: number | null = 10) {
  try {
    return planTransition(action, request(status, professionalId), actor)
  }
  catch (error) {
    expect(error).toBeInstanceOf(RequestRuleError)
    return (error as RequestRuleError).statusCode
  }
}

// The contract's table, written out independently of the module under test.
const legal: [RequestAction, RequestStatus, RequestStatus][] = [
  ['edit', 'requested', 'requested'],
  ['cancel', 'requested', 'cancelled'], ['cancel', 'assigned', 'cancelled'],
  ['accept', 'requested', 'assigned'],
  ['reject', 'requested', 'rejected'],
  ['complete', 'assigned', 'completed'],
  ['close', 'assigned', 'closed'], ['close', 'completed', 'closed'],
  ['reschedule', 'requested', 'requested'], ['reschedule', 'assigned', 'assigned'],
  ['release', 'assigned', 'requested'],
]
const partyOf: Record<RequestAction, Actor> = {
  edit: customer, cancel: customer, close: customer, reschedule: customer, accept: named, reject: named, complete: named, release: named,
}
const actions = Object.keys(transitions) as RequestAction[]

describe('request status table', () => {
  it.each(legal)('%s from %s leads to %s for the right party', (action, from, to) => {
    expect(outcome(action, from, partyOf[action])).toBe(to)
  })

  const illegal = actions.flatMap(action => requestStatuses
    .filter(status => !legal.some(([a, from]) => a === action && from === status))
    .map(status => [action, status] as const))

  it.each(illegal)('%s from %s is a 409 with a reason', (action, status) => {
    let thrown: unknown
    try {
      planTransition(action, request(status), partyOf[action])
    }
    catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RequestRuleError)
    expect((thrown as RequestRuleError).statusCode).toBe(409)
    expect((thrown as RequestRuleError).message).toMatch(new RegExp(`This request is ${status}`))
  })

  it('covers every action and status pair exactly once', () => {
    expect(legal.length + illegal.length).toBe(actions.length * requestStatuses.length)
  })
})

describe('who may move a request', () => {
  it('lets any professional of the service accept an open request, but not one of another service', () => {
    expect(outcome('accept', 'requested', colleague, null)).toBe('assigned')
    expect(outcome('accept', 'requested', named, null)).toBe('assigned')
    expect(outcome('accept', 'requested', otherService, null)).toBe(404)
  })

  it('keeps a named request to the named professional', () => {
    expect(outcome('accept', 'requested', colleague)).toBe(404)
    expect(outcome('reject', 'requested', colleague)).toBe(404)
    expect(outcome('complete', 'assigned', colleague)).toBe(404)
  })

  it('tells the loser of an accept race that the request is taken (409), not that it vanished', () => {
    expect(outcome('accept', 'assigned', colleague)).toBe(409)
    expect(outcome('accept', 'assigned', otherService)).toBe(404)
  })

  it('has nothing to reject or complete on an open request', () => {
    expect(outcome('reject', 'requested', colleague, null)).toBe(409)
    expect(outcome('complete', 'requested', colleague, null)).toBe(409)
  })

  it('answers 404 to another customer and 403 to a party without that role', () => {
    for (const action of actions) expect(outcome(action, 'requested', otherCustomer)).toBe(404)
    expect(outcome('accept', 'requested', customer)).toBe(403)
    expect(outcome('cancel', 'requested', named)).toBe(403)
    expect(outcome('close', 'assigned', named)).toBe(403)
    for (const action of actions) expect(outcome(action, 'requested', admin)).toBe(403)
  })

  it('lists the allowed actions for each party', () => {
    expect(allowedActions(request('requested'), customer)).toEqual(['edit', 'cancel', 'reschedule'])
    expect(allowedActions(request('requested'), named)).toEqual(['accept', 'reject'])
    expect(allowedActions(request('assigned'), named)).toEqual(['complete', 'release'])
    expect(allowedActions(request('completed'), customer)).toEqual(['close'])
    expect(allowedActions(request('closed'), customer)).toEqual([])
  })
})

describe('who may see a request and its contact details', () => {
  it('shows a request to its customer, its professional, open ones to the service, and all to the admin', () => {
    expect(canSeeRequest(request('requested'), customer)).toBe(true)
    expect(canSeeRequest(request('requested'), otherCustomer)).toBe(false)
    expect(canSeeRequest(request('closed'), named)).toBe(true)
    expect(canSeeRequest(request('requested', null), colleague)).toBe(true)
    expect(canSeeRequest(request('cancelled', null), colleague)).toBe(false)
    expect(canSeeRequest(request('requested', null), otherService)).toBe(false)
    expect(canSeeRequest(request('requested'), admin)).toBe(true)
  })

  it('gives a professional the customer contact only once they accepted', () => {
    expect(canSeeCustomerContact({ ...request('requested'), acceptedAt: null }, named)).toBe(false)
    expect(canSeeCustomerContact({ ...request('assigned'), acceptedAt: 1 }, named)).toBe(true)
    expect(canSeeCustomerContact({ ...request('assigned'), acceptedAt: 1 }, colleague)).toBe(false)
    expect(canSeeCustomerContact({ ...request('requested'), acceptedAt: null }, customer)).toBe(true)
  })
})
