import { expect } from 'vitest'
import type { apiClient } from './api'

type Client = ReturnType<typeof apiClient>

export async function waitUntil<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check()
    if (value) return value
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/** POST /api/admin/jobs/{name}/run, then polls GET /api/admin/jobs until that run has ended. */
export async function runJob(client: Client, token: string, name: string) {
  const started = await client.post(`/api/admin/jobs/${name}/run`, {}, { token })
  expect(started.status).toBe(202)
  expect(started.body.run).toMatchObject({ name, status: 'queued' })
  const id = started.body.run.id as number
  return waitUntil(async () => {
    const list = await client.get(`/api/admin/jobs?name=${name}`, { token })
    const run = list.body.items.find((item: { id: number }) => item.id === id)
    return run && ['done', 'failed'].includes(run.status) ? run : undefined
  }, `run ${id} of ${name}`)
}

/** A freshly started server creates its admin just after it starts answering: retry the sign-in briefly. */
export async function loginWhenReady(client: Client, email: string, password: string) {
  let lastError: unknown
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await client.login(email, password)
    }
    catch (error) {
      lastError = error
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }
  throw lastError
}
