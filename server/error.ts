import type { NitroErrorHandler } from 'nitropack/types'

type ErrorLike = {
  statusCode?: number
  statusMessage?: string
  message?: string
  data?: { issues?: unknown, retryAfter?: number } & Record<string, unknown>
  cause?: unknown
}

/** Maps a ZodError that escaped into h3's "Validation Error" onto the contract's issues. */
function zodIssues(data: unknown) {
  const issues = (data as { issues?: { path?: unknown[], message?: string }[] } | undefined)?.issues
  if (!Array.isArray(issues)) return undefined
  return issues.map(issue => ({
    path: Array.isArray(issue.path) ? issue.path.map(String).join('.') || 'body' : String(issue.path ?? 'body'),
    message: String(issue.message ?? 'Invalid value'),
  }))
}

/**
 * Every /api error leaves as `{ statusCode, message }` (plus `data.issues` on 400): never a
 * stack trace or an SQL fragment. Pages fall through to Nuxt's own error page.
 */
const handleApiError: NitroErrorHandler = (error, event) => {
  if (!event.path.startsWith('/api/') && event.path !== '/api') return
  const failure = error as ErrorLike
  let statusCode = failure.statusCode && failure.statusCode >= 400 && failure.statusCode < 600 ? failure.statusCode : 500
  // h3 answers a body it cannot parse with a plain 400; ours already carries issues.
  const body: { statusCode: number, message: string, data?: { issues: unknown } } = { statusCode, message: failure.message || failure.statusMessage || 'Error' }
  const fault = statusCode >= 500 ? storageFault(failure.cause ?? error) : null
  if (fault) {
    logStorageFault(failure.cause ?? error, fault)
    statusCode = 503
    body.statusCode = 503
    body.message = fault
    setResponseHeader(event, 'Retry-After', 30)
  }
  else if (statusCode >= 500) {
    console.error(`[api] ${event.method} ${event.path}`, (error as Error).stack ?? error)
    statusCode = 500
    body.statusCode = 500
    body.message = 'Something went wrong on our side. Please try again.'
  }
  if (statusCode === 400) {
    const issues = zodIssues(failure.data) ?? [{ path: 'body', message: body.message }]
    body.data = { issues }
    if (failure.message === 'Validation Error') body.message = 'Invalid input'
  }
  if (statusCode === 429 && failure.data?.retryAfter) setResponseHeader(event, 'Retry-After', failure.data.retryAfter)
  setResponseStatus(event, statusCode)
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return send(event, JSON.stringify(body))
}

export default handleApiError
