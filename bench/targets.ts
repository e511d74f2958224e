/**
 * Issue 11's targets: throughput at 50 connections as a ratio to the same run's baseline, and p99
 * at 10 connections. A scenario without an entry is reported without a verdict.
 */
export type Target = { minRatio?: number, maxP99Ms10?: number, zeroErrors?: boolean, allAcknowledgedPresent?: boolean }
export type ScenarioResult = { rps: number, ratio?: number, p99Ms: number, p99Ms10?: number, errors: number, allAcknowledgedPresent?: boolean }

export const TARGETS: Record<string, Target> = {
  S1: { minRatio: 0.35, maxP99Ms10: 10 },
  S2: { minRatio: 0.10, maxP99Ms10: 25 },
  S4professional: { minRatio: 0.10, maxP99Ms10: 25 },
  S4customer: { minRatio: 0.10, maxP99Ms10: 25 },
  S5: { minRatio: 0.04, zeroErrors: true, allAcknowledgedPresent: true },
  S6search: { minRatio: 0.10, maxP99Ms10: 50 },
  S6service: { minRatio: 0.10, maxP99Ms10: 50 },
  S6dashboard: { minRatio: 0.015, maxP99Ms10: 150 },
  S6customer: { minRatio: 0.015, maxP99Ms10: 150 },
}

/** What the target asks, and whether the measured figures meet it (and if not, which part). */
export function verdict(name: string, result: ScenarioResult) {
  const target = TARGETS[name]
  if (!target) return { target: '—', verdict: '—' }
  const asks: string[] = []
  const missed: string[] = []
  if (target.minRatio !== undefined) {
    asks.push(`ratio ≥ ${target.minRatio}`)
    if ((result.ratio ?? 0) < target.minRatio) missed.push('ratio')
  }
  if (target.maxP99Ms10 !== undefined) {
    asks.push(`p99@10 ≤ ${target.maxP99Ms10} ms`)
    if (result.p99Ms10 === undefined || result.p99Ms10 > target.maxP99Ms10) missed.push('p99@10')
  }
  if (target.zeroErrors) {
    asks.push('0 errors')
    if (result.errors > 0) missed.push('errors')
  }
  if (target.allAcknowledgedPresent) {
    asks.push('all acknowledged present')
    if (!result.allAcknowledgedPresent) missed.push('acknowledged')
  }
  return { target: asks.join(', '), verdict: missed.length ? `MISSED (${missed.join(', ')})` : 'met' }
}
