// Ends the browser session. Tokens held by API clients stay valid until they expire or the
// password changes (POST /api/auth/password), which revokes every token of the account.
export default defineEventHandler((event) => {
  clearSessionCookie(event)
  setResponseStatus(event, 204)
  return null
})
