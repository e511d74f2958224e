/**
 * Keeps a half-filled booking in this tab's sessionStorage, so signing in again, a reload or a
 * look at another page does not lose it; it is dropped once the booking is sent.
 */
export function useBookingDraft<T extends object>(serviceId: MaybeRefOrGetter<number>, state: T) {
  const key = () => `booking-draft:${toValue(serviceId)}`

  onMounted(() => {
    try {
      const saved = sessionStorage.getItem(key())
      if (saved) Object.assign(state, JSON.parse(saved))
    }
    catch {
      // A draft that cannot be read is simply not restored.
    }
    watch(() => ({ ...state }), (value) => {
      try {
        sessionStorage.setItem(key(), JSON.stringify(value))
      }
      catch {
        // Storage full or disabled: the form still works, only without a draft.
      }
    }, { deep: true })
  })

  return { clear: () => sessionStorage.removeItem(key()) }
}
