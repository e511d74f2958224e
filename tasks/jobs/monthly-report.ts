import { previousMonth } from '../../shared/domain/jobs'
import { renderMonthlyReport } from '../../server/utils/mail-templates'
import { activeCustomersAmong, assembleReport, customersWithActivity, monthActivity } from '../../server/utils/monthly-report'
import { chunks, type JobDefinition, type JobMessage } from './types'

const PAGE = 500

/** Each active customer with activity in the previous month gets the report the report page shows. */
export const monthlyReport: JobDefinition = {
  * collect(db, now, settings): Generator<JobMessage> {
    const month = previousMonth(now)
    const activity = monthActivity(db, month)
    for (const ids of chunks(customersWithActivity(activity), PAGE)) {
      for (const customer of activeCustomersAmong(db, ids)) {
        const { subject, html, text } = renderMonthlyReport(assembleReport(customer, month, activity), settings.publicUrl)
        yield { recipientId: customer.id, period: month, mail: { to: customer.email, subject, html, text } }
      }
    }
  },
}
