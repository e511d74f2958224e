import { z } from 'zod'
import { monthKey } from '~~/shared/domain/jobs'

const query = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM').refine(month => month < monthKey(new Date()), 'Pick a past month'),
})

/** The customer's own activity report for a past month: the same data as the monthly e-mail. */
export default defineEventHandler(async (event) => {
  const { month } = readQuery(event, query)
  const customer = await requireRole(event, 'customer')
  return { report: serializeMonthlyReport(buildMonthlyReport(useDb(), customer, month)) }
})
