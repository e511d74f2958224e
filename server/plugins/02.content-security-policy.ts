import { randomBytes } from 'node:crypto'

/**
 * Server-rendered pages get a CSP with a fresh nonce on every script Nuxt emits, so that no
 * injected inline script can run. Styles stay 'unsafe-inline': Nuxt UI sets theme variables inline.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev) return
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = randomBytes(16).toString('base64')
    const addNonce = (chunk: string) => chunk.replace(/<script\b/g, `<script nonce="${nonce}"`)
    html.head = html.head.map(addNonce)
    html.bodyPrepend = html.bodyPrepend.map(addNonce)
    html.body = html.body.map(addNonce)
    html.bodyAppend = html.bodyAppend.map(addNonce)
    setResponseHeader(event, 'Content-Security-Policy', [
      'default-src \'self\'',
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      'style-src \'self\' \'unsafe-inline\'',
      'img-src \'self\' data: blob:',
      'font-src \'self\' data:',
      'connect-src \'self\'',
      'frame-src \'self\'',
      'object-src \'none\'',
      'base-uri \'self\'',
      'form-action \'self\'',
      'frame-ancestors \'none\'',
    ].join('; '))
  })
})
