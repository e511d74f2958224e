// The scheduling objects of the contract (shared/API.md, "Scheduling"), as the pages read them.

export type Slot = { start: string, end: string, professionalIds: number[] }

export type SlotList = { timezone: string, durationMinutes: number, items: Slot[] }

/** `weekday` 1 = Monday … 7 = Sunday; `start`/`end` are `HH:MM` wall-clock times of the platform's zone. */
export type WeeklyWindow = { weekday: number, start: string, end: string }

export type TimeOff = { id: number, from: string, to: string, reason: string }

export type Availability = { timezone: string, weekly: WeeklyWindow[], timeOff: TimeOff[] }

export type Cancellation = { by: 'customer' | 'professional' | 'admin', at: string, late: boolean, feeRupees: number }
