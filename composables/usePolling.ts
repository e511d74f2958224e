/** Calls `refresh` every `intervalMs` while the page is open and visible (admin pages that watch background work). */
export function usePolling(refresh: () => unknown, intervalMs = 3000) {
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh()
    }, intervalMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
}
