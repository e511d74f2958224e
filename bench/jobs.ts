/**
 * Times every background job on the benchmark's data and measures the API's p99 while each runs,
 * beside the same requests' p99 at rest just before. Jobs run in the server's worker thread: the
 * target is a p99 while running at most twice the one at rest.
 */
type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>

export type JobBench = { seconds: number, apiP99Ms: number, apiP99RestMs: number, status: string, sent?: number, rows?: number }

type Options = {
  api: Api
  /** The API's p99 in ms over `seconds` of load (the load itself is bench/run.ts's). */
  measureP99: (seconds: number) => Promise<number>
  restSeconds: number
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Starts `start`, then measures the API in one-second windows until `finished` says so; the worst window counts. */
async function timeUnderLoad(options: Options, start: () => Promise<unknown>, finished: () => Promise<{ status: string } | null>) {
  const apiP99RestMs = await options.measureP99(options.restSeconds)
  const started = performance.now()
  await start()
  let done: { status: string } | null = null
  let seconds = 0
  const poll = (async () => {
    while (!done) {
      done = await finished()
      if (!done) await sleep(100)
    }
    seconds = (performance.now() - started) / 1000
  })()
  const windows: number[] = []
  do windows.push(await options.measureP99(1))
  while (!done)
  await poll
  return { seconds: Math.round(seconds * 100) / 100, apiP99Ms: Math.max(...windows), apiP99RestMs, done: done as unknown as Record<string, unknown> }
}

export async function benchJobs(options: Options) {
  const { api } = options
  const results: Record<string, JobBench> = {}
  const jobs = { dailyReminders: 'daily-reminders', monthlyReport: 'monthly-report', inactiveReminders: 'inactive-reminders' } as const
  for (const [key, name] of Object.entries(jobs)) {
    let id = 0
    const measured = await timeUnderLoad(options,
      async () => {
        id = (await api<{ run: { id: number } }>('POST', `/api/admin/jobs/${name}/run`)).run.id
      },
      async () => {
        const run = (await api<{ items: { id: number, status: string, sent: number }[] }>('GET', `/api/admin/jobs?name=${name}`)).items.find(item => item.id === id)
        return run && (run.status === 'done' || run.status === 'failed') ? run : null
      })
    results[key] = { seconds: measured.seconds, apiP99Ms: measured.apiP99Ms, apiP99RestMs: measured.apiP99RestMs, status: String(measured.done.status), sent: Number(measured.done.sent) }
    console.log(`[bench]   ${name.padEnd(20)} ${measured.seconds} s, API p99 ${measured.apiP99Ms} ms while running (${measured.apiP99RestMs} ms at rest), ${results[key]!.sent} sent`)
  }
  let exportId = 0
  const exported = await timeUnderLoad(options,
    async () => {
      exportId = (await api<{ export: { id: number } }>('POST', '/api/admin/exports', { status: 'closed' })).export.id
    },
    async () => {
      const row = (await api<{ export: { status: string, rowCount: number } }>('GET', `/api/admin/exports/${exportId}`)).export
      return row.status === 'done' || row.status === 'failed' ? row : null
    })
  results.export = { seconds: exported.seconds, apiP99Ms: exported.apiP99Ms, apiP99RestMs: exported.apiP99RestMs, status: String(exported.done.status), rows: Number(exported.done.rowCount) }
  console.log(`[bench]   ${'export'.padEnd(20)} ${exported.seconds} s, API p99 ${exported.apiP99Ms} ms while running (${exported.apiP99RestMs} ms at rest), ${results.export.rows} rows`)
  return results
}
