/**
 * Background work: at start, adopt or fail what a previous process left queued or running, then
 * keep this instance's leases fresh. On shutdown (Nitro closes after requests in flight have
 * ended), the worker stops at a safe point and what is left goes back to the queue.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return
  startBackground()
  nitroApp.hooks.hook('close', () => stopBackground())
})
