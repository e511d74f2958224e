/** Average of the ratings, to one decimal; null while there are none. */
export function averageRating(sum: number, count: number) {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null
}
