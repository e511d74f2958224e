export default defineEventHandler(async (event) => {
  const user = await requireRole(event, 'customer', 'professional')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return calendarLink(user)
})
