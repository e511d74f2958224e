// Ends this session: its token is refused from now on, by cookie or bearer; other sessions go on.
export default defineEventHandler(async (event) => {
  await endSession(event)
  clearSessionCookie(event)
  setResponseStatus(event, 204)
  return null
})
