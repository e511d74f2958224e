import type { CancellationParty } from '~~/shared/domain/enums'
import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm'
import {
  type RequestStatus, availabilityWindows, professionalHolds, professionalProfiles, requestReleases, serviceRequests, services, slotVersions, timeOff, users,
} from '~~/db/schema'
import { paiseToRupees } from '~~/shared/domain/money'
import { planTransition, RequestRuleError, type Actor, type RequestAction } from '~~/shared/domain/requests'
import {
  cancellationTerms, DEFAULT_WEEKLY, fromWeeklyWindows, MAX_RESCHEDULES, releaseRefusal, rescheduleRefusal, toWeeklyWindows,
  type AvailabilityUpdate, type SlotsQuery,
} from '~~/shared/domain/scheduling'
import {
  addDays, BOOKING_HORIZON_DAYS, computeSlotDays, SLOT_GRID_MINUTES, slotRefusal, slotRefusalMessages, timingRefusal, zonedTimeToInstant, zonedToday,
  type Interval, type ProfessionalSchedule, type SlotPolicy,
} from '~~/shared/domain/slots'
import { formatDateTime } from '~~/shared/utils/format'

type Transaction = Parameters<Parameters<ReturnType<typeof useDb>['transaction']>[0]>[0]
type Database = ReturnType<typeof useDb> | Transaction

export const useSchedulingPolicy = () => useServerConfig().scheduling

const slotPolicy = (now = Date.now()): SlotPolicy => ({ ...useSchedulingPolicy(), now })

/** The booking, reschedule and cancellation policy as configured, for the pages to explain before a move. */
export function bookingPolicy() {
  const policy = useSchedulingPolicy()
  return {
    timezone: policy.timezone,
    noticeMinutes: policy.noticeMinutes,
    horizonDays: BOOKING_HORIZON_DAYS,
    slotMinutes: SLOT_GRID_MINUTES,
    rescheduleCutoffHours: policy.rescheduleCutoffHours,
    rescheduleLimit: MAX_RESCHEDULES,
    cancelCutoffHours: policy.cancelCutoffHours,
    lateCancelFeePercent: policy.lateCancelFeePercent,
  }
}

// ---------------------------------------------------------------- hours and time off

/** Every new professional starts with Monday–Saturday 09:00–18:00. */
export function insertDefaultAvailability(db: Database, professionalId: number) {
  db.insert(availabilityWindows).values(DEFAULT_WEEKLY.map(window => ({ professionalId, ...window }))).run()
}

function weeklyOf(db: Database, professionalIds: number[]) {
  if (!professionalIds.length) return []
  return db.select().from(availabilityWindows).where(inArray(availabilityWindows.professionalId, professionalIds))
    .orderBy(asc(availabilityWindows.weekday), asc(availabilityWindows.startMinute)).all()
}

export function getAvailability(professionalId: number) {
  const db = useDb()
  const weekly = weeklyOf(db, [professionalId])
  // Time off that has ended is history: the list shows what still matters.
  const off = db.select().from(timeOff).where(and(eq(timeOff.professionalId, professionalId), gt(timeOff.endsAt, new Date())))
    .orderBy(asc(timeOff.startsAt)).all()
  return {
    timezone: useSchedulingPolicy().timezone,
    weekly: fromWeeklyWindows(weekly),
    timeOff: off.map(serializeTimeOff),
  }
}

const serializeTimeOff = (row: typeof timeOff.$inferSelect) =>
  ({ id: row.id, from: row.startsAt.toISOString(), to: row.endsAt.toISOString(), reason: row.reason })

/** Replaces the weekly hours; visits already booked stay (hours only shape new slots). */
export function replaceAvailability(professionalId: number, update: AvailabilityUpdate) {
  useDb().transaction((tx) => {
    tx.delete(availabilityWindows).where(eq(availabilityWindows.professionalId, professionalId)).run()
    const weekly = toWeeklyWindows(update.weekly)
    if (weekly.length) tx.insert(availabilityWindows).values(weekly.map(window => ({ professionalId, ...window }))).run()
  }, { behavior: 'immediate' })
  return getAvailability(professionalId)
}

