import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '../../shared/utils/redirect'

describe('the path to return to after signing in', () => {
  it.each(['/services/12', '/services?q=plumb&page=2', '/customer/requests#request-4', '/'])('follows the same-site path %s', (path) => {
    expect(safeRedirectPath(path)).toBe(path)
  })

  it.each(['//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example/x', 'javascript:alert(1)', 'services/12', '', '/ok\n//x', undefined, 12, ['/a']])('refuses %s', (value) => {
    expect(safeRedirectPath(value)).toBeUndefined()
  })
})
