import type { H3Event } from 'h3'

/** The entries of a comma-separated forwarding header, trimmed, empty ones dropped. */
function forwardedList(event: H3Event, name: string) {
  return (getRequestHeader(event, name) ?? '').split(',').map(entry => entry.trim()).filter(Boolean)
}

/**
 * The client's address. Behind TRUST_PROXY=N proxies, each appends the address it received the
 * request from to X-Forwarded-For, so the client is the N-th entry from the right; whatever stands
 * further left was sent by the client itself and proves nothing.
 */
export function clientAddress(event: H3Event) {
  const { trustedProxyHops } = useServerConfig()
  const socketAddress = event.node.req.socket?.remoteAddress ?? 'unknown'
  if (!trustedProxyHops) return socketAddress
  const forwarded = forwardedList(event, 'x-forwarded-for')
  if (!forwarded.length) return socketAddress
  return forwarded[Math.max(0, forwarded.length - trustedProxyHops)]!
}

/** True when the request reached us over HTTPS: directly, or as the trusted proxy says. */
export function isSecureRequest(event: H3Event) {
  if ((event.node.req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true
  if (!useServerConfig().trustProxy) return false
  return forwardedList(event, 'x-forwarded-proto').at(-1)?.toLowerCase() === 'https'
}