export function addTimeOff(professionalId: number, input: { from: Date, to: Date, reason: string }) {
  const window = { start: input.from.getTime(), end: input.to.getTime() }
  const row = holdingProfessional(professionalId, window, { viewer: 'professional' }, (tx) => {
    return tx.insert(timeOff).values({ professionalId, startsAt: input.from, endsAt: input.to, reason: input.reason }).returning().get()
  })
  return serializeTimeOff(row)
}

export function removeTimeOff(professionalId: number, id: number) {
  const removed = useDb().delete(timeOff).where(and(eq(timeOff.id, id), eq(timeOff.professionalId, professionalId))).run().changes
  if (!removed) throw createError({ statusCode: 404, message: 'No such time off' })
}

// ---------------------------------------------------------------- holds: the database keeps the rule

/** The triggers' refusal, however deep Drizzle wrapped the driver's error. */
function isHoldOverlap(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message.includes('professional_holds_overlap')) return true
  }
  return false
}

type Viewer = { viewer: 'customer' | 'professional', exceptRequestId?: number }

/** What a window collides with, said to the one who asked: a customer never learns whose visit it is. */
function conflictMessage(db: Database, professionalId: number, window: Interval, { viewer, exceptRequestId }: Viewer) {
  const hold = db.select().from(professionalHolds).where(and(
    eq(professionalHolds.professionalId, professionalId),
    lt(professionalHolds.startsAt, new Date(window.end)), gt(professionalHolds.endsAt, new Date(window.start)),
    exceptRequestId ? or(isNull(professionalHolds.requestId), ne(professionalHolds.requestId, exceptRequestId)) : undefined,
  )).get()
  if (!hold) return null
  const span = `${formatDateTime(hold.startsAt.toISOString())} to ${formatDateTime(hold.endsAt.toISOString())}`
  if (viewer === 'customer') return `This professional is not free then: they are booked or away from ${span}`
  return hold.timeOffId ? `This overlaps your time off from ${span}` : `This overlaps your visit #${hold.requestId} from ${span}`
}

/**
 * Runs `write` in one BEGIN IMMEDIATE transaction after checking, inside it, that the professional
 * is free for `window`. The triggers on professional_holds refuse an overlap anyway (another
 * process, a path that skipped the check): that, too, becomes a 409 that says why.
 */
export function holdingProfessional<T>(professionalId: number, window: Interval, viewer: Viewer, write: (tx: Transaction) => T): T {
  const db = useDb()
  try {
    return db.transaction((tx) => {
      const conflict = conflictMessage(tx, professionalId, window, viewer)
      if (conflict) throw createError({ statusCode: 409, message: conflict })
      return write(tx)
    }, { behavior: 'immediate' })
  }
  catch (error) {
    if (!isHoldOverlap(error)) throw error
    throw createError({ statusCode: 409, message: conflictMessage(db, professionalId, window, viewer) ?? 'This professional is not free then' })
  }
}

/** For writes that hold implicitly (accept): the trigger's refusal as a 409 naming the clash. */
export function refusingDoubleBooking<T>(professionalId: number, window: () => Interval | null, write: () => T): T {
  try {
    return write()
  }
  catch (error) {
    if (!isHoldOverlap(error)) throw error
    const span = window()
    const message = span && conflictMessage(useDb(), professionalId, span, { viewer: 'professional' })
    throw createError({ statusCode: 409, message: message ? `You are not free for this visit. ${message}` : 'You are not free for this visit' })
  }
}

// ---------------------------------------------------------------- slots

