import type { Category, Paged, Review, Service, ServiceProfessional } from '~~/shared/types/api'

export type ServiceQuery = { q?: string, categoryId?: number, pincode?: string, page?: number, pageSize?: number, includeInactive?: boolean }

export function useCategories() {
  return useFetch<{ items: Category[] }>('/api/categories', { key: 'categories', default: () => ({ items: [] }) })
}

export function useServiceSearch(query: MaybeRefOrGetter<ServiceQuery>, key = 'services') {
  return useFetch<Paged<Service>>('/api/services', {
    key,
    query: computed(() => {
      const value = toValue(query)
      return {
        q: value.q || undefined, categoryId: value.categoryId || undefined, pincode: value.pincode || undefined,
        page: value.page ?? 1, pageSize: value.pageSize ?? 12, includeInactive: value.includeInactive ? 'true' : undefined,
      }
    }),
  })
}

export function useServiceDetail(id: MaybeRefOrGetter<number>) {
  return useFetch<{ service: Service, professionals: ServiceProfessional[] }>(() => `/api/services/${toValue(id)}`, { key: `service:${toValue(id)}` })
}

/** The admin's changes to categories and services. */
export function useCatalogueAdmin() {
  const { run, pending } = useAction()
  type Form = Parameters<typeof run>[2]
  return {
    pending,
    createCategory: (body: { name: string }, form?: Form) =>
      run(() => $fetch<{ category: Category }>('/api/categories', { method: 'POST', body }), { success: 'Category added', failure: 'Could not add the category' }, form),
    renameCategory: (id: number, body: { name: string }, form?: Form) =>
      run(() => $fetch<{ category: Category }>(`/api/categories/${id}`, { method: 'PATCH', body }), { success: 'Category renamed', failure: 'Could not rename the category' }, form),
    deleteCategory: (id: number) =>
      run(() => $fetch(`/api/categories/${id}`, { method: 'DELETE' }).then(() => true), { success: 'Category deleted', failure: 'Could not delete the category' }),
    createService: (body: Record<string, unknown>, form?: Form) =>
      run(() => $fetch<{ service: Service }>('/api/services', { method: 'POST', body }), { success: 'Service added', failure: 'Could not add the service' }, form),
    updateService: (id: number, body: Record<string, unknown>, form?: Form) =>
      run(() => $fetch<{ service: Service }>(`/api/services/${id}`, { method: 'PATCH', body }), { success: 'Service saved', failure: 'Could not save the service' }, form),
    reactivateService: (id: number) =>
      run(() => $fetch<{ service: Service }>(`/api/services/${id}`, { method: 'PATCH', body: { active: true } }), { success: 'Service is active again', failure: 'Could not reactivate the service' }),
    deleteService: (id: number) =>
      run(() => $fetch(`/api/services/${id}`, { method: 'DELETE' }).then(() => true), { success: 'Service removed', description: 'A service with requests is kept as inactive so its history stays.', failure: 'Could not remove the service' }),
  }
}

/** A professional's latest reviews (public: the service page shows them). Here, not in useProfessional.ts,
 * so the service page does not load the document rules (and Zod) that file brings. */
export function useProfessionalReviews(professionalId: MaybeRefOrGetter<number | undefined>, page: MaybeRefOrGetter<number> = 1, { pageSize = 10, server = true } = {}) {
  return useFetch<Paged<Review>>(() => `/api/professionals/${toValue(professionalId)}/reviews`, {
    key: `reviews:${toValue(professionalId)}:${pageSize}`,
    query: computed(() => ({ page: toValue(page), pageSize })),
    immediate: toValue(professionalId) !== undefined,
    server,
  })
}
