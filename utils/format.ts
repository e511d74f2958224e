import type { RequestStatus } from '~~/types/marketplace'

// Times are shown in India Standard Time on the server and in the browser alike, so the
// server-rendered text matches after hydration whatever the visitor's clock says.
export const DISPLAY_TIME_ZONE = 'Asia/Kolkata'
const IST_OFFSET = '+05:30'

const priceFormat = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' })
const dateTimeFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE })
const dateFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeZone: DISPLAY_TIME_ZONE })

export function formatPrice(rupees: number) {
  return priceFormat.format(rupees)
}

export function formatDuration(minutes: number) {
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours} h ${rest} min` : `${hours} h`
}

export function formatDateTime(iso: string | null | undefined) {
  return iso ? dateTimeFormat.format(new Date(iso)) : ''
}

export function formatDate(iso: string | null | undefined) {
  return iso ? dateFormat.format(new Date(iso)) : ''
}

export function formatRating(rating: number | null | undefined) {
  return rating == null ? 'New' : rating.toFixed(1)
}

/** `2026-11-22T10:30` typed in a datetime-local field (read as IST) → ISO string in UTC. */
export function localInputToIso(value: string) {
  return new Date(`${value}:00${IST_OFFSET}`).toISOString()
}

/** ISO string → the `YYYY-MM-DDTHH:mm` a datetime-local field shows, in IST. */
export function isoToLocalInput(iso: string) {
  const shifted = new Date(new Date(iso).getTime() + 330 * 60_000)
  return shifted.toISOString().slice(0, 16)
}

export const requestStatusMeta: Record<RequestStatus, { label: string, color: 'neutral' | 'info' | 'primary' | 'success' | 'warning' | 'error', icon: string }> = {
  requested: { label: 'Requested', color: 'info', icon: 'i-lucide-send' },
  assigned: { label: 'Assigned', color: 'primary', icon: 'i-lucide-user-check' },
  completed: { label: 'Completed', color: 'success', icon: 'i-lucide-circle-check' },
  closed: { label: 'Closed', color: 'neutral', icon: 'i-lucide-star' },
  rejected: { label: 'Rejected', color: 'error', icon: 'i-lucide-circle-x' },
  cancelled: { label: 'Cancelled', color: 'warning', icon: 'i-lucide-ban' },
}
