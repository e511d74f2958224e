/**
 * The path to return to after signing in or up, when it is a path of this site: `/services/12?x=1`
 * passes; `//evil.example`, `/\evil.example`, `https://…` and anything that would leave the origin
 * do not (browsers read `\` as `/`, so `/\host` is another host).
 */
export function safeRedirectPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return undefined
  if (value.startsWith('//') || value.includes('\\') || [...value].some(char => char <= ' ' && char !== ' ')) return undefined
  const base = 'http://same.invalid'
  try {
    const url = new URL(value, base)
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : undefined
  }
  catch {
    return undefined
  }
}
