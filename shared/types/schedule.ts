// The scheduling objects of the contract (shared/API.md, "Scheduling"), as the pages read them.
// Answers the server shapes are inferred from it (type-only imports, see shared/types/api.ts).
import type { bookingPolicy, listSlots } from '../../server/utils/scheduling'

export type SlotList = Awaited<ReturnType<typeof listSlots>>['slots']

export type Slot = SlotList['items'][number]

export type SlotDay = SlotList['days'][number]

export type BookingPolicy = ReturnType<typeof bookingPolicy>

/** `weekday` 1 = Monday … 7 = Sunday; `start`/`end` are `HH:MM` wall-clock times of the platform's zone. */
export type WeeklyWindow = { weekday: number, start: string, end: string }

export type TimeOff = { id: number, from: string, to: string, reason: string }

export type Availability = { timezone: string, weekly: WeeklyWindow[], timeOff: TimeOff[] }

export type Cancellation = { by: 'customer' | 'professional' | 'admin', at: string, late: boolean, feeRupees: number }
