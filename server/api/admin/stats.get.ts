export default defineEventHandler(async (event) => {
  await requireRole(event, 'admin')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return adminStats()
})
