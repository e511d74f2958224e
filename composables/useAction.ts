/**
 * Runs one user action against the API: a toast for the outcome, field issues onto the form when
 * one is given, and a pending flag for the button. Resolves to the answer, or undefined on failure.
 */
export function useAction() {
  const toast = useToast()
  const pending = ref(false)

  async function run<T>(
    work: () => Promise<T>,
    messages: { success?: string, description?: string, failure: string },
    form?: Parameters<typeof applyApiError>[0],
  ): Promise<T | undefined> {
    pending.value = true
    try {
      const result = await work()
      if (messages.success) toast.add({ title: messages.success, description: messages.description, color: 'success', icon: 'i-lucide-circle-check' })
      return result
    }
    catch (error) {
      const { message, hasFieldErrors } = applyApiError(form, error)
      toast.add({ title: hasFieldErrors ? 'Please correct the highlighted fields' : messages.failure, description: message, color: 'error', icon: 'i-lucide-circle-alert' })
      return undefined
    }
    finally {
      pending.value = false
    }
  }

  return { run, pending }
}
