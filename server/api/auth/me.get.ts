export default defineEventHandler(async (event) => {
  const user = await requireUser(event)
  return { user: serializeUser(user, user.role === 'professional' ? findProfessionalProfile(user.id) : null) }
})
