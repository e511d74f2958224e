// How many of the caller's requests are in each status (the status tabs of a request list), in one answer.
export default defineEventHandler(async (event) => {
  const user = await requireUser(event)
  return { counts: countRequestsByStatus(requestActor(user)) }
})
