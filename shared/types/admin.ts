// The admin's background work as the API answers it (shared/API.md: jobs, exports, outbox), and the
// customer's monthly report: inferred from the server's serializers so they cannot drift from what is
// sent. Type-only imports: erased at build, no server code reaches the browser (docs/ARCHITECTURE.md).
import type { serializeExport } from '../../server/utils/exports'
import type { serializeJobRun } from '../../server/utils/jobs'
import type { listOutbox } from '../../server/utils/mail'
import type { serializeMonthlyReport } from '../../server/utils/monthly-report'

export type JobRun = ReturnType<typeof serializeJobRun>

export type JobStatus = JobRun['status']

export type RequestExport = ReturnType<typeof serializeExport>

export type OutboxMail = ReturnType<typeof listOutbox>['items'][number]

export type CustomerMonthlyReport = ReturnType<typeof serializeMonthlyReport>
