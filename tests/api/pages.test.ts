import { request as httpRequest } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { apiClient } from '../support/api'
import { ADMIN_PASSWORD } from '../support/constants'
import { adminLogin, client, newCustomer, newService, uniqueWord, useSecondInstance } from '../support/market'
import { startServer, type RunningServer } from '../support/processes'

const second = useSecondInstance()

const scriptNonces = (html: string) => new Set([...html.matchAll(/<script\b[^>]*\bnonce="([^"]+)"/g)].map(match => match[1]))
const policyNonce = (headers: Headers) => /'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1]

/** A raw HTTP GET (fetch would decode the body itself): the bytes as sent, and the headers. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }>((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', chunk => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject).end()
  })
}

describe('the page cache of anonymous pages', () => {
  let shortLived: RunningServer | undefined
  afterAll(() => shortLived?.stop())

  it('lets a stored page age out after PAGE_CACHE_SECONDS, so what no catalogue write announces shows in time', async () => {
    shortLived = await startServer({ DATABASE_PATH: inject('databasePath'), DATA_DIR: inject('dataDir'), REDIS_URL: inject('redisUrl'), ADMIN_PASSWORD, PAGE_CACHE_SECONDS: '1' })
    const visitor = apiClient(shortLived.url)
    await visitor.get('/login')
    expect((await visitor.get('/login')).headers.get('x-page-cache')).toBe('hit')
    await new Promise(resolve => setTimeout(resolve, 1_200))
    expect((await visitor.get('/login')).headers.get('x-page-cache')).toBe('miss')
    expect((await visitor.get('/login')).headers.get('x-page-cache')).toBe('hit')
  })

  it('serves a cached search page, and shows a catalogue edit at once on every instance', async () => {
    const word = uniqueWord()
    const service = await newService({ name: `${word} descaling` })
    const path = `/services?q=${word}`
    const first = await second.client.get(path)
    expect(first.status).toBe(200)
    expect(first.body).toContain(`${word} descaling`)
    const again = await second.client.get(path)
    expect(again.headers.get('x-page-cache')).toBe('hit')
    expect(again.body).toContain(`${word} descaling`)

    await client.patch(`/api/services/${service.id}`, { name: `${word} gutter care` }, { token: await adminLogin() })
    for (const server of [second.client, client]) {
      const changed = await server.get(path)
      expect(changed.status).toBe(200)
      expect(changed.body).toContain(`${word} gutter care`)
      expect(changed.body).not.toContain(`${word} descaling`)
    }
  })

  it('gives every response of a cached page a nonce of its own, in the policy and on every script', async () => {
    const responses = [await client.get('/login'), await client.get('/login'), await client.get('/login')]
    expect(responses.slice(1).map(response => response.headers.get('x-page-cache'))).toEqual(['hit', 'hit'])
    const nonces = responses.map((response) => {
      const nonce = policyNonce(response.headers)
      expect(nonce).toBeTruthy()
      expect(/script-src ([^;]+)/.exec(response.headers.get('content-security-policy')!)![1]).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect([...scriptNonces(response.body)]).toEqual([nonce])
      return nonce
    })
    expect(new Set(nonces).size).toBe(3)
  })

  it('never serves a signed-in visitor from the cache, nor stores what they saw', async () => {
    const [ana, ben] = await Promise.all([newCustomer(client, { name: `Ana ${uniqueWord()}` }), newCustomer(client, { name: `Ben ${uniqueWord()}` })])
    const path = `/services?q=${uniqueWord()}`
    await client.get(path) // cached for anonymous visitors
    expect((await client.get(path)).headers.get('x-page-cache')).toBe('hit')

    for (const [visitor, otherVisitor] of [[ana, ben], [ben, ana]] as const) {
      for (const page of [path, '/customer']) {
        const seen = await client.get(page, { cookie: `hs_session=${visitor.token}` })
        expect(seen.status).toBe(200)
        expect(seen.headers.get('x-page-cache')).toBeNull()
        expect(seen.body).toContain(visitor.user.email)
        expect(seen.body).not.toContain(otherVisitor.user.email)
      }
    }
    const anonymous = await client.get(path)
    expect(anonymous.headers.get('x-page-cache')).toBe('hit')
    expect(anonymous.body).not.toContain(ana.user.email)
    expect(anonymous.body).not.toContain(ben.user.email)
  })

  it('treats an invalid session cookie as nobody', async () => {
    const response = await client.get('/login', { cookie: 'hs_session=not-a-token' })
    expect(response.status).toBe(200)
    expect(response.body).toContain('Sign in')
  })
})

describe('compression', () => {
  const base = inject('baseURL')
  const decode = (encoding: string | undefined, body: Buffer) => encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body

  it('sends JSON and pages as brotli or gzip when asked, decoding to the same body, with Vary', async () => {
    const json = `${base}/api/services?pageSize=50`
    const page = `${base}/services`
    const withoutNonce = (text: string) => text.replace(/nonce(?:=|-)"?[A-Za-z0-9+/=]+/g, 'nonce')
    for (const url of [json, page]) {
      const identity = await rawGet(url, { 'accept-encoding': 'identity' })
      expect(identity.headers['content-encoding']).toBeUndefined()
      expect(identity.headers.vary).toMatch(/accept-encoding/i)
      expect(identity.body.length).toBeGreaterThan(1024)
      for (const encoding of ['br', 'gzip']) {
        const compressed = await rawGet(url, { 'accept-encoding': encoding })
        expect(compressed.status).toBe(200)
        expect(compressed.headers['content-encoding']).toBe(encoding)
        expect(compressed.headers.vary).toMatch(/accept-encoding/i)
        expect(compressed.body.length).toBeLessThan(identity.body.length / 2)
        expect(withoutNonce(decode(encoding, compressed.body).toString())).toBe(withoutNonce(identity.body.toString()))
      }
    }
  })

  it('leaves small answers alone', async () => {
    const small = await rawGet(`${base}/api/health`, { 'accept-encoding': 'br, gzip' })
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(small.body.toString())).toBeTypeOf('object')
  })

  it('serves the static assets precompressed', async () => {
    const html = (await client.get('/login')).body as string
    const script = /<script[^>]+src="(\/_nuxt\/[^"]+\.js)"/.exec(html)?.[1]
    expect(script).toBeTruthy()
    const identity = await rawGet(base + script, {})
    for (const encoding of ['br', 'gzip']) {
      const compressed = await rawGet(base + script, { 'accept-encoding': encoding })
      expect(compressed.headers['content-encoding']).toBe(encoding)
      expect(decode(encoding, compressed.body).equals(identity.body)).toBe(true)
    }
  })
})
