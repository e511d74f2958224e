import { describe, expect, it } from 'vitest'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow, uniqueWord, useSecondInstance } from '../support/market'

const second = useSecondInstance()

describe('two instances', () => {
  it('show a catalogue write made on one instance at once on the other, despite its in-process cache', async () => {
    const word = uniqueWord()
    const service = await newService({ name: `${word} descaling` })
    const search = () => second.client.get(`/api/services?q=${word}`)
    expect((await search()).body.total).toBe(1)
    expect((await search()).body.total).toBe(1) // now in the second instance's in-process layer
    await client.patch(`/api/services/${service.id}`, { name: 'Something else entirely' }, { token: await adminLogin() })
    expect((await search()).body.total).toBe(0)
  })

  it('give an open request to exactly one professional when the accepts reach different instances', async () => {
    const service = await newService()
    const [customer, first, secondPro] = await Promise.all([newCustomer(), newProfessional(service.id), newProfessional(service.id)])
    for (let round = 0; round < 5; round++) {
      const request = (await client.post('/api/requests', { serviceId: service.id, scheduledFor: tomorrow() }, { token: customer.token })).body.request
      const answers = await Promise.all([
        client.post(`/api/requests/${request.id}/accept`, {}, { token: first.token }),
        second.client.post(`/api/requests/${request.id}/accept`, {}, { token: secondPro.token }),
      ])
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
    }
  })

  it('let exactly one of two bookings of one professional\'s slot through when they reach different instances', async () => {
    const service = await newService()
    const [pro, first, secondCustomer] = await Promise.all([newProfessional(service.id), newCustomer(), newCustomer()])
    for (let round = 0; round < 5; round++) {
      const body = { serviceId: service.id, professionalId: pro.user.id, scheduledFor: tomorrow(2) }
      const answers = await Promise.all([
        client.post('/api/requests', body, { token: first.token }),
        second.client.post('/api/requests', body, { token: secondCustomer.token }),
      ])
      expect(answers.map(answer => answer.status).sort()).toEqual([201, 409])
    }
  })

  it('let one professional accept only one of two overlapping open requests across instances', async () => {
    const service = await newService()
    const [pro, customer] = await Promise.all([newProfessional(service.id), newCustomer()])
    for (let round = 0; round < 5; round++) {
      const start = tomorrow(3)
      const requests = await Promise.all([0, 30].map(async minutes => (await client.post('/api/requests', {
        serviceId: service.id, scheduledFor: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
      }, { token: customer.token })).body.request))
      const answers = await Promise.all([
        client.post(`/api/requests/${requests[0].id}/accept`, {}, { token: pro.token }),
        second.client.post(`/api/requests/${requests[1].id}/accept`, {}, { token: pro.token }),
      ])
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
    }
  })
})
