import { z } from 'zod'
import { monthKey } from '~~/shared/domain/jobs'

const query = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM').refine(month => month < monthKey(new Date()), 'Pick a past month'),
})

/** The customer's own activity report for a past month: the same data as the monthly e-mail. */
export default defineEventHandler(async (event) => {
  const { month } = readQuery(event, query)
  const customer = await requireRole(event, 'customer')
  const report = buildMonthlyReport(useDb(), customer, month)
  return {
    report: {
      ...report,
      requests: report.requests.map(request => ({ ...request, createdAt: request.createdAt.toISOString(), scheduledFor: request.scheduledFor.toISOString(), completedAt: request.completedAt?.toISOString() ?? null, price: request.pricePaise / 100, pricePaise: undefined })),
      ratings: report.ratings.map(rating => ({ ...rating, createdAt: rating.createdAt.toISOString() })),
      amountSpent: report.amountSpentPaise / 100,
      amountSpentPaise: undefined,
    },
  }
})
