import type { z } from 'zod'

/**
 * A form schema whose code loads when the form first validates, not with the page: Zod and the
 * rules it builds are the heaviest part of the sign-in page's first load on a phone (issue 12).
 * The same rules and messages: UForm validates any Standard Schema, and this one hands the value
 * to the real schema once it has loaded.
 */
export function lazySchema<T extends z.ZodType>(load: () => Promise<T>): T {
  let schema: Promise<T> | undefined
  const validate = async (value: unknown) => (await (schema ??= load()))['~standard'].validate(value)
  // Only '~standard' is what UForm reads; the type stays the real schema's for FormSubmitEvent.
  return { '~standard': { version: 1, vendor: 'zod', validate } } as unknown as T
}
