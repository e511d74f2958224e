const ROLE_AREAS = ['customer', 'professional', 'admin'] as const

// Mirrors the server's rules so people land on the right screen; the API enforces them.
export default defineNuxtRouteMiddleware(async (to) => {
  const { user, loaded, refresh } = useAuth()
  if (!loaded.value) await refresh()

  const area = ROLE_AREAS.find(role => to.path === `/${role}` || to.path.startsWith(`/${role}/`))
  if (area) {
    if (!user.value) return navigateTo({ path: '/login', query: { redirect: to.fullPath } })
    if (user.value.role !== area) return navigateTo(homePathFor(user.value.role))
  }
  if (user.value && (to.path === '/login' || to.path.startsWith('/register'))) return navigateTo(homePathFor(user.value.role))
})
