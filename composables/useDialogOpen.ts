/** A dialog's open state tied to the item it acts on: open while there is one; closing it clears the item. */
export function useDialogOpen<T>(target: Ref<T | null>) {
  return computed({
    get: () => Boolean(target.value),
    set: (open: boolean) => {
      if (!open) target.value = null
    },
  })
}

/**
 * True from the first time a dialog opens: mount the dialog (`v-if`) only then. A closed UModal
 * still builds its Reka dialog on every server render, and list rows carry several each
 * (bench/pages.ts --profile); once opened it stays mounted so closing still animates.
 */
export function useOpenedOnce(open: Ref<boolean>) {
  const opened = ref(open.value)
  watch(open, (value) => {
    if (value) opened.value = true
  })
  return readonly(opened)
}
