import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { apiClient } from '../support/api'
import { startServer, type RunningServer } from '../support/processes'
import { ADMIN_PASSWORD } from '../support/constants'
import { adminLogin, client, newCustomer, newProfessional, newService, tomorrow, uniqueWord } from '../support/market'

// A second server on the same SQLite file and Redis, as a second instance behind a load balancer.
let second: RunningServer
let other: ReturnType<typeof apiClient>

beforeAll(async () => {
  second = await startServer({ DATABASE_PATH: inject('databasePath'), DATA_DIR: inject('dataDir'), REDIS_URL: inject('redisUrl'), ADMIN_PASSWORD, TRUST_PROXY: '1' })
  other = apiClient(second.url)
})
afterAll(() => second?.stop())

describe('two instances', () => {
  it('show a catalogue write made on one instance at once on the other, despite its in-process cache', async () => {
    const word = uniqueWord()
    const service = await newService({ name: `${word} descaling` })
    const search = () => other.get(`/api/services?q=${word}`)
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
        other.post(`/api/requests/${request.id}/accept`, {}, { token: secondPro.token }),
      ])
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
    }
  })
})
