import type { H3Event } from 'h3'
import type { z } from 'zod'
import { toFieldIssues, type FieldIssue } from '~~/shared/domain/fields'

export const JSON_BODY_LIMIT = 256 * 1024

export function invalidInput(issues: FieldIssue[]): never {
  const summary = issues.map(issue => `${issue.path}: ${issue.message}`).join('; ')
  throw createError({ statusCode: 400, message: `Invalid input — ${summary}`, data: { issues } })
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) invalidInput(toFieldIssues(result.error))
  return result.data
}

/** Reads a JSON body (415 if it is not JSON, 400 if malformed) and validates it. */
export async function readJsonBody<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  const contentType = getRequestHeader(event, 'content-type') ?? ''
  // The size was already held to JSON_BODY_LIMIT while it was read (server/middleware/01.request-guard.ts).
  const raw = await readRawBody(event, 'utf8')
  let body: unknown = {}
  if (raw && raw.trim()) {
    if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
      throw createError({ statusCode: 415, message: 'Send the body as application/json' })
    }
    try {
      body = JSON.parse(raw)
    }
    catch {
      invalidInput([{ path: 'body', message: 'Body is not valid JSON' }])
    }
  }
  return parseWith(schema, body)
}

/** Validates the query string; an empty parameter (`?categoryId=`) counts as absent. */
export function readQuery<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  const query = Object.fromEntries(Object.entries(getQuery(event)).filter(([, value]) => value !== ''))
  return parseWith(schema, query)
}

export function readParams<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseWith(schema, getRouterParams(event, { decode: true }))
}
