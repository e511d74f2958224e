import type { PublicUser } from '~~/shared/types/api'

/**
 * Before a page renders: who is looking (so the app needs no /api/auth/me round trip during
 * SSR), and for anonymous visitors of the public pages an answer from the page cache.
 * After it rendered: keep the anonymous render for the next visitor.
 */
// Renders under way per key: concurrent anonymous visitors of one uncached page wait for one render.
type Render = { key: string, done: Promise<void>, finish: () => void }
const rendering = new Map<string, Render>()

function finishRendering(render: Render | undefined) {
  if (!render) return
  render.finish()
  if (rendering.get(render.key) === render) rendering.delete(render.key)
}

export default defineNitroPlugin((nitroApp) => {
  watchCatalogueVersion()
  nitroApp.hooks.hook('render:before', async (context) => {
    const { event } = context
    const user = await pageVisitor(event)
    event.context.sessionUser = user
    if (user || import.meta.dev || !isCacheablePage(event)) return
    const version = await catalogueVersion()
    if (!version) return
    const key = pageCacheKey(version, event)
    const nonce = createScriptNonce()
    let html = readCachedPage(key, nonce)
    const underWay = html === null ? rendering.get(key) : undefined
    if (underWay) {
      await underWay.done
      html = readCachedPage(key, nonce)
    }
    if (html === null) {
      if (!rendering.has(key)) {
        let finish!: () => void
        const done = new Promise<void>(resolve => finish = resolve)
        event.context.pageCacheRender = { key, done, finish }
        rendering.set(key, event.context.pageCacheRender)
      }
      event.context.pageCacheKey = key
      setResponseHeader(event, 'X-Page-Cache', 'miss')
      return
    }
    setResponseHeader(event, 'X-Page-Cache', 'hit')
    context.response = { body: html, statusCode: 200, headers: { 'content-type': 'text/html;charset=utf-8', 'content-security-policy': pageContentSecurityPolicy(nonce) } }
  })

  nitroApp.hooks.hook('render:response', (response, { event }) => {
    const key = event.context.pageCacheKey
    if (!key) return
    if (typeof response.body === 'string' && (response.statusCode ?? 200) === 200 && !getResponseHeader(event, 'set-cookie')) {
      storeCachedPage(key, response.body, event.context.scriptNonce ?? '')
    }
    finishRendering(event.context.pageCacheRender)
  })
  // A render that failed never reaches render:response: let the visitors waiting for it go on.
  nitroApp.hooks.hook('afterResponse', (event) => {
    finishRendering(event.context.pageCacheRender)
  })
  nitroApp.hooks.hook('error', (_error, { event }) => {
    finishRendering(event?.context.pageCacheRender)
  })

  nitroApp.hooks.hook('close', () => stopWatchingCatalogue())
})

/** The signed-in user behind the session cookie (or bearer token), or null for anyone else. */
async function pageVisitor(event: Parameters<typeof getSessionUser>[0]): Promise<PublicUser | null> {
  if (!hasSessionCredentials(event)) return null
  const user = await getSessionUser(event).catch(() => null)
  return user ? serializeUserById(user.id) : null
}

declare module 'h3' {
  interface H3EventContext {
    /** The page visitor as /api/auth/me would answer (null: anonymous), for the app's SSR. */
    sessionUser?: PublicUser | null
    pageCacheKey?: string
    /** The render of this request, which others waiting on the same key wait for. */
    pageCacheRender?: { key: string, done: Promise<void>, finish: () => void }
  }
}
