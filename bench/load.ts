/**
 * The load generator: wrk (Debian package `wrk`), which on these 2 cores measures a bare node:http
 * server at 3–4× what autocannon can (a JavaScript client eats a core). autocannon stays for the
 * one-off comparison of the baseline (`baseline.autocannon` in the results).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

export type Measured = { rps: number, p50Ms: number, p99Ms: number, errors: number, ok2xx: number }
export type BenchRequest = { method?: 'GET' | 'POST', path: string, headers?: Record<string, string>, body?: string }

// Requests are drawn up front; each wrk thread takes every THREADS-th of them, so no two threads send the
// same one (a booking sent twice would be a 409), and cycles through its share when it runs out.
const REQUESTS_PER_RUN = 2000
const THREADS = 2
const scriptDir = mkdtempSync(join(tmpdir(), 'hs-wrk-'))
let scripts = 0

const lua = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`

function wrkScript(requests: BenchRequest[], threads: number) {
  const entries = requests.map(({ method = 'GET', path, headers = {}, body }) => {
    const headerTable = Object.entries(headers).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`).join(', ')
    return `wrk.format(${lua(method)}, ${lua(path)}, { ${headerTable} }, ${body === undefined ? 'nil' : lua(body)})`
  })
  return `local requests = nil
local index = 0
local step = ${threads}
local threadCount = 0
setup = function(thread)
  thread:set("id", threadCount)
  threadCount = threadCount + 1
end
init = function(args)
  requests = { ${entries.join(',\n')} }
  index = id + 1 - step
end
request = function()
  index = index + step
  if index > #requests then index = (index - 1) % #requests + 1 end
  return requests[index]
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
`
}

function runWrk(url: string, requests: BenchRequest[], seconds: number, connections: number): Promise<Measured> {
  const script = join(scriptDir, `load-${scripts++}.lua`)
  const threads = Math.min(THREADS, connections)
  writeFileSync(script, wrkScript(requests, threads))
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, url], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      const line = /RESULT (\{.*\})/.exec(output)?.[1]
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}:\n${output}`))
      const result = JSON.parse(line) as Record<string, number>
      const errors = result.connect! + result.read! + result.write! + result.status! + result.timeout!
      resolve({
        rps: Math.round(result.requests! / (result.durationUs! / 1e6)),
        p50Ms: Math.round(result.p50Us! / 100) / 10,
        p99Ms: Math.round(result.p99Us! / 100) / 10,
        errors,
        ok2xx: result.requests! - result.status!,
      })
    })
  })
}

function runAutocannon(url: string, requests: BenchRequest[], seconds: number, connections: number): Promise<Measured> {
  let index = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url, connections, duration: seconds,
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...requests[index++ % requests.length] }) }],
    }, (error: Error | null, result: autocannon.Result) => {
      if (error) return reject(error)
      resolve({
        rps: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx, ok2xx: result['2xx'],
      })
    })
    instance.on('error', reject)
  })
}

/**
 * Load on `url` for `seconds` with `connections` keep-alive connections, `count` requests drawn from `next`
 * (writes that must each be sent once, such as bookings of one slot, need more than a run sends).
 */
export function measure(url: string, next: () => BenchRequest, seconds: number, connections: number, client: 'wrk' | 'autocannon' = 'wrk', count = REQUESTS_PER_RUN) {
  const requests = Array.from({ length: count }, next)
  return client === 'wrk' ? runWrk(url, requests, seconds, connections) : runAutocannon(url, requests, seconds, connections)
}
