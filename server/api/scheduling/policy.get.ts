// Public: the configured scheduling policy, so the pages state the terms before a customer acts.
export default defineEventHandler(() => ({ policy: bookingPolicy() }))