/** Approved, active professionals of a service, with their hours and what holds them in [from, to). */
function schedulesOf(serviceId: number, range: Interval, filter: { professionalId?: number, pincode?: string } = {}): ProfessionalSchedule[] {
  const db = useDb()
  const professionals = db.select({ id: users.id }).from(users)
    .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
    .where(and(
      eq(professionalProfiles.serviceId, serviceId), eq(professionalProfiles.approval, 'approved'), eq(users.status, 'active'),
      filter.professionalId ? eq(users.id, filter.professionalId) : undefined,
      filter.pincode ? eq(users.pincode, filter.pincode) : undefined,
    )).orderBy(asc(users.id)).all().map(row => row.id)
  return schedulesFor(db, professionals, range)
}

function schedulesFor(db: Database, professionalIds: number[], range: Interval, exceptRequestId?: number): ProfessionalSchedule[] {
  if (!professionalIds.length) return []
  const byId = new Map<number, ProfessionalSchedule>(professionalIds.map(id => [id, { id, weekly: [], busy: [] }]))
  for (const window of weeklyOf(db, professionalIds)) byId.get(window.professionalId)!.weekly.push(window)
  const holds = db.select().from(professionalHolds).where(and(
    inArray(professionalHolds.professionalId, professionalIds),
    lt(professionalHolds.startsAt, new Date(range.end)), gt(professionalHolds.endsAt, new Date(range.start)),
  )).all()
  for (const hold of holds) {
    if (exceptRequestId && hold.requestId === exceptRequestId) continue
    byId.get(hold.professionalId)!.busy.push({ start: hold.startsAt.getTime(), end: hold.endsAt.getTime(), away: hold.timeOffId !== null })
  }
  return [...byId.values()]
}

function computeServiceSlots(service: typeof services.$inferSelect, query: SlotsQuery, policy: SlotPolicy, from: string) {
  const range = {
    start: zonedTimeToInstant(from, 0, policy.timezone),
    end: zonedTimeToInstant(addDays(from, query.days), 0, policy.timezone) + service.timeRequiredMinutes * 60_000,
  }
  const professionals = schedulesOf(service.id, range, query)
  if (query.professionalId && !professionals.length) {
    invalidInput([{ path: 'professionalId', message: 'This professional is not available for this service' }])
  }
  const { slots, days } = computeSlotDays({ ...policy, from, days: query.days, durationMinutes: service.timeRequiredMinutes, professionals })
  return {
    timezone: policy.timezone,
    durationMinutes: service.timeRequiredMinutes,
    items: slots.map(slot => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), professionalIds: slot.professionalIds })),
    days,
  }
}

type SlotList = ReturnType<typeof computeServiceSlots>

const slotEntries = createReadThroughCache({ maxEntries: 2000, maxAgeSeconds: 300, localMaxAgeMs: 300_000 })
const slotVersionOf = preparedOnce(() => useDb().select({ version: slotVersions.version }).from(slotVersions)
  .where(eq(slotVersions.serviceId, sql.placeholder('serviceId'))).prepare())

/**
 * The free slots of a service, cached under `slots:<service>:<version>:<query>` for at most
 * SLOTS_CACHE_SECONDS. The invalidator is the database: triggers move the service's slot_versions
 * row on with every committed change of its free time (migration 0005), whatever the write path or
 * process, so a version read with the answer can never name a taken slot. An entry also ends when
 * its first slot comes within the notice, so every slot it lists is still bookable.
 */
export async function listSlots(serviceId: number, query: SlotsQuery): Promise<{ slots: SlotList, cached: boolean }> {
  const policy = slotPolicy()
  const from = query.from ?? zonedToday(policy.now, policy.timezone)
  const compute = () => {
    const service = useDb().select().from(services).where(and(eq(services.id, serviceId), eq(services.active, true))).get()
    if (!service) throw createError({ statusCode: 404, message: 'No such service' })
    return computeServiceSlots(service, query, policy, from)
  }
  const maxAgeSeconds = useServerConfig().slotsCacheSeconds
  const row = maxAgeSeconds ? slotVersionOf().get({ serviceId }) : undefined
  if (!row) return { slots: compute(), cached: false }
  const key = `slots:${serviceId}:${row.version}:${parametersDigest([from, query.days, query.professionalId ?? null, query.pincode ?? null])}`
  const noticeMs = policy.noticeMinutes * 60_000
  const { value, hit } = await slotEntries.read(key, compute, answer =>
    Math.min(policy.now + maxAgeSeconds * 1000, answer.items.length ? Date.parse(answer.items[0]!.start) - noticeMs : Infinity))
  return { slots: value, cached: hit }
}

