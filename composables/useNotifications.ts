import type { AppNotification } from '~~/shared/types/api'

/** The caller's in-app alerts and unread count, refreshed every minute while a page is open. */
export function useNotifications() {
  const { data, refresh, status } = useFetch<{ items: AppNotification[], unread: number }>('/api/notifications', {
    key: 'notifications',
    default: () => ({ items: [], unread: 0 }),
  })

  if (import.meta.client) {
    const timer = setInterval(() => refresh(), 60_000)
    onScopeDispose(() => clearInterval(timer))
  }

  async function markRead(notification: AppNotification) {
    if (notification.readAt) return
    // Shown as read at once; the list is reloaded from the server afterwards.
    notification.readAt = new Date().toISOString()
    data.value.unread = Math.max(0, data.value.unread - 1)
    await $fetch(`/api/notifications/${notification.id}/read`, { method: 'POST' }).catch(() => undefined)
  }

  async function markAllRead() {
    await Promise.all(data.value.items.filter(item => !item.readAt).map(item => markRead(item)))
    await refresh()
  }

  return { notifications: computed(() => data.value.items), unread: computed(() => data.value.unread), status, refresh, markRead, markAllRead }
}
