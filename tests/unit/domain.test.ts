import { describe, expect, it } from 'vitest'
import { matchesEveryPrefix, searchWords, toFullTextQuery } from '../../shared/domain/search'
import { hasAtMostTwoDecimals, paiseToRupees, rupeesToPaise } from '../../shared/domain/money'
import { averageRating } from '../../shared/domain/ratings'

describe('full-text query', () => {
  it('turns words into required prefix terms', () => {
    expect(toFullTextQuery('Plumb')).toBe('"plumb"*')
    expect(toFullTextQuery('  AC   repair ')).toBe('"ac"* "repair"*')
  })

  it('keeps operators and quotes from reaching FTS5', () => {
    expect(toFullTextQuery('" OR 1=1; -- NEAR( *')).toBe('"or"* "1"* "1"* "near"*')
    expect(toFullTextQuery('***')).toBeNull()
  })
})

describe('money and ratings', () => {
  it('stores rupees exactly as paise', () => {
    expect(rupeesToPaise(499.99)).toBe(49999)
    expect(paiseToRupees(rupeesToPaise(0.1 + 0.2))).toBe(0.3)
    expect(hasAtMostTwoDecimals(10.25)).toBe(true)
    expect(hasAtMostTwoDecimals(10.255)).toBe(false)
  })

  it('averages ratings to one decimal, null without reviews', () => {
    expect(averageRating(0, 0)).toBeNull()
    expect(averageRating(14, 3)).toBe(4.7)
  })
})

describe('category words', () => {
  it('matches when every search word starts a word of the name', () => {
    expect(matchesEveryPrefix('Appliance Repair', searchWords('repa appl'))).toBe(true)
    expect(matchesEveryPrefix('Plumbing', searchWords('PLUMB'))).toBe(true)
    expect(matchesEveryPrefix('Plumbing', searchWords('lumb'))).toBe(false)
    expect(matchesEveryPrefix('Plumbing', searchWords('plumb leak'))).toBe(false)
    expect(matchesEveryPrefix('Plumbing', [])).toBe(false)
  })
})
