import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import type { AppDatabase } from '../../db/client'
import { professionalProfiles, serviceRequests, services, users } from '../../db/schema'
import { listedProfessionalCondition, professionalSeesRequestCondition } from '../../server/utils/policies'
import { dayKey } from '../../shared/domain/jobs'
import { renderDailyReminder, type ReminderRecipient } from '../../server/utils/mail-templates'
import type { JobDefinition, JobMessage } from './types'

const PAGE = 500

/**
 * Approved, active professionals with requests awaiting their answer: the `requested` ones naming
 * them, and the open ones (naming nobody) of their service. Read PAGE professionals at a time.
 */
export function* selectDailyReminders(db: AppDatabase): Generator<ReminderRecipient> {
  for (let after = 0; ;) {
    const ids = db.select({ id: users.id }).from(users).innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
      .where(and(listedProfessionalCondition(), gt(users.id, after))).orderBy(asc(users.id)).limit(PAGE).all().map(row => row.id)
    if (!ids.length) return
    after = ids.at(-1)!
    const rows = db.select({
      professionalId: users.id, name: users.name, email: users.email,
      requestId: serviceRequests.id, serviceName: services.name, pincode: serviceRequests.pincode,
      scheduledFor: serviceRequests.scheduledFor, namedId: serviceRequests.professionalId,
    })
      .from(users)
      .innerJoin(professionalProfiles, eq(professionalProfiles.userId, users.id))
      .innerJoin(serviceRequests, and(eq(serviceRequests.status, 'requested'), professionalSeesRequestCondition(users.id, professionalProfiles.serviceId)))
      .innerJoin(services, eq(services.id, serviceRequests.serviceId))
      .where(and(listedProfessionalCondition(), inArray(users.id, ids)))
      .orderBy(asc(users.id), asc(serviceRequests.scheduledFor), asc(serviceRequests.id))
      .all()
    let recipient: ReminderRecipient | undefined
    for (const row of rows) {
      if (recipient?.id !== row.professionalId) {
        if (recipient) yield recipient
        recipient = { id: row.professionalId, name: row.name, email: row.email, requests: [] }
      }
      recipient.requests.push({ id: row.requestId, serviceName: row.serviceName, pincode: row.pincode, scheduledFor: row.scheduledFor, named: row.namedId === row.professionalId })
    }
    if (recipient) yield recipient
  }
}

export const dailyReminders: JobDefinition = {
  * collect(db, now, settings): Generator<JobMessage> {
    const period = dayKey(now)
    for (const recipient of selectDailyReminders(db)) {
      const { subject, html, text, chatText } = renderDailyReminder(recipient, settings.publicUrl)
      yield { recipientId: recipient.id, period, mail: { to: recipient.email, subject, html, text }, chatText }
    }
  },
}
