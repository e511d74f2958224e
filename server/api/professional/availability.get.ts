export default defineEventHandler(async (event) => {
  const user = await requireRole(event, 'professional')
  return getAvailability(user.id)
})
