/** A dialog's open state tied to the item it acts on: open while there is one; closing it clears the item. */
export function useDialogOpen<T>(target: Ref<T | null>) {
  return computed({
    get: () => Boolean(target.value),
    set: (open: boolean) => {
      if (!open) target.value = null
    },
  })
}