/**
 * The window a booking asks for, checked before any write: the notice and the horizon are input
 * errors (400 on scheduledFor); a named professional must have it among their slots (409).
 */
export function bookingWindow(scheduledFor: Date, durationMinutes: number, professionalId: number | null, exceptRequestId?: number) {
  const policy = slotPolicy()
  const window = { start: scheduledFor.getTime(), end: scheduledFor.getTime() + durationMinutes * 60_000 }
  const timing = timingRefusal(window.start, policy)
  if (timing) {
    const message = timing === 'notice' ? `The visit must start at least ${policy.noticeMinutes} minutes from now` : slotRefusalMessages.horizon.replace('is too far ahead: v', 'V')
    invalidInput([{ path: 'scheduledFor', message }])
  }
  if (professionalId) {
    const [schedule] = schedulesFor(useDb(), [professionalId], window, exceptRequestId)
    const refusal = schedule ? slotRefusal(schedule, window.start, durationMinutes, policy) : 'hours'
    if (refusal === 'busy') {
      throw createError({ statusCode: 409, message: conflictMessage(useDb(), professionalId, window, { viewer: 'customer', exceptRequestId }) ?? 'This professional is not free then' })
    }
    if (refusal) throw createError({ statusCode: 409, message: `This time ${slotRefusalMessages[refusal]}: pick one of their free slots` })
  }
  return { scheduledFor: new Date(window.start), endsAt: new Date(window.end), window }
}

// ---------------------------------------------------------------- moves of the scheduling layer

function findWindowRow(db: Database, id: number) {
  return db.select({
    id: serviceRequests.id, status: serviceRequests.status, serviceId: serviceRequests.serviceId, customerId: serviceRequests.customerId,
    professionalId: serviceRequests.professionalId, scheduledFor: serviceRequests.scheduledFor, endsAt: serviceRequests.endsAt,
    rescheduleCount: serviceRequests.rescheduleCount, pricePaise: serviceRequests.pricePaise, serviceName: services.name,
  }).from(serviceRequests).innerJoin(services, eq(services.id, serviceRequests.serviceId)).where(eq(serviceRequests.id, id)).get()
}

function checkMove(action: RequestAction, row: NonNullable<ReturnType<typeof findWindowRow>> | undefined, actor: Actor) {
  if (!row) throw createError({ statusCode: 404, message: 'No such request' })
  try {
    planTransition(action, row, actor)
  }
  catch (error) {
    if (error instanceof RequestRuleError) throw createError({ statusCode: error.statusCode, message: error.message })
    throw error
  }
  return row
}

/**
 * Moves a request to a new start, keeping its booked length: `reschedule` (requested or assigned,
 * with the cut-off and the limit) or `edit` (PATCH of a requested one). Either counts in
 * `rescheduleCount`, so calendars see a new SEQUENCE, and tells the professional it names.
 */
