import type { FieldIssue } from '~~/shared/domain/fields'

type ApiFailure = { data?: { statusCode?: number, message?: string, data?: { issues?: FieldIssue[] } }, statusCode?: number, message?: string }

/** The contract's error body, read from a failed $fetch: a message for a toast, issues for the fields. */
export function readApiError(error: unknown) {
  const failure = error as ApiFailure
  return {
    statusCode: failure?.data?.statusCode ?? failure?.statusCode ?? 0,
    message: failure?.data?.message ?? 'Could not reach the server. Check your connection and try again.',
    issues: failure?.data?.data?.issues ?? [],
  }
}

/** Shows the API's field issues next to the fields of a Nuxt UI form, and returns the message for the rest. */
export function applyApiError(form: { setErrors: (errors: { name: string, message: string }[]) => void } | null | undefined, error: unknown) {
  const { message, issues, statusCode } = readApiError(error)
  if (issues.length) form?.setErrors(issues.map(issue => ({ name: issue.path, message: issue.message })))
  return { message, statusCode, hasFieldErrors: issues.length > 0 }
}
