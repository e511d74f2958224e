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

// Requests are drawn up front and cycled through by each wrk thread.
const REQUESTS_PER_RUN = 2000
const THREADS = 2
const scriptDir = mkdtempSync(join(tmpdir(), 'hs-wrk-'))
let scripts = 0

const lua = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`

function wrkScript(requests: BenchRequest[]) {
  const entries = requests.map(({ method = 'GET', path, headers = {}, body }) => {
    const headerTable = Object.entries(headers).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`).join(', ')
    return `wrk.format(${lua(method)}, ${lua(path)}, { ${headerTable} }, ${body === undefined ? 'nil' : lua(body)})`
  })
  return `local requests = nil
local index = 0
init = function(args)
  requests = { ${entries.join(',\n')} }
  index = math.random(#requests)
end
request = function()
  index = index % #requests + 1
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
  writeFileSync(script, wrkScript(requests))
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t', String(Math.min(THREADS, connections)), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, url], { stdio: ['ignore', 'pipe', 'pipe'] })
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

/** Load on `url` for `seconds` with `connections` keep-alive connections, requests drawn from `next`. */
export function measure(url: string, next: () => BenchRequest, seconds: number, connections: number, client: 'wrk' | 'autocannon' = 'wrk') {
  const requests = Array.from({ length: REQUESTS_PER_RUN }, next)
  return client === 'wrk' ? runWrk(url, requests, seconds, connections) : runAutocannon(url, requests, seconds, connections)
}