export function moveRequestWindow(id: number, actor: Actor, scheduledFor: Date, action: 'reschedule' | 'edit', remarks?: string) {
  const db = useDb()
  const row = checkMove(action, findWindowRow(db, id), actor)
  const refusal = action === 'reschedule' ? rescheduleRefusal({ ...row, scheduledFor: row.scheduledFor.getTime() }, Date.now(), useSchedulingPolicy()) : null
  if (refusal) throw createError({ statusCode: 409, message: refusal })
  const duration = (row.endsAt.getTime() - row.scheduledFor.getTime()) / 60_000
  const { window } = bookingWindow(scheduledFor, duration, row.professionalId, id)
  const move = (tx: Transaction) => {
    // Same status and assignee as checked: a concurrent accept, cancel or release makes this a 409.
    const changed = tx.update(serviceRequests).set({
      scheduledFor: new Date(window.start), endsAt: new Date(window.end), rescheduleCount: sql`${serviceRequests.rescheduleCount} + 1`,
      ...(remarks !== undefined ? { remarks } : {}),
    }).where(and(
      eq(serviceRequests.id, id), eq(serviceRequests.status, row.status), eq(serviceRequests.rescheduleCount, row.rescheduleCount),
      row.professionalId === null ? isNull(serviceRequests.professionalId) : eq(serviceRequests.professionalId, row.professionalId),
    )).run().changes
    if (!changed) throw createError({ statusCode: 409, message: 'This request changed meanwhile: reload it and try again' })
    if (row.professionalId) {
      notify(row.professionalId, 'request.rescheduled', `The ${row.serviceName} visit #${id} moved to ${formatDateTime(new Date(window.start).toISOString())}`, `/professional/requests/${id}`, tx)
    }
  }
  if (row.professionalId) holdingProfessional(row.professionalId, window, { viewer: 'customer', exceptRequestId: id }, move)
  else db.transaction(move, { behavior: 'immediate' })
  return getRequest(id, actor)
}

/** Cancellation terms of a request being cancelled by its customer, recorded in the same transaction. */
export function recordCancellation(tx: Transaction, row: { id: number, status: RequestStatus, scheduledFor: Date, pricePaise: number }, by: 'customer' | 'professional' | 'admin') {
  const terms = cancellationTerms({ ...row, scheduledFor: row.scheduledFor.getTime() }, Date.now(), useSchedulingPolicy())
  tx.update(serviceRequests).set({ cancelledBy: by, cancelledLate: terms.late, cancellationFeePaise: terms.feePaise }).where(eq(serviceRequests.id, row.id)).run()
  return terms
}

/** The assigned professional hands the visit back before it starts: open to the service again. */
export function releaseRequest(id: number, actor: Actor) {
  const db = useDb()
  db.transaction((tx) => {
    const row = checkMove('release', findWindowRow(tx, id), actor)
    const refusal = releaseRefusal({ scheduledFor: row.scheduledFor.getTime() }, Date.now())
    if (refusal) throw createError({ statusCode: 409, message: refusal })
    const changed = tx.update(serviceRequests).set({ status: 'requested', professionalId: null, acceptedAt: null })
      .where(and(eq(serviceRequests.id, id), eq(serviceRequests.status, 'assigned'), eq(serviceRequests.professionalId, actor.id))).run().changes
    if (!changed) throw createError({ statusCode: 409, message: 'This request changed meanwhile: reload it and try again' })
    tx.insert(requestReleases).values({ requestId: id, professionalId: actor.id }).run()
    notify(row.customerId, 'request.released', `Your ${row.serviceName} visit #${id} was handed back by its professional: it is open to other professionals of the service again`, `/customer/requests/${id}`, tx)
  }, { behavior: 'immediate' })
  return getRequest(id, actor)
}

export function countReleases(professionalId: number) {
  return useDb().select({ value: sql<number>`count(*)` }).from(requestReleases).where(eq(requestReleases.professionalId, professionalId)).get()!.value
}

/** The scheduling fields of the contract's `request`. */
export function scheduleFields(row: { endsAt: Date, rescheduleCount: number, status: string, cancelledAt: Date | null, cancelledBy: CancellationParty | null, cancelledLate: boolean, cancellationFeePaise: number }) {
  return {
    endsAt: row.endsAt.toISOString(),
    rescheduleCount: row.rescheduleCount,
    cancellation: row.status === 'cancelled'
      ? { by: row.cancelledBy ?? 'customer', at: row.cancelledAt?.toISOString() ?? null, late: Boolean(row.cancelledLate), feeRupees: paiseToRupees(row.cancellationFeePaise) }
      : null,
  }
}
