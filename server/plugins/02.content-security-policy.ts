/**
 * Server-rendered pages get a CSP with a fresh nonce on every script Nuxt emits, so that no
 * injected inline script can run (server/utils/content-security-policy.ts). Pages answered from
 * the page cache get a nonce of their own there (server/plugins/page-cache.ts).
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev) return
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = createScriptNonce()
    const addNonce = (chunk: string) => addScriptNonce(chunk, nonce)
    html.head = html.head.map(addNonce)
    html.bodyPrepend = html.bodyPrepend.map(addNonce)
    html.body = html.body.map(addNonce)
    html.bodyAppend = html.bodyAppend.map(addNonce)
    event.context.scriptNonce = nonce
    setResponseHeader(event, 'Content-Security-Policy', pageContentSecurityPolicy(nonce))
  })
})
