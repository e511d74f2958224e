import type { Paged, ServiceRequest } from '~~/shared/types/api'
import type { Availability, BookingPolicy, SlotList, TimeOff, WeeklyWindow } from '~~/shared/types/schedule'
import { paiseToRupees, rupeesToPaise } from '~~/shared/domain/money'
import { cancellationTerms, DEFAULT_POLICY, MAX_RESCHEDULES, rescheduleRefusal } from '~~/shared/domain/scheduling'
import { BOOKING_HORIZON_DAYS, SLOT_GRID_MINUTES } from '~~/shared/domain/slots'

export type SlotQuery = { from: string, days?: number, professionalId?: number | null, pincode?: string }

/** Free slots of a service (public): server-rendered with the page, refetched when the query changes. */
export function useServiceSlots(serviceId: MaybeRefOrGetter<number>, query: MaybeRefOrGetter<SlotQuery>) {
  return useFetch<SlotList>(() => `/api/services/${toValue(serviceId)}/slots`, {
    key: computed(() => {
      const value = toValue(query)
      return `slots:${toValue(serviceId)}:${value.from}:${value.days ?? 7}:${value.professionalId ?? 'any'}:${value.pincode ?? ''}`
    }),
    query: computed(() => {
      const value = toValue(query)
      return { from: value.from, days: value.days ?? 7, professionalId: value.professionalId ?? undefined, pincode: value.pincode || undefined }
    }),
  })
}

/**
 * The booking, reschedule and cancellation policy as the server is configured (GET /api/scheduling/policy),
 * read once per visit and server-rendered with the page. Until it arrives, the contract's defaults.
 */
export function useBookingPolicy() {
  const { data } = useFetch<{ policy: BookingPolicy }>('/api/scheduling/policy', {
    key: 'scheduling:policy',
    getCachedData: (key, nuxtApp) => nuxtApp.payload.data[key] ?? nuxtApp.static.data[key],
  })
  return computed<BookingPolicy>(() => data.value?.policy ?? { ...DEFAULT_POLICY, horizonDays: BOOKING_HORIZON_DAYS, slotMinutes: SLOT_GRID_MINUTES, rescheduleLimit: MAX_RESCHEDULES })
}

/** What cancelling `request` would cost as of `now`, by the configured policy. */
export function cancellationFee(request: ServiceRequest, policy: BookingPolicy, now = Date.now()) {
  const { late, feePaise } = cancellationTerms({ status: request.status, scheduledFor: Date.parse(request.scheduledFor), pricePaise: rupeesToPaise(request.service.basePrice) }, now, policy)
  return { late, feeRupees: paiseToRupees(feePaise) }
}

/** What the cancel dialog tells the customer before they confirm: who is told, and any late fee as of now. */
export function cancellationNotice(request: ServiceRequest, policy: BookingPolicy, now = Date.now()) {
  if (request.status !== 'assigned') return 'No professional will take it any more. Cancelling it now costs nothing.'
  const who = `${request.professional?.name ?? 'The professional'} has already accepted it and will be told.`
  const { late, feeRupees } = cancellationFee(request, policy, now)
  return late
    ? `${who} This is a late cancellation, less than ${policy.cancelCutoffHours} hours before the visit: a fee of ${formatPrice(feeRupees)} (${policy.lateCancelFeePercent}% of ${formatPrice(request.service.basePrice)}) applies.`
    : `${who} No fee: the visit is more than ${policy.cancelCutoffHours} hours away.`
}

/** Why the customer can no longer move the visit, or null. */
export function rescheduleNotice(request: ServiceRequest, policy: BookingPolicy, now = Date.now()) {
  return rescheduleRefusal({ status: request.status, scheduledFor: Date.parse(request.scheduledFor), rescheduleCount: request.rescheduleCount ?? 0 }, now, policy)
}

const AVAILABILITY_KEY = 'professional:availability'

/** The professional's weekly hours and time off. */
export function useAvailability() {
  return useFetch<Availability>('/api/professional/availability', { key: AVAILABILITY_KEY })
}

/** The moves that change them; the page's copy is refreshed after each. */
export function useAvailabilityActions() {
  const { run, pending } = useAction()
  const { data } = useNuxtData<Availability>(AVAILABILITY_KEY)
  type Form = Parameters<typeof run>[2]

  async function saveWeekly(weekly: WeeklyWindow[], form?: Form) {
    const answer = await run(() => $fetch<Availability>('/api/professional/availability', { method: 'PUT', body: { weekly } }),
      { success: 'Hours saved', description: weekly.length ? undefined : 'You take no bookings until you add hours again.', failure: 'Could not save your hours' }, form)
    if (answer) data.value = answer
    return answer
  }
  async function addTimeOff(body: { from: string, to: string, reason?: string }, form?: Form) {
    const answer = await run(() => $fetch<{ timeOff: TimeOff }>('/api/professional/time-off', { method: 'POST', body }), { success: 'Time off added', failure: 'Could not add the time off' }, form)
    if (answer) await refreshNuxtData(AVAILABILITY_KEY)
    return answer
  }
  async function removeTimeOff(id: number) {
    const answer = await run(() => $fetch(`/api/professional/time-off/${id}`, { method: 'DELETE' }).then(() => true), { success: 'Time off removed', failure: 'Could not remove the time off' })
    if (answer) await refreshNuxtData(AVAILABILITY_KEY)
    return answer
  }

  return { saveWeekly, addTimeOff, removeTimeOff, pending }
}

/** The caller's secret calendar feed address, and its rotation. */
export function useCalendarLink() {
  const fetched = useFetch<{ url: string }>('/api/calendar/link', { key: 'calendar:link' })
  const { run, pending } = useAction()

  async function reset() {
    const answer = await run(() => $fetch<{ url: string }>('/api/calendar/link', { method: 'POST' }),
      { success: 'New calendar link made', description: 'The old link stops working: add the new one to your calendar.', failure: 'Could not reset the link' })
    if (answer) fetched.data.value = answer
    return answer
  }

  return { ...fetched, reset, pending }
}

/**
 * A professional's visits in the 7 days from `weekStart`: their assigned requests and the requested ones
 * naming them (the open ones of their service are not theirs yet), whose windows overlap the week, every page.
 */
export function useWeekVisits(weekStart: MaybeRefOrGetter<string>, professionalId: MaybeRefOrGetter<number | undefined>) {
  const requestFetch = useRequestFetch()
  const PAGE_SIZE = 100
  return useAsyncData(() => `professional:week:${toValue(weekStart)}`, async () => {
    const from = zonedTimeToIso(toValue(weekStart), '00:00')
    const to = zonedTimeToIso(addDaysToKey(toValue(weekStart), 7), '00:00')
    const lists = await Promise.all((['assigned', 'requested'] as const).map(async (status) => {
      const items: ServiceRequest[] = []
      for (let page = 1; ; page++) {
        const list = await requestFetch<Paged<ServiceRequest>>('/api/requests', { query: { status, from, to, page, pageSize: PAGE_SIZE } })
        items.push(...list.items)
        if (items.length >= list.total || list.items.length < PAGE_SIZE) return items
      }
    }))
    return lists.flat()
      .filter(request => request.professionalId === toValue(professionalId))
      .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))
  }, { watch: [() => toValue(weekStart)], default: () => [] })
}
