import type { PublicUser } from '~~/shared/types/api'

export type SessionUser = PublicUser
export type UserRole = SessionUser['role']

export function homePathFor(role: UserRole) {
  return role === 'admin' ? '/admin' : role === 'professional' ? '/professional' : '/customer'
}

/** The signed-in user, shared by every page; the server decides, this only mirrors it. */
export function useAuth() {
  const user = useState<SessionUser | null>('auth:user', () => null)
  const loaded = useState('auth:loaded', () => false)
  const requestFetch = useRequestFetch()

  async function refresh() {
    // While rendering a page the server has already looked at the session (server/plugins/page-cache.ts):
    // no need for a round trip through the API.
    const visitor = import.meta.server ? (useRequestEvent()?.context as { sessionUser?: SessionUser | null } | undefined)?.sessionUser : undefined
    if (visitor !== undefined) {
      user.value = visitor
      loaded.value = true
      return
    }
    try {
      user.value = (await requestFetch<{ user: SessionUser }>('/api/auth/me')).user
    }
    catch {
      user.value = null
    }
    loaded.value = true
  }

  async function login(email: string, password: string) {
    const response = await $fetch<{ user: SessionUser }>('/api/auth/login', { method: 'POST', body: { email, password } })
    user.value = response.user
    loaded.value = true
    return response.user
  }

  async function logout() {
    await $fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
    user.value = null
    await navigateTo('/login')
  }

  return { user, loaded, refresh, login, logout }
}
