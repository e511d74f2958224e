/**
 * Turns what a person typed into an FTS5 query: each word becomes a quoted prefix term, all of
 * them required. Quoting makes operators and punctuation plain text, so hostile input is just text.
 * Returns null when nothing searchable is left.
 */
export function toFullTextQuery(text: string) {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? []
  return words.length ? words.map(word => `"${word}"*`).join(' ') : null
}
