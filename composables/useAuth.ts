import type { PublicUser } from '~~/server/utils/users'

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
