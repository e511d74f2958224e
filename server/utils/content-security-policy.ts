import { randomBytes } from 'node:crypto'

/** A fresh script nonce: one per response, never shared between two (cached pages get theirs rewritten). */
export function createScriptNonce() {
  return randomBytes(16).toString('base64')
}

/** Marks every script tag Nuxt emits in an HTML chunk with the response's nonce. */
export function addScriptNonce(chunk: string, nonce: string) {
  return chunk.replace(/<script\b/g, `<script nonce="${nonce}"`)
}

/**
 * The policy of a server-rendered page: scripts only with this response's nonce (and what they
 * load), so no injected inline script can run. Styles stay 'unsafe-inline': Nuxt UI sets theme
 * variables inline.
 */
export function pageContentSecurityPolicy(nonce: string) {
  return [
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
  ].join('; ')
}

declare module 'h3' {
  interface H3EventContext {
    /** The script nonce of this page response (set while rendering HTML). */
    scriptNonce?: string
  }
}
