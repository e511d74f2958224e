import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export type RecordedCall = { path: string, headers: IncomingMessage['headers'], body: any, at: number, status: number, replayed?: boolean }

/**
 * A local stand-in for the Resend API (POST /emails, POST /emails/batch) and a Google Chat
 * webhook (POST /chat), so the real resend SDK is exercised with RESEND_BASE_URL pointing here.
 */
export async function startFakeMailApi() {
  const calls: RecordedCall[] = []
  const chat: { text: string }[] = []
  const state = { rateLimitNext: 0, retryAfter: '1', rejected: new Set<string>(), chatFailures: 0, delayMs: 0 }
  // Like Resend: a request repeating an accepted Idempotency-Key gets the first answer and sends nothing.
  const accepted = new Map<string, unknown>()
  let ids = 0
  const server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => {
      raw += chunk
    })
    request.on('end', async () => {
      const body = raw ? JSON.parse(raw) : null
      if (state.delayMs) await new Promise(resolve => setTimeout(resolve, state.delayMs))
      const key = request.headers['idempotency-key'] as string | undefined
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        calls.push({ path: request.url!, headers: request.headers, body, at: Date.now(), status })
        if (status === 200 && key && request.url !== '/chat') accepted.set(key, payload)
        response.writeHead(status, { 'content-type': 'application/json', ...headers })
        response.end(JSON.stringify(payload))
      }
      if (key && accepted.has(key)) {
        calls.push({ path: request.url!, headers: request.headers, body, at: Date.now(), status: 200, replayed: true })
        response.writeHead(200, { 'content-type': 'application/json' })
        return response.end(JSON.stringify(accepted.get(key)))
      }
      if (request.url === '/chat') {
        if (state.chatFailures > 0) {
          state.chatFailures--
          return reply(503, { error: 'unavailable' })
        }
        chat.push(body)
        return reply(200, { name: 'spaces/x/messages/y' })
      }
      if (state.rateLimitNext > 0) {
        state.rateLimitNext--
        return reply(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': state.retryAfter })
      }
      const mails = (request.url === '/emails/batch' ? body : [body]) as { to: string[] }[]
      if (mails.some(mail => mail.to.some(to => state.rejected.has(to)))) {
        return reply(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' })
      }
      if (request.url === '/emails/batch') return reply(200, { data: mails.map(() => ({ id: `mail-${++ids}` })) })
      if (request.url === '/emails') return reply(200, { id: `mail-${++ids}` })
      reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  /** Every mail that the fake accepted, one entry per recipient. */
  const delivered = () => calls.filter(call => call.status === 200 && !call.replayed && call.path.startsWith('/emails'))
    .flatMap(call => (call.path === '/emails/batch' ? call.body : [call.body]) as { to: string[], subject: string, from: string, html: string }[])
  return { url, calls, chat, state, delivered, stop: () => new Promise<void>(resolve => server.close(() => resolve())) }
}
