// The API's response objects as the pages read them, inferred from the server's serializers so
// they cannot drift from what is sent. Type-only imports: erased at build, no server code reaches
// the browser (docs/ARCHITECTURE.md).
import type { adminStats } from '../../server/utils/admin'
import type { listCategories, searchServices, serializeService, listServiceProfessionals } from '../../server/utils/catalogue'
import type { listNotifications } from '../../server/utils/notifications'
import type { findPublicProfessional, listProfessionalReviews, professionalDashboard } from '../../server/utils/professionals'
import type { serializeRequest } from '../../server/utils/requests'
import type { serializeUser } from '../../server/utils/users'

export type { ApprovalState, RequestStatus, Role } from '../domain/enums'

export type Paged<T> = { items: T[], total: number, page: number, pageSize: number }

export type Category = ReturnType<typeof listCategories>[number]

/** A service; search results also carry the rating of its listed professionals. */
export type Service = ReturnType<typeof serializeService> & Partial<Pick<ReturnType<typeof searchServices>['items'][number], 'rating' | 'reviewCount'>>

export type ServiceProfessional = ReturnType<typeof listServiceProfessionals>[number]

export type PublicProfessional = NonNullable<ReturnType<typeof findPublicProfessional>>

export type ServiceRequest = ReturnType<typeof serializeRequest>

export type Review = ReturnType<typeof listProfessionalReviews>['items'][number]

export type AppNotification = ReturnType<typeof listNotifications>['items'][number]

/** The contract's `user`: the signed-in user, and each row of the admin's lists. */
export type PublicUser = ReturnType<typeof serializeUser>

export type AdminUser = PublicUser

export type AdminStats = ReturnType<typeof adminStats>

export type ProfessionalDashboard = ReturnType<typeof professionalDashboard>
