import type { AdminStats, AdminUser, Paged } from '~~/shared/types/api'

export type UserQuery = { role?: string, status?: string, approval?: string, q?: string, page?: number, pageSize?: number }

export function useAdminStats() {
  return useFetch<AdminStats>('/api/admin/stats', { key: 'admin:stats' })
}

export function useAdminUsers(query: MaybeRefOrGetter<UserQuery>, key = 'admin:users') {
  return useFetch<Paged<AdminUser>>('/api/admin/users', {
    key,
    query: computed(() => {
      const value = toValue(query)
      return {
        role: value.role || undefined, status: value.status || undefined, approval: value.approval || undefined,
        q: value.q || undefined, page: value.page ?? 1, pageSize: value.pageSize ?? 20,
      }
    }),
  })
}

/** Moderation: block and unblock accounts, decide on professionals. */
export function useModeration() {
  const { run, pending } = useAction()
  const post = (path: string, body?: object) => $fetch<{ user: AdminUser }>(path, { method: 'POST', body })
  return {
    pending,
    block: (user: AdminUser, reason?: string) => run(() => post(`/api/admin/users/${user.id}/block`, { reason: reason || undefined }), { success: `${user.name} is blocked`, failure: 'Could not block this user' }),
    unblock: (user: AdminUser) => run(() => post(`/api/admin/users/${user.id}/unblock`), { success: `${user.name} is unblocked`, failure: 'Could not unblock this user' }),
    approve: (user: AdminUser) => run(() => post(`/api/admin/professionals/${user.id}/approve`), { success: `${user.name} is approved`, description: 'They can now accept requests.', failure: 'Could not approve this professional' }),
    reject: (user: AdminUser, reason?: string) => run(() => post(`/api/admin/professionals/${user.id}/reject`, { reason: reason || undefined }), { success: `${user.name} was not approved`, failure: 'Could not reject this professional' }),
  }
}

export function documentUrl(userId: number) {
  return `/api/admin/professionals/${userId}/document`
}
