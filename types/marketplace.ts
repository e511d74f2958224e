// The contract's objects (shared/API.md), as the pages read them.

export type RequestStatus = 'requested' | 'assigned' | 'completed' | 'closed' | 'rejected' | 'cancelled'
export type ApprovalState = 'pending' | 'approved' | 'rejected'

export type Paged<T> = { items: T[], total: number, page: number, pageSize: number }

export type Category = { id: number, name: string, serviceCount: number }

export type Service = {
  id: number
  name: string
  description: string
  basePrice: number
  timeRequiredMinutes: number
  categoryId: number
  category: { id: number, name: string }
  active: boolean
  rating?: number | null
  reviewCount?: number
}

export type ServiceProfessional = {
  id: number
  name: string
  experienceYears: number
  pincode: string
  rating: number | null
  reviewCount: number
}

export type ServiceRequest = {
  id: number
  status: RequestStatus
  serviceId: number
  service: { id: number, name: string, basePrice: number }
  customerId: number
  customer: { id: number, name: string, phone?: string, address?: string, pincode: string }
  professionalId: number | null
  professional: { id: number, name: string, phone?: string } | null
  scheduledFor: string
  /** null for a professional until the request is theirs */
  address: string | null
  pincode: string
  remarks: string
  createdAt: string
  acceptedAt: string | null
  completedAt: string | null
  closedAt: string | null
  cancelledAt?: string | null
  rejectedAt?: string | null
  review: { rating: number, comment: string } | null
}

export type Review = { rating: number, comment: string, customerName: string, createdAt: string }

export type AppNotification = { id: number, kind: string, message: string, link: string | null, readAt: string | null, createdAt: string }

export type AdminUser = {
  id: number
  email: string
  name: string
  role: 'admin' | 'customer' | 'professional'
  status: 'active' | 'blocked'
  phone: string
  address: string
  pincode: string
  createdAt: string
  professional?: {
    serviceId: number
    experienceYears: number
    description: string
    approval: ApprovalState
    rating: number | null
    reviewCount: number
    hasDocument: boolean
  }
}

export type AdminStats = {
  users: { customers: number, professionals: number, pendingApprovals: number, blocked: number }
  requests: { byStatus: Record<RequestStatus, number> }
  topServices: { serviceId: number, name: string, requests: number }[]
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>
}

export type ProfessionalDashboard = {
  counts: { requested: number, assigned: number, completed: number, closed: number, rejected: number }
  rating: number | null
  reviewCount: number
}
