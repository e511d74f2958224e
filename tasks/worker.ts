import { parentPort, workerData } from 'node:worker_threads'
import { useDb } from '../server/utils/db'
import { executeExport } from './run-export'
import { executeJobRun, type RunControl } from './run-job'

/**
 * The background worker: a thread of its own with its own SQLite connection, so job runs and
 * exports never hold the thread that answers requests. The server posts { kind, id } for each
 * queued run or export it owns, and { kind: 'stop' } on shutdown; the worker answers
 * { kind: 'finished', id } per task and { kind: 'stopped' } once its tasks have reached a safe point.
 */
export type WorkerRequest = { kind: 'job' | 'export', id: number } | { kind: 'stop' }
export type WorkerReply = { kind: 'finished', task: 'job' | 'export', id: number } | { kind: 'stopped' }

const port = parentPort!
let stopping = false
const running = new Set<Promise<void>>()
const control: RunControl = { db: useDb(), owner: (workerData as { owner: string }).owner, stopping: () => stopping }

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'stop') {
    stopping = true
    void Promise.allSettled(running).then(() => port.postMessage({ kind: 'stopped' } satisfies WorkerReply))
    return
  }
  const task = (request.kind === 'job' ? executeJobRun(request.id, control) : executeExport(request.id, control))
    .catch(error => console.error(`[worker] ${request.kind} ${request.id}:`, error))
    .finally(() => {
      running.delete(task)
      port.postMessage({ kind: 'finished', task: request.kind, id: request.id } satisfies WorkerReply)
    })
  running.add(task)
})
