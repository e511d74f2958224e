/** The words of what a person typed, lower-cased: letters and digits only, at most eight. */
export function searchWords(text: string) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? []
}

/**
 * Turns what a person typed into an FTS5 query: each word becomes a quoted prefix term, all of
 * them required. Quoting makes operators and punctuation plain text, so hostile input is just text.
 * Returns null when nothing searchable is left.
 */
export function toFullTextQuery(text: string) {
  const words = searchWords(text)
  return words.length ? words.map(word => `"${word}"*`).join(' ') : null
}

/** True when every search word starts some word of `name` ("plumb" and "Plumbing"). */
export function matchesEveryPrefix(name: string, words: string[]) {
  const nameWords = searchWords(name)
  return words.length > 0 && words.every(word => nameWords.some(candidate => candidate.startsWith(word)))
}
