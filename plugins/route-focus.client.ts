// After a navigation to another page, focus goes to that page's heading, so keyboard and
// screen-reader users start reading the new page instead of wherever the old one left them.
// Query-only changes (tabs, filters, paging) keep the focus where it is.
export default defineNuxtPlugin((nuxtApp) => {
  const router = useRouter()
  let previousPath = router.currentRoute.value.path
  let pending = false

  router.afterEach((to) => {
    pending = to.path !== previousPath
    previousPath = to.path
  })

  nuxtApp.hook('page:finish', () => {
    if (!pending) return
    pending = false
    setTimeout(() => {
      const main = document.getElementById('main-content')
      // A field the page focused itself (autofocus on sign-in) keeps the focus.
      if (main?.contains(document.activeElement)) return
      const heading = main?.querySelector<HTMLElement>('h1') ?? document.querySelector<HTMLElement>('h1')
      if (!heading) return
      heading.setAttribute('tabindex', '-1')
      heading.setAttribute('data-route-heading', '')
      heading.focus({ preventScroll: true })
    })
  })
})
