import { RuleError } from '~~/shared/domain/errors'

/** Runs a domain decision; its refusal becomes the API's error (404 / 403 / 409) with the rule's message. */
export function enforce<T>(decide: () => T): T {
  try {
    return decide()
  }
  catch (error) {
    if (error instanceof RuleError) throw createError({ statusCode: error.statusCode, message: error.message })
    throw error
  }
}
