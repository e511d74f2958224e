import { describe, expect, it } from 'vitest'
import { createBoundedMap } from '../../shared/utils/bounded-map'

// The search and page caches keep at most this many entries: a stream of distinct queries
// (issue 10) cannot grow the process's memory without end.
describe('createBoundedMap', () => {
  it('never holds more than its bound, however many distinct keys arrive', () => {
    const cache = createBoundedMap<number>(100)
    for (let index = 0; index < 10_000; index++) cache.set(`q=${index}`, index)
    expect(cache.size).toBe(100)
    expect(cache.get('q=0')).toBeUndefined()
    expect(cache.get('q=9999')).toBe(9999)
  })

  it('forgets the least recently used entry first, so a hot key survives', () => {
    const cache = createBoundedMap<string>(2)
    cache.set('hot', 'a')
    cache.set('cold', 'b')
    expect(cache.get('hot')).toBe('a')
    cache.set('new', 'c')
    expect(cache.get('cold')).toBeUndefined()
    expect(cache.get('hot')).toBe('a')
    expect(cache.get('new')).toBe('c')
  })
})
